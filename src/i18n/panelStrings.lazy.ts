/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The runtime bundle's stand-in for panelStrings.ts: no panel strings in the entry chunk, and a
 * loader that fetches them (a lazy chunk next to index.js) when a German UI first needs them.
 */
export const panelStrings: Record<string, Record<string, string>> = {};

export const loadPanelStrings: ((language: string) => Promise<Record<string, string>>) | null = (language) =>
    language === "de"
        ? import(/* webpackChunkName: "strings-de" */ "./panelStrings").then((real) => real.panelStrings.de ?? {})
        : Promise.resolve({});
