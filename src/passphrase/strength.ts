/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Is a passphrase good enough to protect the recovery key? A passphrase-derived key is only as strong
 * as the passphrase: its salt, iteration count and a key check sit in account data on the homeserver,
 * so whoever reads that (the server, a backup of it) can try guesses offline, as fast as they like.
 * The estimate comes from zxcvbn-ts (a maintained library; Element uses it too), loaded on first use.
 */

/** zxcvbn's score: 0 (too guessable) … 4 (very unguessable, > 10^10 guesses). */
export type PassphraseScore = 0 | 1 | 2 | 3 | 4;

/** Fewer characters are refused before any estimate (and said so plainly). */
export const PASSPHRASE_MIN_LENGTH = 10;

/** zxcvbn-ts's warning keys, each with its own sentence in backup.json ("backup.passphrase_warning_<key>"). */
export const PASSPHRASE_WARNINGS = [
    "straightRow",
    "keyPattern",
    "simpleRepeat",
    "extendedRepeat",
    "sequences",
    "recentYears",
    "dates",
    "topTen",
    "topHundred",
    "common",
    "similarToCommon",
    "wordByItself",
    "namesByThemselves",
    "commonNames",
    "userInputs",
    "pwned",
] as const;
export type PassphraseWarning = (typeof PASSPHRASE_WARNINGS)[number];

export type PassphraseVerdict =
    | { ok: true; score: PassphraseScore }
    | { ok: false; reason: "too_short" }
    | { ok: false; reason: "too_weak"; score: PassphraseScore; minScore: number; warning: PassphraseWarning | null };

type Estimator = typeof import("./estimator");
let estimator: Promise<Estimator> | null = null;

/** Loads the estimator chunk (once); also used to start the download as soon as the field is shown. */
export function loadPassphraseEstimator(): Promise<Estimator> {
    if (!estimator) {
        estimator = import(/* webpackChunkName: "passphrase-strength" */ "./estimator").catch((error: unknown) => {
            estimator = null; // a failed chunk download may work on the next try
            throw error;
        });
    }
    return estimator;
}

function isWarning(value: string | null): value is PassphraseWarning {
    return value !== null && (PASSPHRASE_WARNINGS as readonly string[]).includes(value);
}

/**
 * Judges `passphrase` against the deployer's minimum score. `userInputs` (user ID, display name)
 * count as easy to guess. Rejects only when the estimator cannot be loaded: the caller then refuses
 * the passphrase too (never accept one unchecked).
 */
export async function judgePassphrase(
    passphrase: string,
    minScore: number,
    userInputs: string[] = [],
): Promise<PassphraseVerdict> {
    if ([...passphrase].length < PASSPHRASE_MIN_LENGTH) return { ok: false, reason: "too_short" };
    const { estimate } = await loadPassphraseEstimator();
    const result = estimate(passphrase, userInputs);
    const score = result.score as PassphraseScore;
    if (score >= minScore) return { ok: true, score };
    const warning = result.feedback.warning;
    return { ok: false, reason: "too_weak", score, minScore, warning: isWarning(warning) ? warning : null };
}
