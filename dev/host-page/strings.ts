/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The host page's own words (sign-in, room list, toasts, dialogs) in the languages its switch offers,
 * so a German page is German around the module too, as Element would be. The module brings its own
 * strings; these are only the stand-in's. Keyed by the English text: a missing entry stays English.
 */

const GERMAN: Record<string, string> = {
    "Loading your session…": "Deine Sitzung wird geladen …",
    "Sign in": "Anmelden",
    "No Element Web build was found, so this is the development stand-in, not Element (README: “Real Element”).":
        "Kein Element-Web-Build gefunden, daher ist dies der Entwicklungs-Ersatz, nicht Element (README: „Real Element“).",
    Homeserver: "Heimserver",
    Username: "Benutzername",
    Password: "Passwort",
    "Create account": "Konto erstellen",
    "Registration failed (HTTP {status})": "Registrierung fehlgeschlagen (HTTP {status})",
    Spaces: "Spaces",
    Home: "Startseite",
    Rooms: "Räume",
    Language: "Sprache",
    Mail: "E-Mail",
    "Sign out": "Abmelden",
    "Session {id}": "Sitzung {id}",
    "Welcome, {user}": "Willkommen, {user}",
    "This page is a development stand-in for Element Web. The Account security module is loaded into it through the real module loader, exactly as Element loads it from":
        "Diese Seite ist ein Entwicklungs-Ersatz für Element Web. Das Modul „Kontosicherheit“ wird über den echten Modul-Lader geladen, genau wie Element es lädt, aus",
    "Open it from the shield in the space panel on the left, or create an encrypted room to try message history.":
        "Öffne es über den Schild in der Space-Leiste links, oder erstelle einen verschlüsselten Raum, um den Nachrichtenverlauf auszuprobieren.",
    "New encrypted room": "Neuer verschlüsselter Raum",
    "Encrypted room {time}": "Verschlüsselter Raum {time}",
    " (invited)": " (eingeladen)",
    "No rooms yet.": "Noch keine Räume.",
    "Unable to decrypt message": "Nachricht kann nicht entschlüsselt werden",
    "Decrypting…": "Wird entschlüsselt …",
    "Room not found.": "Raum nicht gefunden.",
    Join: "Beitreten",
    "Encrypted room": "Verschlüsselter Raum",
    "Not encrypted": "Nicht verschlüsselt",
    Messages: "Nachrichten",
    Message: "Nachricht",
    "Send an encrypted message…": "Verschlüsselte Nachricht senden …",
    Send: "Senden",
    "Close dialog": "Dialog schließen",
    Settings: "Einstellungen",
    "Element Web would open its own settings here (tab: {tab}). The development host does not have them.":
        "Element Web würde hier seine eigenen Einstellungen öffnen (Reiter: {tab}). Die Entwicklungs-Hostseite hat keine.",
    "Enter your recovery key": "Gib deinen Wiederherstellungsschlüssel ein",
    "Your encrypted data is locked. Enter your recovery key (or recovery passphrase) to unlock it.":
        "Deine verschlüsselten Daten sind gesperrt. Gib deinen Wiederherstellungsschlüssel (oder deine Passphrase) ein, um sie zu entsperren.",
    "Recovery key": "Wiederherstellungsschlüssel",
    "That is not the recovery key of this account.": "Das ist nicht der Wiederherstellungsschlüssel dieses Kontos.",
    Cancel: "Abbrechen",
    Continue: "Weiter",
    "Verify other device": "Anderes Gerät verifizieren",
    "Verify user": "Benutzer verifizieren",
    "Verification requested": "Verifizierung angefragt",
    "Your other session {name} wants to verify this session.":
        "Deine andere Sitzung {name} möchte diese Sitzung verifizieren.",
    "{user} wants to verify you.": "{user} möchte dich verifizieren.",
    Ignore: "Ignorieren",
    "Verify session": "Sitzung verifizieren",
    "Verified! This session and {other} now trust each other.":
        "Verifiziert! Diese Sitzung und {other} vertrauen einander jetzt.",
    "Got it": "Verstanden",
    "The verification was cancelled.": "Die Verifizierung wurde abgebrochen.",
    Close: "Schließen",
    "Confirm that the emoji below are displayed on both devices, in the same order:":
        "Bestätige, dass die folgenden Emojis auf beiden Geräten in derselben Reihenfolge angezeigt werden:",
    "Emoji to compare": "Zu vergleichende Emojis",
    "Waiting for the other device to confirm…": "Warte auf die Bestätigung des anderen Geräts …",
    "They don't match": "Sie stimmen nicht überein",
    "They match": "Sie stimmen überein",
    "Waiting for the other device to start comparing emoji…":
        "Warte darauf, dass das andere Gerät den Emoji-Vergleich startet …",
    "Verify by emoji": "Mit Emojis verifizieren",
};

let german = false;

/** Called once at start-up with the page's language (the switch reloads the page). */
export function setHostLanguage(language: string): void {
    german = language.toLowerCase().startsWith("de");
}

/** `text` in the page's language, `{name}` placeholders filled from `vars`. */
export function h(text: string, vars: Record<string, string | number> = {}): string {
    const translated = (german ? GERMAN[text] : undefined) ?? text;
    return translated.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}
