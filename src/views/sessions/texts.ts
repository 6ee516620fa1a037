/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { Translate, TranslationKey } from "../../i18n";

/** The failure kinds of src/matrix/errors.ts (views may not import the matrix layer). */
export type FailureKindText = "unreachable" | "timeout" | "rate_limited" | "server" | "bug";

/** A failure in plain words, from the common strings; `code` names a bug (kind "bug"). */
export function failureText(t: Translate, kind: FailureKindText, code?: string | null): string {
    switch (kind) {
        case "bug":
            return t("common.error_bug", { code: code ?? "?" });
        case "unreachable":
            return t("common.error_unreachable");
        case "timeout":
            return t("common.error_timeout");
        case "rate_limited":
            return t("common.error_rate_limited", { seconds: 30 });
        default:
            return t("common.error_unknown", { detail: kind });
    }
}

/**
 * The SAS emoji's name in the user's language. The SDK gives the spec's English names ("Thumbs Up",
 * "Light Bulb"); our tables hold all 64 under `sessions.emoji_<name in snake case>`. A name we do
 * not know (a future spec change) is shown in English rather than not at all.
 */
export function emojiName(t: Translate, englishName: string): string {
    const key = `sessions.emoji_${englishName
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "_")
        .replace(/^_|_$/g, "")}`;
    const text = t(key as TranslationKey);
    return text === key ? englishName : text;
}

/** How a session is named to the user: its name, else its ID. */
export function sessionLabel(t: Translate, name: string | null, deviceId: string): string {
    return name && name.trim() ? name : t("nudges.unnamed_session", { id: deviceId });
}
