/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The non-English strings of the panel areas (Secure Backup, Email, Sessions, Admin). Everywhere
 * except the runtime bundle they are simply part of the catalogues. The runtime bundle swaps this
 * module for panelStrings.lazy.ts (see webpack.config.js), which fetches them as a chunk the first
 * time a German UI needs them, so the file Element imports at startup stays small. English is
 * always complete in the entry: a string that has not arrived yet shows in English, never as a key.
 */
import deAdmin from "./strings/de/admin.json";
import deBackup from "./strings/de/backup.json";
import deCheckup from "./strings/de/checkup.json";
import deEmail from "./strings/de/email.json";
import deSessions from "./strings/de/sessions.json";

/** The panel strings by language, as far as they are loaded. */
export const panelStrings: Record<string, Record<string, string>> = {
    de: { ...deEmail, ...deBackup, ...deSessions, ...deAdmin, ...deCheckup },
};

/** Loads the panel strings of `language`; null when there is nothing to load (they are all here). */
export const loadPanelStrings: ((language: string) => Promise<Record<string, string>>) | null = null;
