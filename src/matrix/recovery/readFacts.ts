/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { KeyBackupInfo } from "matrix-js-sdk/lib/crypto-api";

import type { HostClient, HostCrypto } from "../hostClient";

import { withTimeout } from "../errors";
import { ELEMENT_BACKUP_DISABLED_TYPE, ELEMENT_RECOVERY_TYPE } from "../sdkConstants";
import { SECRET_NAMES, SECRET_STORAGE_ALGORITHM } from "./constants";
import type { RecoveryFacts } from "./state";

/** The client has no end-to-end encryption (crypto not initialised): nothing here can work. */
export class NoCryptoError extends Error {
    public constructor() {
        super("End-to-end encryption is not available in this client");
        this.name = "NoCryptoError";
    }
}

export function cryptoOf(client: HostClient): HostCrypto {
    const crypto = client.getCrypto();
    if (!crypto) throw new NoCryptoError();
    return crypto;
}

/**
 * The master public key the homeserver publishes for `userId` now (unpadded base64), undefined when
 * there is none. CryptoApi.getUserCrossSigningKeys only exists from matrix-js-sdk 41.9, and Element
 * 1.12.0 / 1.12.10 hand us 38.3 / 40.2 clients (calling it there was a TypeError that made key entry
 * fail): without it, the same answer comes straight from the server's /keys/query.
 */
export async function publishedMasterKey(client: HostClient, userId: string): Promise<string | undefined> {
    const crypto = cryptoOf(client);
    if (typeof crypto.getUserCrossSigningKeys === "function") {
        // Refresh the crypto store's copy first; getUserCrossSigningKeys only reads that store.
        await withTimeout(crypto.userHasCrossSigningKeys(userId, true));
        const published = await withTimeout(crypto.getUserCrossSigningKeys(userId));
        // CrossSigningKey.Master is "master_key" (enum re-declared by value: no runtime SDK import).
        const masterInfo = (published as Record<string, { keys: Record<string, string> }> | null)?.["master_key"];
        return masterInfo ? Object.values(masterInfo.keys)[0] : undefined;
    }
    const answer = await withTimeout(client.downloadKeysForUsers([userId]));
    const keys = answer.master_keys?.[userId]?.keys;
    return keys ? Object.values(keys)[0] : undefined;
}

/**
 * Account data content: the client's synced copy once the first sync is done (matrix-js-sdk's
 * getAccountDataFromServer asks the server only before that); null when there is none.
 */
export async function accountData<T>(client: HostClient, type: string): Promise<T | null> {
    const getFromServer = client.getAccountDataFromServer as unknown as (t: string) => Promise<T | null>;
    return (await withTimeout(getFromServer.call(client, type))) ?? null;
}

/** GET /room_keys/version: the server's current backup with its true key count; null when none (404). */
export async function fetchServerBackup(client: HostClient): Promise<KeyBackupInfo | null> {
    try {
        // "GET" is Method.Get's value (enum re-declared by value: no runtime SDK import).
        const request = client.http.authedRequest as unknown as (
            method: string,
            path: string,
        ) => Promise<KeyBackupInfo>;
        return await withTimeout(request.call(client.http, "GET", "/room_keys/version"));
    } catch (error) {
        if ((error as { errcode?: string }).errcode === "M_NOT_FOUND") return null;
        throw error;
    }
}

/** The key that unlocks the account's secret storage (see findRecoveryKey). */
export interface RecoveryKeyDescription {
    keyId: string;
    info: { algorithm?: string; passphrase?: unknown; iv?: unknown; mac?: unknown };
    /** The default-key pointer is missing or points elsewhere; entering this key puts it right. */
    orphaned: boolean;
}

/**
 * The account's recovery key: secret storage's default key, unless the cross-signing master key is not
 * stored under it but under another intact key description; then that key, marked `orphaned`. This
 * happens when the default-key pointer was lost, or when a key change was cut off between storing the
 * secrets under the new key and moving the pointer. Without it the state would read "identity needs
 * reset" (or a just-saved new key would be "wrong") although the user's key still unlocks everything.
 * With no default key, not when the user turned key storage off (then the pointer is gone on purpose).
 */
export async function findRecoveryKey(client: HostClient): Promise<RecoveryKeyDescription | null> {
    const found = await withTimeout(client.secretStorage.getKey());
    const master = await accountData<{ encrypted?: Record<string, unknown> }>(client, SECRET_NAMES.master);
    const storedUnder = Object.keys(master?.encrypted ?? {});
    if (found && (storedUnder.length === 0 || storedUnder.includes(found[0]))) {
        return { keyId: found[0], info: found[1], orphaned: false };
    }
    if (!found) {
        const disabled = await accountData<{ disabled?: unknown }>(client, ELEMENT_BACKUP_DISABLED_TYPE);
        if (disabled?.disabled === true) return null;
    }
    for (const keyId of storedUnder) {
        const tuple = await withTimeout(client.secretStorage.getKey(keyId));
        if (tuple?.[1]?.algorithm === SECRET_STORAGE_ALGORITHM) return { keyId, info: tuple[1], orphaned: true };
    }
    return found ? { keyId: found[0], info: found[1], orphaned: false } : null;
}

export interface ReadOptions {
    /**
     * Ask the server for its current backup (GET /room_keys/version). Without it we use the crypto
     * stack's cached copy, whose `count` is stale. `if_unsure`: the cached copy, unless it says "no
     * backup" while this account's own data says there is one (see backupLikely): then the server.
     */
    fresh: boolean | "if_unsure";
    /** Last count we got from the server, reused when not fresh. */
    lastServerCount?: { version: string; count: number } | null;
    keysWaitingToUpload: number | null;
}

