/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";
import type { GeneratedSecretStorageKey, KeyBackupInfo } from "matrix-js-sdk/lib/crypto-api";
import type { UIAuthCallback } from "matrix-js-sdk/lib/interactive-auth";

import { writeAccountData } from "../accountData";
import { withTimeout } from "../errors";
import { keepDehydratedDevice } from "../keys/dehydratedDevice";
import { withUserInteractiveAuth, type AuthPrompt } from "../uia";
import { startBackupIfNone, startNewBackup } from "./backup";
import { ELEMENT_BACKUP_DISABLED_TYPE, ELEMENT_RECOVERY_TYPE } from "../sdkConstants";
import { SECRET_NAMES, SECRET_STORAGE_ALGORITHM } from "./constants";
import { accountData, cryptoOf, fetchServerBackup } from "./readFacts";
import { keepOnlyCopy, type UnlockedKey } from "./secrets";
import { storeSecretsHeldHere } from "./storeSecrets";

/**
 * A recovery key generated on this device and not yet saved anywhere. Shown once to the user; the
 * caller must call `forgetRecoveryKey` when done (saved, cancelled or failed).
 */
// privateKey: matrix-js-sdk < 43 types it as a plain Uint8Array; it is always over an ArrayBuffer.
export type NewRecoveryKey = GeneratedSecretStorageKey & {
    encodedPrivateKey: string;
    privateKey: Uint8Array<ArrayBuffer>;
};

/**
 * Generates a recovery key (from a passphrase when one is given). Purely local: nothing reaches the
 * server until `setUpRecovery` / `changeRecoveryKey`, so the user can save it and type it back first.
 */
export async function createRecoveryKey(client: HostClient, passphrase?: string): Promise<NewRecoveryKey> {
    const generated = await cryptoOf(client).createRecoveryKeyFromPassphrase(passphrase || undefined);
    if (!generated.encodedPrivateKey) throw new Error("The crypto stack returned no printable recovery key");
    return generated as NewRecoveryKey;
}

/**
 * Zeroes the key's bytes (`privateKey`). Its printable form (`encodedPrivateKey`, and any copy the view
 * shows) is a JavaScript string, which cannot be overwritten: it is only dropped, for the garbage
 * collector to reclaim at some point.
 */
export function forgetRecoveryKey(key: NewRecoveryKey | null): void {
    key?.privateKey.fill(0);
}

/** Adapts our UIA helper to the SDK's callback for uploading cross-signing keys. */
export function uploadAuth(client: HostClient, prompt: AuthPrompt): UIAuthCallback<void> {
    return async (makeRequest) => {
        await withUserInteractiveAuth(client, (auth) => makeRequest(auth ?? null), prompt);
    };
}

/** This device lacks the cross-signing keys, so a new recovery key could not protect them. */
export class NotVerifiedHereError extends Error {
    public constructor() {
        super("This device does not hold your cross-signing keys; enter your current recovery key first");
        this.name = "NotVerifiedHereError";
    }
}

async function allCrossSigningKeysHere(client: HostClient): Promise<boolean> {
    const cached = (await cryptoOf(client).getCrossSigningStatus()).privateKeysCachedLocally;
    return cached.masterKey && cached.selfSigningKey && cached.userSigningKey;
}

/**
 * Adds `key` as the new default secret-storage key and stores every secret held here under it, in
 * the order that keeps a key working on a new device whatever request fails or whenever the tab closes:
 *   1. the new key's description (unused until the pointer moves);
 *   2. each secret's new copy written BESIDE the copies under the current key (one `encrypted` map
 *      holds one copy per key), so the current key still opens everything;
 *   3. the default-key pointer moves to the new key: from here on the new key is the recovery key;
 *   4. the old keys' copies of the secrets we rewrote are removed, so the old key opens nothing.
 * Cut off before 3, the old key works as before (and so does the new one, through its copies: see
 * unlockDefaultKey). Cut off during 4, the new key works; the old one still opens the copies not yet
 * removed, until a retry (which the caller offers) finishes the job.
 * Then, as Element does after its own set-up and key change, a dehydrated device is kept where the
 * host's SDK and the homeserver support it (its key stored under the new key; see dehydratedDevice.ts).
 */
