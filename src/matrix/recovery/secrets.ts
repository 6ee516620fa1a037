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

import { readAccountData, writeAccountData } from "../accountData";
import { withTimeout } from "../errors";
import { SECRET_NAMES, SECRET_STORAGE_ALGORITHM } from "./constants";
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

/** The account's recovery key is of a kind this module cannot use (an unknown secret-storage algorithm). */
export class UnsupportedKeyAlgorithmError extends Error {
    public constructor(public readonly algorithm: string) {
        super(`This kind of recovery key is not supported here (${algorithm})`);
        this.name = "UnsupportedKeyAlgorithmError";
    }
}

type KeyDescription = { algorithm?: unknown; iv?: unknown; mac?: unknown; passphrase?: PassphraseParams };

/**
 * The keys a user's input may be meant for: the recovery key (see findRecoveryKey) first, then any
 * other key that the cross-signing master key is still stored under. The second kind exists while a
 * key change is unfinished (the new key's copies are written beside the old ones, the default moves,
 * then the old copies go): whichever key the user holds keeps working until its copies are removed.
 */
async function candidateKeys(client: HostClient): Promise<Array<{ keyId: string; info: KeyDescription }>> {
    const found = await findRecoveryKey(client);
    if (!found) throw new NoRecoveryError();
    const keys = [{ keyId: found.keyId, info: found.info as KeyDescription }];
    const master = await accountData<{ encrypted?: Record<string, unknown> }>(client, SECRET_NAMES.master);
    for (const keyId of Object.keys(master?.encrypted ?? {}).slice(0, 4)) {
        if (keys.some((k) => k.keyId === keyId)) continue;
        const tuple = await withTimeout(client.secretStorage.getKey(keyId));
        if (tuple?.[1]?.algorithm === SECRET_STORAGE_ALGORITHM) keys.push({ keyId, info: tuple[1] as KeyDescription });
    }
    return keys;
}

/**
 * Turns what the user typed (a recovery key from any client, or the passphrase when the key has one)
 * into a secret-storage key of the account, checked against the key's description (see keyFits).
 * Throws WrongRecoveryKeyError when no reading unlocks any candidate key, UnusablePassphraseParamsError
 * when the input is not a recovery key and the key's stored passphrase settings cannot be run (see
 * passphraseParamsProblem), UnsupportedKeyAlgorithmError when the account's key is of an unknown kind.
 */
export async function unlockDefaultKey(client: HostClient, input: string): Promise<UnlockedKey> {
    const keys = await candidateKeys(client);
    const first = keys[0]!;
    // A description emptied by "turn key storage off" (cut off before the pointer went): no key.
    if (first.info.algorithm === undefined) throw new NoRecoveryError();
    if (first.info.algorithm !== SECRET_STORAGE_ALGORITHM) {
        throw new UnsupportedKeyAlgorithmError(String(first.info.algorithm));
    }
    let decoded: Uint8Array<ArrayBuffer> | null = null;
    try {
        decoded = decodeRecoveryKey(input);
    } catch (e) {
        if (!(e instanceof MalformedRecoveryKeyError)) throw e;
    }
    let malformed = decoded === null;
    // Passphrase settings come from account data; unusable ones (an absurd iteration count would hang
    // the unlock, a short key length would be guessable) are never run. A recovery key still works;
    // anything else is answered with why.
    let unusablePassphrase: string | null = null;
    try {
        for (const { keyId, info } of keys) {
            const candidates: Array<() => Promise<Uint8Array<ArrayBuffer>>> = [];
            if (decoded) {
                const copy = Uint8Array.from(decoded);
                candidates.push(async () => copy);
            }
            if (info.passphrase) {
                const params = info.passphrase;
                const problem = passphraseParamsProblem(params);
                if (problem === null) {
                    candidates.push(() => deriveKeyFromPassphrase(input, params));
                    malformed = false; // anything may be a passphrase
                } else if (keyId === first.keyId) {
                    unusablePassphrase = problem;
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
                if (decoded) malformed = false;
            }
        }
    } finally {
        decoded?.fill(0);
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

type SecretContent = { encrypted?: Record<string, unknown> };

/**
 * The secret's copies as the server has them now. Once the first sync is done, the synced copy:
 * matrix-js-sdk's setAccountData (38.3 through 43, while the client runs) resolves only when the
 * sync has brought the write back, so it holds every write of ours that completed (and Element's
 * own set-up trusts it too). Before that, a GET: only a definite "none" (404 M_NOT_FOUND) is empty,
 * any other failure is thrown, so nothing is written over copies we could not read. (The synced copy
 * can miss only a write another device made within the last sync round trip.)
 */
async function storedCopies(client: HostClient, name: string): Promise<Record<string, unknown>> {
    const encryptedOf = (content: SecretContent | null | undefined): Record<string, unknown> =>
        content?.encrypted && typeof content.encrypted === "object" ? content.encrypted : {};
    if (client.isInitialSyncComplete()) return encryptedOf(readAccountData(client, name) as SecretContent | undefined);
    const get = client.http.authedRequest as unknown as (method: string, path: string) => Promise<SecretContent>;
    const path = `/user/${encodeURIComponent(client.getSafeUserId())}/account_data/${encodeURIComponent(name)}`;
    try {
        return encryptedOf(await withTimeout(get.call(client.http, "GET", path)));
    } catch (error) {
        if ((error as { errcode?: string } | null)?.errcode === "M_NOT_FOUND") return {};
        throw error;
    }
}

/**
 * Encrypts `secret` with the key and stores it, returning the stored copy. `alongside`: the copies
 * encrypted with other keys stay (a secret's `encrypted` map may hold one copy per key), so a key change
 * can add the new key's copy before the old key stops working; otherwise they are replaced.
 */
export async function writeSecret(
    client: HostClient,
    unlocked: UnlockedKey,
    name: string,
    secret: string,
    alongside = false,
): Promise<EncryptedSecret> {
    const encrypted = await encryptSecret(secret, unlocked.key, name);
    const others = alongside ? await storedCopies(client, name) : {};
    await writeAccountData(client, name, { encrypted: { ...others, [unlocked.keyId]: encrypted } });
    return encrypted;
}

/** Leaves only `copy` (encrypted with `keyId`) of secret `name`: other keys' copies go (no key needed). */
export async function keepOnlyCopy(
    client: HostClient,
    name: string,
    keyId: string,
    copy: EncryptedSecret,
): Promise<void> {
    await writeAccountData(client, name, { encrypted: { [keyId]: copy } });
}
