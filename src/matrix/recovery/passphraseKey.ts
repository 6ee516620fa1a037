/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * A secret-storage key derived from a passphrase (spec: "Deriving keys from passphrases", m.pbkdf2).
 * The derivation is matrix-js-sdk's own pure function (bundled from its lib path, never the client);
 * what we add is the check of the stored settings, which come from account data the server can write.
 */
import { deriveRecoveryKeyFromPassphrase } from "matrix-js-sdk/lib/crypto-api/key-passphrase";

/** The parameters a passphrase-based key was made with (`passphrase` in the key's description). */
export interface PassphraseParams {
    algorithm: string;
    salt: string;
    iterations: number;
    bits?: number;
}

/**
 * The most PBKDF2 iterations we run. Clients write 100,000 (older) to 500,000 (matrix-js-sdk today);
 * the count comes from account data, so a corrupt or hostile value (1e12, Infinity) would otherwise
 * keep the unlock spinner turning for hours. 10 million is a few seconds on a slow phone.
 */
export const MAX_PASSPHRASE_ITERATIONS = 10_000_000;
/**
 * The only key length a passphrase may be stretched to (bits): what every client writes, and the
 * length of a secret-storage key. The value comes from account data, which the homeserver can write:
 * `bits: 8` would leave 256 possible keys, so any other length is refused.
 */
const PASSPHRASE_BITS = 256;

/**
 * The passphrase settings stored with the key cannot be used (unknown algorithm, iteration count
 * that is not a whole number from 1 to MAX_PASSPHRASE_ITERATIONS, ...). The recovery key still works.
 */
export class UnusablePassphraseParamsError extends Error {
    public constructor(reason: string) {
        super(`The passphrase settings stored in account data are unusable: ${reason}`);
        this.name = "UnusablePassphraseParamsError";
    }
}

/** Why `params` (read from account data: any JSON at all) cannot be used, or null when they can. */
export function passphraseParamsProblem(params: unknown): string | null {
    const p = (typeof params === "object" && params !== null ? params : {}) as Record<string, unknown>;
    if (p.algorithm !== "m.pbkdf2") return `unknown algorithm ${JSON.stringify(p.algorithm)}`;
    if (typeof p.salt !== "string") return "no salt";
    const { iterations, bits } = p;
    if (typeof iterations !== "number" || !Number.isInteger(iterations) || iterations < 1)
        return `iteration count ${JSON.stringify(iterations)} is not a whole number of at least 1`;
    if (iterations > MAX_PASSPHRASE_ITERATIONS)
        return `iteration count ${iterations} is above the limit of ${MAX_PASSPHRASE_ITERATIONS}`;
    if (bits !== undefined && bits !== PASSPHRASE_BITS)
        return `key length ${JSON.stringify(bits)} is not ${PASSPHRASE_BITS} bits`;
    return null;
}

/**
 * Derives the secret-storage key from a passphrase (m.pbkdf2: PBKDF2 with SHA-512).
 * Throws UnusablePassphraseParamsError, before any work, when the stored settings are unusable.
 */
export async function deriveKeyFromPassphrase(
    passphrase: string,
    params: PassphraseParams,
): Promise<Uint8Array<ArrayBuffer>> {
    const problem = passphraseParamsProblem(params);
    if (problem !== null) throw new UnusablePassphraseParamsError(problem);
    const key = await deriveRecoveryKeyFromPassphrase(passphrase, params.salt, params.iterations, PASSPHRASE_BITS);
    return key as Uint8Array<ArrayBuffer>;
}
