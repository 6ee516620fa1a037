/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";

import { withTimeout } from "../errors";
import { asEmitter, CryptoEvents } from "../sdkConstants";
import { SECRET_NAMES } from "./constants";
import { cryptoOf, findRecoveryKey, publishedMasterKey } from "./readFacts";
import { decodeBase64, privateKeyMatches } from "./secretStorageCrypto";
import { readSecret, unlockDefaultKey, type UnlockedKey } from "./secrets";
import { storeSecretsHeldHere, UnsupportedCryptoError } from "./storeSecrets";

/** Secret storage does not hold (usable) cross-signing keys: only a reset can help. */
export class SecretsMissingError extends Error {
    public constructor(public readonly which: "cross_signing" | "stale_cross_signing") {
        super(
            which === "cross_signing"
                ? "Secret storage does not contain your cross-signing keys"
                : "The cross-signing keys in secret storage are not the ones your account uses",
        );
        this.name = "SecretsMissingError";
    }
}

export interface EnterRecoveryKeyResult {
    /** A backup this device can now read and should restore from (null: nothing new to restore). */
    restoreVersion: string | null;
}

/** privateKeyMatches for a base64 secret; its decoded bytes are zeroed afterwards. */
async function storedKeyMatches(curve: "Ed25519", secret: string, publicKey: string): Promise<boolean | null> {
    const privateKey = decodeBase64(secret);
    try {
        return await privateKeyMatches(curve, privateKey, publicKey);
    } finally {
        privateKey.fill(0);
    }
}

async function importCrossSigning(client: HostClient, unlocked: UnlockedKey): Promise<boolean> {
    const crypto = cryptoOf(client);
    const status = await crypto.getCrossSigningStatus();
    const cached = status.privateKeysCachedLocally;
    if (cached.masterKey && cached.selfSigningKey && cached.userSigningKey) return false;

    const [master, selfSigning, userSigning] = await Promise.all([
        readSecret(client, unlocked, SECRET_NAMES.master),
        readSecret(client, unlocked, SECRET_NAMES.self_signing),
        readSecret(client, unlocked, SECRET_NAMES.user_signing),
    ]);
    if (!master || !selfSigning || !userSigning) throw new SecretsMissingError("cross_signing");

    // importSecretsBundle trusts what it is given, so first make sure the stored master key is the
    // one the server publishes (stale secret storage must never replace the account's identity).
    const publishedMaster = await publishedMasterKey(client, client.getSafeUserId());
    if (publishedMaster && (await storedKeyMatches("Ed25519", master, publishedMaster)) === false) {
        throw new SecretsMissingError("stale_cross_signing");
    }

    if (!crypto.importSecretsBundle) throw new UnsupportedCryptoError("importing secrets");
    await crypto.importSecretsBundle({
        cross_signing: { master_key: master, self_signing_key: selfSigning, user_signing_key: userSigning },
    });
    // Sign this device with the imported self-signing key and publish the signature: now verified.
    const deviceId = client.getDeviceId();
    if (deviceId) {
        await withTimeout(crypto.crossSignDevice(deviceId));
        await untilShownVerified(client, deviceId);
    }
    return true;
}

/**
 * Waits (at most `timeoutMs`) until this device reads as cross-signed here. The crypto stack of
 * matrix-js-sdk 40.2 (Element 1.12.10) learns of the signature it just uploaded only from its next
 * /keys/query, which the sync's device-list change starts a round trip later; until then the device
 * still reads "not verified", and so would the state shown right after the key was entered.
 */
async function untilShownVerified(client: HostClient, deviceId: string, timeoutMs = 10_000): Promise<void> {
    const crypto = cryptoOf(client);
    const userId = client.getSafeUserId();
    const verified = async (): Promise<boolean> =>
        (await crypto.getDeviceVerificationStatus(userId, deviceId))?.crossSigningVerified === true;
    const emitter = asEmitter(client);
    let onUpdate: (users: unknown) => void = () => undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
        await new Promise<void>((resolve) => {
            onUpdate = (users): void => {
                if (!Array.isArray(users) || users.includes(userId))
                    void verified().then((yes) => yes && resolve(), resolve);
            };
            // Listening before the first look, so an update in between is not missed.
            emitter.on(CryptoEvents.DevicesUpdated, onUpdate);
            timer = setTimeout(resolve, timeoutMs);
            void verified().then((yes) => yes && resolve(), resolve);
        });
    } finally {
        clearTimeout(timer);
        emitter.off(CryptoEvents.DevicesUpdated, onUpdate);
    }
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
