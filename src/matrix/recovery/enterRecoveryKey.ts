/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";

import { withTimeout } from "../errors";
import { SECRET_NAMES } from "./constants";
import { importCrossSigning } from "./importCrossSigning";
import { cryptoOf, findRecoveryKey } from "./readFacts";
import { decodeBase64, privateKeyMatches } from "./secretStorageCrypto";
import { readSecret, unlockDefaultKey, type UnlockedKey } from "./secrets";
import { storeSecretsHeldHere } from "./storeSecrets";

export interface EnterRecoveryKeyResult {
    /** A backup this device can now read and should restore from (null: nothing new to restore). */
    restoreVersion: string | null;
}

async function cacheBackupKey(client: HostClient, unlocked: UnlockedKey): Promise<string | null> {
    const crypto = cryptoOf(client);
    // The crypto stack's copy of the server's backup (read at login); asked again only without one.
    const cachedInfo = await withTimeout(crypto.getKeyBackupInfo());
    const check = cachedInfo
        ? { backupInfo: cachedInfo, trustInfo: await crypto.isKeyBackupTrusted(cachedInfo) }
        : await withTimeout(crypto.checkKeyBackupAndEnable());
    // A server backup always has a version (matrix-js-sdk < 43 types it as optional).
    const version = check?.backupInfo.version;
    if (!check || !version) return null;
    if (check.trustInfo.matchesDecryptionKey) return null;
    const stored = await readSecret(client, unlocked, SECRET_NAMES.backup);
    if (!stored) return null;
    const key = decodeBase64(stored);
    try {
        const expected = (check.backupInfo.auth_data as { public_key?: string }).public_key;
        // A stale backup key (from an older backup) would make the crypto stack fail later: skip it,
        // the state then says the backup key is missing from storage.
        if (typeof expected === "string" && (await privateKeyMatches("X25519", key, expected)) === false) return null;
        await withTimeout(crypto.storeSessionBackupPrivateKey(key, version));
    } finally {
        key.fill(0);
    }
    // Trust may have changed (cross-signing just imported, key just cached): start uploading, unless
    // the crypto stack already has (it re-checks the backup by itself when our identity changes, as
    // on the import above; a check of its still under way is joined, not repeated).
    if ((await crypto.getActiveSessionBackupVersion()) !== version) await withTimeout(crypto.checkKeyBackupAndEnable());
    return version;
}

/**
 * "Enter recovery key" on this device: unlocks secret storage with a recovery key (made by any client)
 * or its passphrase, caches the cross-signing keys (this device becomes verified) and the backup key,
 * and stores into secret storage any secret this device holds that storage lacks. Never uses the
 * app's getSecretStorageKey callback, so no host dialog appears.
 *
 * A wrong key throws WrongRecoveryKeyError before anything is changed. Restoring the backup is a
 * separate step (`restoreFromBackup`) so its progress can be shown and retried.
 */
export async function enterRecoveryKey(client: HostClient, input: string): Promise<EnterRecoveryKeyResult> {
    const unlocked = await unlockDefaultKey(client, input);
    try {
        const importedIdentity = await importCrossSigning(client, unlocked);
        const cachedVersion = await cacheBackupKey(client, unlocked);
        // Beside other keys' copies: repairing storage never removes what another key still opens.
        await storeSecretsHeldHere(client, unlocked, true, true);
        // The key was found without (or despite) the default-key pointer (see findRecoveryKey): the user
        // just proved it, so point at it. Last, so other devices never see a default whose secrets are
        // missing. Not when the default key is intact and this is an older key whose copies are still
        // there (a key change not finished yet): that would undo the change.
        const found = await findRecoveryKey(client);
        if (found?.keyId === unlocked.keyId && found.orphaned) {
            await withTimeout(client.secretStorage.setDefaultKeyId(unlocked.keyId));
        }
        let restoreVersion = cachedVersion;
        if (!restoreVersion && importedIdentity) {
            // The key was already here (e.g. gossiped) but this device was not verified: still worth a
            // restore, but only with the backup key here (a new backup whose key storage lacks, e.g. after
            // a cut-off "start a new backup", has nothing this device could decrypt yet).
            const crypto = cryptoOf(client);
            const backupKey = await crypto.getSessionBackupPrivateKey();
            if (backupKey) {
                backupKey.fill(0);
                restoreVersion = (await crypto.getActiveSessionBackupVersion()) ?? null;
            }
        }
        return { restoreVersion };
    } finally {
        unlocked.key.fill(0);
    }
}