/**
 * Whether this account's own data says a key backup exists, although the crypto stack's copy says
 * none (its check at login failed, or another device started one since): the backup key is in
 * secret storage or held here, or this device uploads to a backup. All local. Then "no backup" must
 * not be shown on the stack's word alone.
 */
async function backupLikely(client: HostClient): Promise<boolean> {
    const crypto = cryptoOf(client);
    const [stored, active, keyHere] = await Promise.all([
        withTimeout(client.secretStorage.isStored(SECRET_NAMES.backup)),
        crypto.getActiveSessionBackupVersion(),
        crypto.getSessionBackupPrivateKey(),
    ]);
    keyHere?.fill(0);
    return (!!stored && Object.keys(stored).length > 0) || active !== null || keyHere !== null;
}

/**
 * Reads everything the state depends on. After the first sync everything is local except the one
 * backup request when `fresh`: account data comes from the sync, cross-signing status from the
 * crypto store.
 */
export async function readRecoveryFacts(client: HostClient, options: ReadOptions): Promise<RecoveryFacts> {
    const crypto = cryptoOf(client);
    const userId = client.getSafeUserId();
    const deviceId = client.getDeviceId();

    let backupInfo: KeyBackupInfo | null;
    let fromServer = options.fresh === true;
    if (fromServer) {
        // Our own request rather than checkKeyBackupAndEnable(): that one swallows server errors and
        // answers "no backup", which would show "key storage off" when the server is merely down.
        backupInfo = await fetchServerBackup(client);
    } else {
        // The crypto stack's copy: what the server said when the host last checked (at login, and
        // whenever the backup changed through it), whether or not this device holds the backup key.
        backupInfo = await withTimeout(crypto.getKeyBackupInfo());
        if (!backupInfo && options.fresh === "if_unsure" && (await backupLikely(client))) {
            backupInfo = await fetchServerBackup(client);
            fromServer = true;
        }
    }
    const trustInfo = backupInfo ? await crypto.isKeyBackupTrusted(backupInfo) : null;

    const [status, activeBackupVersion, backupKeyHere, defaultKey, deviceStatus] = await Promise.all([
        crypto.getCrossSigningStatus(),
        crypto.getActiveSessionBackupVersion(),
        crypto.getSessionBackupPrivateKey(),
        findRecoveryKey(client),
        deviceId ? crypto.getDeviceVerificationStatus(userId, deviceId) : Promise.resolve(null),
    ]);
    // Asks the server (keys/query) only when our identity is not on this device yet, e.g. just after
    // login, so the first render does not mistake "not downloaded yet" for "not set up".
    const identityPublished =
        status.publicKeysOnDevice || (await withTimeout(crypto.userHasCrossSigningKeys(userId, true)));
    backupKeyHere?.fill(0); // we only needed to know whether it is there
    const keyId = defaultKey?.keyId ?? null;
    const storedWithDefault = async (name: string): Promise<boolean> => {
        if (!keyId) return false;
        const record = await withTimeout(client.secretStorage.isStored(name as typeof SECRET_NAMES.master));
        return !!record && keyId in record;
    };
    const [masterStored, selfStored, userStored, backupStored, disabled, recovery] = await Promise.all([
        storedWithDefault(SECRET_NAMES.master),
        storedWithDefault(SECRET_NAMES.self_signing),
        storedWithDefault(SECRET_NAMES.user_signing),
        storedWithDefault(SECRET_NAMES.backup),
        accountData<{ disabled?: unknown }>(client, ELEMENT_BACKUP_DISABLED_TYPE),
        accountData<{ enabled?: unknown }>(client, ELEMENT_RECOVERY_TYPE),
    ]);

    let count = backupInfo?.count ?? 0;
    let countIsFresh = fromServer;
    if (
        !fromServer &&
        backupInfo &&
        options.lastServerCount &&
        options.lastServerCount.version === backupInfo.version
    ) {
        count = options.lastServerCount.count;
        countIsFresh = true;
    }
    const keyInfo = defaultKey?.info;

    return {
        identityPublished,
        thisDeviceVerified: deviceStatus?.crossSigningVerified ?? false,
        crossSigning: {
            master: { inSecretStorage: masterStored, cachedHere: status.privateKeysCachedLocally.masterKey },
            self_signing: { inSecretStorage: selfStored, cachedHere: status.privateKeysCachedLocally.selfSigningKey },
            user_signing: { inSecretStorage: userStored, cachedHere: status.privateKeysCachedLocally.userSigningKey },
        },
        // A server backup always has a version (matrix-js-sdk < 43 types it as optional).
        backup: backupInfo?.version
            ? {
                  version: backupInfo.version,
                  algorithm: backupInfo.algorithm,
                  count,
                  countIsFresh,
                  trusted: !!trustInfo?.trusted,
                  matchesKeyHere: !!trustInfo?.matchesDecryptionKey,
              }
            : null,
        activeBackupVersion,
        backupKey: { inSecretStorage: backupStored, cachedHere: backupKeyHere !== null },
        recovery: keyId ? { keyId, method: keyInfo?.passphrase ? "passphrase" : "key" } : null,
        keyStorageDisabledByUser: disabled?.disabled === true,
        recoveryDeclinedByUser: recovery?.enabled === false,
        keysWaitingToUpload: options.keysWaitingToUpload,
    };
}
