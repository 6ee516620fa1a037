/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Reading and writing secret storage with a key the user gave us, without the app's
 * getSecretStorageKey callback (see secretStorageCrypto.ts for why). The client's own secret storage
 * still does what needs no key: key descriptions and the default-key pointer. Key checks are ours
 * (constant-time, and strict where the SDK's checkKey accepts any key).
 */
import type { HostClient } from "../hostClient";

import { withTimeout } from "../errors";
import { SECRET_NAMES } from "./constants";
import { accountData, findRecoveryKey } from "./readFacts";
import {
    decodeRecoveryKey,
    decryptSecret,
    deriveKeyFromPassphrase,
    encryptSecret,
    keyCheckMatches,
    MalformedRecoveryKeyError,
    passphraseParamsProblem,
    SecretDecryptionError,
    UnusablePassphraseParamsError,
    type EncryptedSecret,
    type PassphraseParams,
} from "./secretStorageCrypto";

/** The recovery key or passphrase did not unlock secret storage. Nothing was changed. */
export class WrongRecoveryKeyError extends Error {
    public constructor(public readonly malformed: boolean) {
        super(malformed ? "That is not a recovery key" : "Wrong recovery key or passphrase");
        this.name = "WrongRecoveryKeyError";
    }
}

/** There is no recovery key to enter: recovery was never set up (or was turned off). */
export class NoRecoveryError extends Error {
    public constructor() {
        super("Recovery is not set up on this account");
        this.name = "NoRecoveryError";
    }
}

/** An unlocked secret storage key: only ever held for the length of one action. */
export interface UnlockedKey {
    keyId: string;
    key: Uint8Array<ArrayBuffer>;
}

/**
 * Turns what the user typed (a recovery key from any client, or the passphrase when the key has one)
 * into the default secret-storage key, checked against the key's description (see keyFits).
 * Throws WrongRecoveryKeyError when neither reading unlocks it, UnusablePassphraseParamsError when the
 * input is not a recovery key and the key's stored passphrase settings cannot be run (see
 * passphraseParamsProblem).
 */
export async function unlockDefaultKey(client: HostClient, input: string): Promise<UnlockedKey> {
    const found = await findRecoveryKey(client);
    if (!found) throw new NoRecoveryError();
    const { keyId } = found;
    const info = found.info as Parameters<HostClient["secretStorage"]["checkKey"]>[1] & {
        passphrase?: PassphraseParams;
    };
    const candidates: Array<() => Promise<Uint8Array<ArrayBuffer>>> = [];
    let malformed = true;
    try {
        const decoded = decodeRecoveryKey(input);
        candidates.push(async () => decoded);
    } catch (e) {
        if (!(e instanceof MalformedRecoveryKeyError)) throw e;
    }
    // Passphrase settings come from account data; unusable ones (an absurd iteration count would hang
    // the unlock) are never run. A recovery key still works; anything else is answered with why.
    let unusablePassphrase: string | null = null;
    if (info.passphrase) {
        const params = info.passphrase;
        unusablePassphrase = passphraseParamsProblem(params);
        if (unusablePassphrase === null) {
            candidates.push(() => deriveKeyFromPassphrase(input, params));
            malformed = false; // anything may be a passphrase
        }
    }
    for (const candidate of candidates) {
        const key = await candidate();
        let fits = false;
        try {
            fits = await keyFits(client, keyId, info, key);
        } finally {
            if (!fits) key.fill(0);
        }
        if (fits) return { keyId, key };
        malformed = false;
    }
    // Not a recovery key at all, so the user meant the passphrase, which cannot be checked.
    if (unusablePassphrase !== null && malformed) throw new UnusablePassphraseParamsError(unusablePassphrase);
    throw new WrongRecoveryKeyError(malformed);
}

/**
 * Whether `key` is the key `keyId` describes. With the description's check (iv + mac), by that check.
 * Without one (very old clients wrote none; the SDK's checkKey then accepts ANY key), by decrypting a
 * secret stored under it; with nothing to decrypt either, no: a key we cannot check must never be used
 * to write secrets (a wrong one would overwrite them with what the real key cannot read).
 */
async function keyFits(
    client: HostClient,
    keyId: string,
    info: { iv?: unknown; mac?: unknown },
    key: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
    if (typeof info.iv === "string" && typeof info.mac === "string") {
        return keyCheckMatches(key, { iv: info.iv, mac: info.mac });
    }
    for (const name of Object.values(SECRET_NAMES)) {
        try {
            if ((await readSecret(client, { keyId, key }, name)) !== null) return true;
        } catch (error) {
            if (error instanceof SecretDecryptionError) return false;
            throw error;
        }
    }
    return false;
}

/** Decrypts one secret with the unlocked key; null when it is not stored with that key. */
export async function readSecret(client: HostClient, unlocked: UnlockedKey, name: string): Promise<string | null> {
    const content = await accountData<{ encrypted?: Record<string, EncryptedSecret> }>(client, name);
    const item = content?.encrypted?.[unlocked.keyId];
    if (!item?.ciphertext || !item.iv || !item.mac) return null;
    return decryptSecret(item, unlocked.key, name);
}

/** Encrypts `secret` with the key and stores it (replacing copies encrypted with other keys). */
export async function writeSecret(
    client: HostClient,
    unlocked: UnlockedKey,
    name: string,
    secret: string,
): Promise<void> {
    const encrypted = await encryptSecret(secret, unlocked.key, name);
    const setAccountData = client.setAccountData as unknown as (type: string, content: object) => Promise<unknown>;
    await withTimeout(setAccountData.call(client, name, { encrypted: { [unlocked.keyId]: encrypted } }));
}
