/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { Translate } from "../../i18n";
import type { ActionProblem, Failure } from "./types";
import type { PassphraseVerdict } from "../../passphrase/strength";

/** A homeserver failure in plain words (shared wording from common.json). */
export function failureText(t: Translate, failure: Failure): string {
    switch (failure.kind) {
        case "unreachable":
            return t("common.error_unreachable");
        case "timeout":
            return t("common.error_timeout");
        case "rate_limited":
            return t("common.error_rate_limited", { seconds: Math.ceil((failure.retryAfterMs ?? 5000) / 1000) });
        case "bug":
            return t("common.error_bug", { code: failure.code ?? failure.detail });
        default:
            return t("common.error_unknown", { detail: failure.detail });
    }
}

/** Why a passphrase was refused: too short, or too easy to guess (with zxcvbn's reason where it gave one). */
export function weakPassphraseText(t: Translate, verdict: Exclude<PassphraseVerdict, { ok: true }>): string {
    if (verdict.reason === "too_short") return t("backup.setup_passphrase_too_short");
    const weak = t("backup.passphrase_too_weak", { score: verdict.score, min: verdict.minScore });
    return verdict.warning ? `${weak} ${t(`backup.passphrase_warning_${verdict.warning}`)}` : weak;
}

export function problemText(t: Translate, problem: ActionProblem): string {
    switch (problem.kind) {
        case "wrong_key":
            return t("backup.problem_wrong_key");
        case "not_a_key":
            return t("backup.problem_not_a_key");
        case "passphrase_unusable":
            return t("backup.problem_passphrase_unusable");
        case "passphrase_weak":
            return weakPassphraseText(t, problem.verdict);
        case "passphrase_unchecked":
            return t("backup.passphrase_unchecked");
        case "secrets_missing":
            return t("backup.problem_secrets_missing");
        case "not_verified_here":
            return t("backup.problem_not_verified_here");
        case "auth_unsupported":
            return t("backup.problem_auth_unsupported");
        case "unsupported_key":
            return t("backup.problem_unsupported_key");
        case "storage_damaged":
            return t("backup.problem_storage_damaged");
        case "backup_unknown":
            return `${t("backup.problem_backup_unknown")} ${failureText(t, problem.failure)}`;
        case "failure":
            return failureText(t, problem.failure);
    }
}
