/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The rule for a room-key export's passphrase. The file holds every message key of this session and
 * can be attacked offline, so the passphrase matters. This is a stand-in rule (at least 10
 * characters, not one repeated character, not a well-known password) behind one function: once the
 * zxcvbn-ts based strength check for recovery passphrases is merged (branch safety-ui), this
 * function is the one place to swap it in.
 */

export const MIN_EXPORT_PASSPHRASE_LENGTH = 10;

/** A few passphrases attackers try first (lower-case, compared without spaces). */
const COMMON = new Set([
    "1234567890",
    "0123456789",
    "12345678910",
    "qwertyuiop",
    "password123",
    "passwort123",
    "iloveyou123",
    "qwertzuiop",
    "abcdefghij",
    "matrixmatrix",
    "elementelement",
]);

/** Why `passphrase` is not good enough, or null when it is. */
export function exportPassphraseProblem(passphrase: string): "too_short" | "weak" | null {
    if ([...passphrase].length < MIN_EXPORT_PASSPHRASE_LENGTH) return "too_short";
    const squashed = passphrase.toLowerCase().replace(/\s+/g, "");
    if (new Set(squashed).size <= 2) return "weak";
    if (COMMON.has(squashed)) return "weak";
    return null;
}
