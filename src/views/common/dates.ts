/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * The user's language for dates. Element keeps `<html lang>` in step with its language setting, so
 * this follows the user's choice without the module having to ask the host.
 */
export function documentLanguage(): string {
    if (typeof document !== "undefined" && document.documentElement.lang) return document.documentElement.lang;
    if (typeof navigator !== "undefined" && navigator.language) return navigator.language;
    return "en";
}

/** A day in the user's language ("3 Jan 2026", "03.01.2026"); falls back to English for an unknown tag. */
export function formatDay(timestamp: number, language: string = documentLanguage()): string {
    const options: Intl.DateTimeFormatOptions = { dateStyle: "medium" };
    let format: Intl.DateTimeFormat;
    try {
        format = new Intl.DateTimeFormat(language, options);
    } catch {
        format = new Intl.DateTimeFormat("en", options);
    }
    return format.format(new Date(timestamp));
}
