/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/* The recovery key's text form (spec: "Key representation"): base58 with a prefix and a parity byte. */
import { bytes } from "./webCrypto";

const RECOVERY_KEY_PREFIX = [0x8b, 0x01];
const KEY_LENGTH = 32;
const BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/** The text is not a well-formed recovery key (typo, wrong length, not base58). */
export class MalformedRecoveryKeyError extends Error {
    public constructor(reason: string) {
        super(`Not a recovery key: ${reason}`);
        this.name = "MalformedRecoveryKeyError";
    }
}

function base58Decode(text: string): Uint8Array<ArrayBuffer> {
    let value = 0n;
    for (const char of text) {
        const digit = BASE58_ALPHABET.indexOf(char);
        if (digit < 0) throw new MalformedRecoveryKeyError("unexpected character");
        value = value * 58n + BigInt(digit);
    }
    const out: number[] = [];
    while (value > 0n) {
        out.unshift(Number(value % 256n));
        value /= 256n;
    }
    // Each leading "1" stands for a leading zero byte.
    for (const char of text) {
        if (char !== "1") break;
        out.unshift(0);
    }
    const result = bytes(out);
    out.fill(0);
    return result;
}

/** Whether `text` looks like a recovery key at all (so the form can tell a key from a passphrase). */
export function looksLikeRecoveryKey(text: string): boolean {
    try {
        decodeRecoveryKey(text).fill(0);
        return true;
    } catch {
        return false;
    }
}

/**
 * The 32-byte secret-storage key inside a recovery key ("EsT… …", base58, spaces ignored), checking
 * its prefix, length and parity byte. Throws MalformedRecoveryKeyError.
 */
export function decodeRecoveryKey(text: string): Uint8Array<ArrayBuffer> {
    const decoded = base58Decode(text.replace(/\s+/g, ""));
    if (decoded.length !== RECOVERY_KEY_PREFIX.length + KEY_LENGTH + 1) {
        throw new MalformedRecoveryKeyError("wrong length");
    }
    if (decoded[0] !== RECOVERY_KEY_PREFIX[0] || decoded[1] !== RECOVERY_KEY_PREFIX[1]) {
        throw new MalformedRecoveryKeyError("wrong prefix");
    }
    let parity = 0;
    for (const b of decoded) parity ^= b;
    if (parity !== 0) {
        decoded.fill(0);
        throw new MalformedRecoveryKeyError("parity check failed");
    }
    const key = decoded.slice(RECOVERY_KEY_PREFIX.length, RECOVERY_KEY_PREFIX.length + KEY_LENGTH);
    // Zero our intermediate copy; the caller zeroes the returned one. (The typed text and the BigInt
    // used while decoding are immutable in JavaScript: they cannot be wiped, only dropped.)
    decoded.fill(0);
    return key;
}
