/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";

import { writeAccountData } from "../accountData";
import { withTimeout } from "../errors";
import { BackupUnknownError, startBackupIfNone } from "./backup";
import { SECRET_NAMES, SECRET_STORAGE_KEY_PREFIX } from "./constants";
import { ELEMENT_BACKUP_DISABLED_TYPE } from "../sdkConstants";
import { cryptoOf, fetchServerBackup } from "./readFacts";

function setFlag(client: HostClient, disabled: boolean): Promise<void> {
    return writeAccountData(client, ELEMENT_BACKUP_DISABLED_TYPE, { disabled });
}

/**
 * Turns key storage off as Element's Encryption tab does: deletes the server backup and secret storage
 * (recovery key included; deleting needs no key) and records `disabled: true` in
 * `m.org.matrix.custom.backup_disabled`, which Element Web and Element X both read.
 *
 * Not through the SDK's disableKeyStorage: it picks the backup to delete from the crypto stack's
 * cached copy, and with none cached (a failed read looks the same) it deletes secret storage and
 * leaves the backup. We delete the version the server names now (definite read; an uncertain one
 * stops before anything is deleted), then secret storage, then record the choice. Cut off midway,
 * the panel reads the true state (key storage off, recovery still there or not) and offers the rest.
 */
export async function turnOffKeyStorage(client: HostClient): Promise<void> {
    const crypto = cryptoOf(client);
    const backup = await fetchServerBackup(client).catch((error: unknown) => {
        throw new BackupUnknownError(error);
    });
    // A server backup always has a version (matrix-js-sdk < 43 types it as optional).
    if (backup?.version) await withTimeout(crypto.deleteKeyBackupVersion(backup.version));
    const defaultKeyId = await withTimeout(client.secretStorage.getDefaultKeyId());
    for (const name of Object.values(SECRET_NAMES)) await writeAccountData(client, name, {});
    if (defaultKeyId) await writeAccountData(client, `${SECRET_STORAGE_KEY_PREFIX}${defaultKeyId}`, {});
    await withTimeout(client.secretStorage.setDefaultKeyId(null));
    await setFlag(client, true);
}

/**
 * Turns key storage back on: starts a backup if the server has none (never replaces one), and records
 * `disabled: false`. Recovery (a recovery key) is then offered separately, as in Element.
 */
export async function turnOnKeyStorage(client: HostClient): Promise<void> {
    await startBackupIfNone(client);
    await setFlag(client, false);
}
