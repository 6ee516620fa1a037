/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";
import type { GeneratedSecretStorageKey } from "matrix-js-sdk/lib/crypto-api";
import type { UIAuthCallback } from "matrix-js-sdk/lib/interactive-auth";

import { withTimeout } from "../errors";
import { withUserInteractiveAuth, type AuthPrompt } from "../uia";
import { hasUsableBackup, startBackupIfNone, startNewBackup } from "./backup";
import { ELEMENT_BACKUP_DISABLED_TYPE, ELEMENT_RECOVERY_TYPE } from "../sdkConstants";
import { SECRET_STORAGE_ALGORITHM } from "./constants";
import { accountData, cryptoOf } from "./readFacts";
import type { UnlockedKey } from "./secrets";
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

/** Wipes the key's bytes from memory. */
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

/** Adds `key` as the new default secret-storage key and stores every secret held here under it. */
async function storeUnderNewKey(client: HostClient, key: NewRecoveryKey): Promise<void> {
    const { keyId } = await withTimeout(
        client.secretStorage.addKey(SECRET_STORAGE_ALGORITHM, {
            key: key.privateKey,
            passphrase: key.keyInfo?.passphrase,
            name: key.keyInfo?.name,
        }),
    );
    const unlocked: UnlockedKey = { keyId, key: key.privateKey };
    await storeSecretsHeldHere(client, unlocked, false);
    // Last, so other devices never see a default key whose secrets are not there yet.
    await withTimeout(client.secretStorage.setDefaultKeyId(keyId));
}

/**
 * Sets up recovery with `key` (already saved and typed back by the user): creates the cross-signing
 * identity if the account has none (first upload needs no UIA; `prompt` covers servers that ask),
 * starts a backup if the server has none (an existing one is never replaced here), stores the secrets under the new key and makes it the
 * default. Records "recovery enabled" in Element's account data so Element agrees.
 */
export async function setUpRecovery(client: HostClient, key: NewRecoveryKey, prompt: AuthPrompt): Promise<void> {
    const crypto = cryptoOf(client);
    const userId = client.getSafeUserId();
    if (!(await allCrossSigningKeysHere(client))) {
        if (await withTimeout(crypto.userHasCrossSigningKeys(userId, true))) throw new NotVerifiedHereError();
        await crypto.bootstrapCrossSigning({ authUploadDeviceSigningKeys: uploadAuth(client, prompt) });
    }
    await startBackupIfNone(client);
    await storeUnderNewKey(client, key);
    await recordRecoveryEnabled(client);
}

/**
 * Replaces the recovery key: the new key becomes the default and the secrets are stored under it
 * only, so the old key no longer unlocks anything. Needs this device to hold the secrets (verified
 * session, or enter the current key first).
 */
export async function changeRecoveryKey(client: HostClient, key: NewRecoveryKey): Promise<void> {
    if (!(await allCrossSigningKeysHere(client))) throw new NotVerifiedHereError();
    if (!(await hasUsableBackup(client))) await startNewBackup(client, null);
    await storeUnderNewKey(client, key);
    await recordRecoveryEnabled(client);
}

async function recordRecoveryEnabled(client: HostClient): Promise<void> {
    const setAccountData = client.setAccountData as unknown as (type: string, content: object) => Promise<unknown>;
    // Element writes this when its own set-up finishes; it also clears its "don't remind me".
    await withTimeout(setAccountData.call(client, ELEMENT_RECOVERY_TYPE, { enabled: true }));
    const disabled = await accountData<{ disabled?: unknown }>(client, ELEMENT_BACKUP_DISABLED_TYPE);
    if (disabled?.disabled === true) {
        await withTimeout(setAccountData.call(client, ELEMENT_BACKUP_DISABLED_TYPE, { disabled: false }));
    }
}