async function storeUnderNewKey(client: HostClient, key: NewRecoveryKey, serverBackup: KeyBackupInfo): Promise<void> {
    const { keyId } = await withTimeout(
        client.secretStorage.addKey(SECRET_STORAGE_ALGORITHM, {
            key: key.privateKey,
            passphrase: key.keyInfo?.passphrase,
            name: key.keyInfo?.name,
        }),
    );
    const unlocked: UnlockedKey = { keyId, key: key.privateKey };
    const written = await storeSecretsHeldHere(client, unlocked, false, true, serverBackup);
    await withTimeout(client.secretStorage.setDefaultKeyId(keyId));
    for (const [name, copy] of written) await keepOnlyCopy(client, name, keyId, copy);
    if ((await keepDehydratedDevice(client, unlocked)) === "failed") {
        console.warn("[account-security] the dehydrated device could not be renewed; recovery itself is set up");
    }
}

/** Cross-signing keys that this device lacks, when the account has an identity: enter the key first. */
async function requireCrossSigningKeysHere(client: HostClient): Promise<void> {
    if (!(await allCrossSigningKeysHere(client))) throw new NotVerifiedHereError();
}

/**
 * Sets up recovery with `key` (already saved and typed back by the user): creates the cross-signing
 * identity if the account has none (first upload needs no UIA; `prompt` covers servers that ask),
 * starts a backup only if the server definitely has none (an existing one is never replaced here; an
 * uncertain answer stops the set-up), stores the secrets under the new key and makes it the default.
 * Records "recovery enabled" in Element's account data so Element agrees.
 */
export async function setUpRecovery(client: HostClient, key: NewRecoveryKey, prompt: AuthPrompt): Promise<void> {
    const crypto = cryptoOf(client);
    const userId = client.getSafeUserId();
    if (!(await allCrossSigningKeysHere(client))) {
        if (await withTimeout(crypto.userHasCrossSigningKeys(userId, true))) throw new NotVerifiedHereError();
        await crypto.bootstrapCrossSigning({ authUploadDeviceSigningKeys: uploadAuth(client, prompt) });
    }
    await storeUnderNewKey(client, key, await startBackupIfNone(client));
    await recordRecoveryEnabled(client);
}

/**
 * Replaces the recovery key: the new key becomes the default and the secrets are stored under it
 * only, so the old key no longer unlocks anything (see storeUnderNewKey for the order). Needs this
 * device to hold the secrets (verified session, or enter the current key first). Never replaces the
 * backup: one is started only when the server definitely has none; a backup this device cannot use
 * stays as it is (replacing it is "Start a new backup", replaceBackup).
 */
export async function changeRecoveryKey(client: HostClient, key: NewRecoveryKey): Promise<void> {
    await requireCrossSigningKeysHere(client);
    const backup = await startBackupIfNone(client);
    // The stored backup key can only be re-encrypted by a device that holds it: otherwise the new
    // recovery key would not restore the history the current one does.
    const crypto = cryptoOf(client);
    const keyHere = (await crypto.isKeyBackupTrusted(backup)).matchesDecryptionKey;
    const defaultKeyId = await withTimeout(client.secretStorage.getDefaultKeyId());
    const stored = defaultKeyId ? await withTimeout(client.secretStorage.isStored(SECRET_NAMES.backup)) : null;
    if (!keyHere && defaultKeyId && stored && defaultKeyId in stored) throw new NotVerifiedHereError();
    await storeUnderNewKey(client, key, backup);
    await recordRecoveryEnabled(client);
}

/**
 * "Start a new backup" (the user's explicit choice when the server's backup cannot be used): deletes
 * the server's backup, starts a new one and stores its key with the other secrets under the new
 * recovery key. Keys only the old backup held can no longer be restored.
 */
export async function replaceBackup(client: HostClient, key: NewRecoveryKey): Promise<void> {
    await requireCrossSigningKeysHere(client);
    await startNewBackup(client, null);
    const created = await fetchServerBackup(client);
    if (!created) throw new Error("The new key backup is not on the server");
    await storeUnderNewKey(client, key, created);
    await recordRecoveryEnabled(client);
}

async function recordRecoveryEnabled(client: HostClient): Promise<void> {
    // Element writes this when its own set-up finishes; it also clears its "don't remind me".
    await writeAccountData(client, ELEMENT_RECOVERY_TYPE, { enabled: true });
    const disabled = await accountData<{ disabled?: unknown }>(client, ELEMENT_BACKUP_DISABLED_TYPE);
    if (disabled?.disabled === true) {
        await writeAccountData(client, ELEMENT_BACKUP_DISABLED_TYPE, { disabled: false });
    }
}
