/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";

import { withTimeout } from "../errors";
import { startBackupIfNone } from "./backup";
import { ELEMENT_BACKUP_DISABLED_TYPE } from "../sdkConstants";
import { cryptoOf } from "./readFacts";

function setFlag(client: HostClient, disabled: boolean): Promise<unknown> {
    const setAccountData = client.setAccountData as unknown as (type: string, content: object) => Promise<unknown>;
    return withTimeout(setAccountData.call(client, ELEMENT_BACKUP_DISABLED_TYPE, { disabled }));
}

/**
 * Turns key storage off the way Element's Encryption tab does: deletes the server backup and secret
 * storage (recovery key included; deleting needs no key) and records `disabled: true` in
 * `m.org.matrix.custom.backup_disabled`, which Element Web and Element X both read.
 */
export async function turnOffKeyStorage(client: HostClient): Promise<void> {
    await withTimeout(cryptoOf(client).disableKeyStorage());
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
