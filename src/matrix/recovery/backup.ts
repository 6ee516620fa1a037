/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { MatrixClient } from "matrix-js-sdk/lib/client";

import { withTimeout } from "../errors";
import { SECRET_NAMES } from "./constants";
import { cryptoOf } from "./readFacts";
import type { UnlockedKey } from "./secrets";
import { storeSecretsHeldHere } from "./storeSecrets";

/** Whether the server has a backup this device can use (trusted, and we hold its key). */
export async function hasUsableBackup(client: MatrixClient): Promise<boolean> {
    const crypto = cryptoOf(client);
    const check = await withTimeout(crypto.checkKeyBackupAndEnable());
    if (!check) return false;
    const keyHere = (await crypto.getSessionBackupPrivateKey()) !== null;
    return keyHere && check.trustInfo.matchesDecryptionKey && check.trustInfo.trusted;
}

/**
 * Starts a new key backup (replacing the server's current one) without the app's secret-storage
 * prompt. `resetKeyBackup` writes the new backup key into secret storage through the app's
 * getSecretStorageKey callback whenever a default key exists, which in Element opens Element's own
 * dialog. So the default-key pointer is hidden for the moment of the reset and put back at once;
 * with `unlocked` the new backup key is then stored by us, otherwise storage lacks it (the state says
 * so, and entering the recovery key fixes it).
 */
export async function startNewBackup(client: MatrixClient, unlocked: UnlockedKey | null): Promise<void> {
    const crypto = cryptoOf(client);
    const defaultKeyId = await client.secretStorage.getDefaultKeyId();
    if (defaultKeyId) await withTimeout(client.secretStorage.setDefaultKeyId(null));
    try {
        await withTimeout(crypto.resetKeyBackup());
        // resetKeyBackup enables the new backup in the background; wait for it.
        await withTimeout(crypto.checkKeyBackupAndEnable());
    } finally {
        if (defaultKeyId) await withTimeout(client.secretStorage.setDefaultKeyId(defaultKeyId));
    }
    if (unlocked) {
        await storeSecretsHeldHere(client, unlocked, false);
    } else if (defaultKeyId) {
        // The stored backup key belongs to the deleted backup: remove it, so the state says truthfully
        // that storage lacks the new one (deleting needs no key) instead of looking complete.
        await withTimeout(client.secretStorage.store(SECRET_NAMES.backup, null));
    }
}
