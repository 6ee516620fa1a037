/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Translations. One JSON file per area and language (strings/<lang>/<area>.json) so features can
 * add strings without touching each other's files. English is the source and the fallback; keys are
 * "<area>.<name>"; variables use Element's "%(name)s" syntax.
 */
import type enAdmin from "./strings/en/admin.json";
import enBackup from "./strings/en/backup.json";
import type enCheckup from "./strings/en/checkup.json";
import enCommon from "./strings/en/common.json";
import enEmail from "./strings/en/email.json";
import enNudges from "./strings/en/nudges.json";
import enSessions from "./strings/en/sessions.json";
import enShell from "./strings/en/shell.json";
import deCommon from "./strings/de/common.json";
import deNudges from "./strings/de/nudges.json";
import deShell from "./strings/de/shell.json";
import { loadPanelStrings, panelStrings } from "./panelStrings";

const enEntry = { ...enCommon, ...enShell, ...enEmail, ...enBackup, ...enSessions, ...enNudges };
const en: typeof enEntry & Partial<typeof enCheckup> & Partial<typeof enAdmin> = { ...enEntry };

/**
 * Every key, including areas whose English arrives with the code that uses them (checkup: the panel's
 * lazy chunk adds it through addStrings, see checkupStrings.ts; admin: the admin chunk, adminStrings.ts),
 * so the entry chunk stays small.
 */
export type TranslationKey = keyof typeof enEntry | keyof typeof enCheckup | keyof typeof enAdmin;
export type TranslationVariables = Record<string, string | number>;
export type Translate = (key: TranslationKey, variables?: TranslationVariables) => string;

type Catalogue = Partial<Record<TranslationKey, string>>;

/** Every language we ship, by its IETF tag. */
export const catalogues: Record<string, Catalogue> = {
    en,
    // The panel areas' German comes from panelStrings.ts (a lazy chunk in the runtime bundle).
    de: { ...deCommon, ...deShell, ...deNudges, ...panelStrings.de },
};

const loading = new Map<string, Promise<void>>();
const loaded = new Set<string>();

/** The catalogue that holds `language` ("de-AT" → "de"), if we ship one. */
function catalogueTag(language: string): string | undefined {
    if (catalogues[language]) return language;
    const base = baseLanguage(language);
    return catalogues[base] ? base : undefined;
}

/** "de-AT", "de_AT", "DE" → "de" (hosts spell language tags in different ways). */
function baseLanguage(language: string): string {
    return (language.split(/[-_]/)[0] ?? "").toLowerCase();
}

/** Whether every string of `language` is here (always, except in the runtime bundle before ensureStrings). */
export function stringsReady(language: string): boolean {
    const tag = catalogueTag(language);
    return !loadPanelStrings || tag === undefined || tag === "en" || loaded.has(tag);
}

/**
 * Makes sure every string of `language` is loaded. Resolves at once where they all are; in the
 * runtime bundle it fetches the panel areas' strings once (a failure leaves those in English).
 */
export function ensureStrings(language: string): Promise<void> {
    const tag = catalogueTag(language);
    if (stringsReady(language) || !tag || !loadPanelStrings) return Promise.resolve();
    let pending = loading.get(tag);
    if (!pending) {
        pending = loadPanelStrings(tag)
            .then((strings) => {
                // In place: translators already handed out read this same object.
                Object.assign(catalogues[tag]!, strings);
                loaded.add(tag);
            })
            .catch((error) => {
                loading.delete(tag);
                console.error(`[account-security] could not load the "${tag}" strings; showing English`, error);
            });
        loading.set(tag, pending);
    }
    return pending;
}

/**
 * Adds strings that arrive with the code that uses them (in place: translators already handed out
 * read the same objects).
 */
export function addStrings(language: string, strings: Catalogue): void {
    Object.assign((catalogues[language] ??= {}), strings);
}

/** Our strings in the shape of the module API's `i18n.register()` ({ key: { en: "…", de: "…" } }). */
export function toHostTranslations(): Record<string, Record<string, string>> {
    const result: Record<string, Record<string, string>> = {};
    for (const [language, catalogue] of Object.entries(catalogues)) {
        for (const [key, text] of Object.entries(catalogue)) {
            (result[key] ??= {})[language] = text as string;
        }
    }
    return result;
}

/** Replaces "%(name)s" with the variable's value; an unknown variable stays visible rather than vanishing. */
export function substitute(text: string, variables?: TranslationVariables): string {
    if (!variables) return text;
    return text.replace(/%\((\w+)\)s/g, (match, name: string) => (name in variables ? String(variables[name]) : match));
}

/** The language's plural rules ("de-AT" → German's), English's for a tag the browser does not know. */
function pluralRules(language: string): Intl.PluralRules {
    try {
        return new Intl.PluralRules(language.replace("_", "-"));
    } catch {
        return new Intl.PluralRules("en");
    }
}

/**
 * A translator for `language` ("de", "de-DE", …): exact tag, then the base language, then English,
 * then the key itself so a missing string is visible instead of blank.
 *
 * Plurals: with a numeric `count`, the language's plural category (Intl.PluralRules: "one", "few",
 * "other", …) picks `<key>_<category>` where the catalogue has it; the key itself is the form for
 * every other count. So English and German write `<key>_one` next to `<key>`, and a language with
 * more forms adds its own (`_few`, `_many`) without any change to the code.
 */
export function createTranslator(language: string): Translate {
    const chosen = catalogues[language] ?? catalogues[baseLanguage(language)] ?? {};
    const rules = pluralRules(language);
    const lookup = (catalogue: Catalogue, key: TranslationKey, count: unknown): string | undefined => {
        const form = typeof count === "number" ? (`${key}_${rules.select(count)}` as TranslationKey) : null;
        return (form && catalogue[form]) ?? catalogue[key];
    };
    return (key, variables) =>
        substitute(lookup(chosen, key, variables?.count) ?? lookup(en, key, variables?.count) ?? key, variables);
}
