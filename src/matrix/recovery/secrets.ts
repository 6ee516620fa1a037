/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Reading and writing secret storage with a key the user gave us, without the app's
 * getSecretStorageKey callback (see secretStorageCrypto.ts for why). The client's own secret storage
 * still does what needs no key: key descriptions, key checks, the default-key pointer.
 */
import type { MatrixClient } from "matrix-js-sdk/lib/client";

import { withTimeout } from "../errors";
import { accountData } from "./readFacts";
import {
    decodeRecoveryKey,
    decryptSecret,
    deriveKeyFromPassphrase,
    encryptSecret,
    MalformedRecoveryKeyError,
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
 * into the default secret-storage key, checked with the client's `secretStorage.checkKey`.
 * Throws WrongRecoveryKeyError when neither reading unlocks it.
 */
export async function unlockDefaultKey(client: MatrixClient, input: string): Promise<UnlockedKey> {
    const found = await withTimeout(client.secretStorage.getKey());
    if (!found) throw new NoRecoveryError();
    const [keyId, keyInfo] = found;
    const info = keyInfo as Parameters<MatrixClient["secretStorage"]["checkKey"]>[1] & {
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
    if (info.passphrase) {
        const params = info.passphrase;
        candidates.push(() => deriveKeyFromPassphrase(input, params));
        malformed = false; // anything may be a passphrase
    }
    for (const candidate of candidates) {
        const key = await candidate();
        if (await client.secretStorage.checkKey(key, info)) return { keyId, key };
        malformed = false;
        key.fill(0);
    }
    throw new WrongRecoveryKeyError(malformed);
}

/** Decrypts one secret with the unlocked key; null when it is not stored with that key. */
export async function readSecret(client: MatrixClient, unlocked: UnlockedKey, name: string): Promise<string | null> {
    const content = await accountData<{ encrypted?: Record<string, EncryptedSecret> }>(client, name);
    const item = content?.encrypted?.[unlocked.keyId];
    if (!item?.ciphertext || !item.iv || !item.mac) return null;
    return decryptSecret(item, unlocked.key, name);
}

/** Encrypts `secret` with the key and stores it (replacing copies encrypted with other keys). */
export async function writeSecret(
    client: MatrixClient,
    unlocked: UnlockedKey,
    name: string,
    secret: string,
): Promise<void> {
    const encrypted = await encryptSecret(secret, unlocked.key, name);
    const setAccountData = client.setAccountData as unknown as (type: string, content: object) => Promise<unknown>;
    await withTimeout(setAccountData.call(client, name, { encrypted: { [unlocked.keyId]: encrypted } }));
}
