/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * "Do you still have your recovery key?": the record of the last time the user showed they do, kept
 * in account data so every session of the account agrees. Reading it is local (the synced copy);
 * this file is part of the entry chunk (the reminder needs it): no matrix-js-sdk at runtime.
 */
import type { HostClient } from "../hostClient";

import { writeAccountData } from "../accountData";

/** Our account-data event type for the record. */
export const RECOVERY_CHECK_TYPE = "io.github.element_account_security.recovery_check";

/** The content of the record: when, for which secret-storage key, and how. */
export interface RecoveryCheckRecord {
    /** ms since the epoch. */
    checked_at: number;
    /** The secret-storage key the user proved to hold (a check for an older key does not count). */
    key_id: string;
    /** `check`: typed it and it was right; `set_up`: made (and typed back) in this module's set-up. */
    by: "check" | "set_up";
}

/** The record from the synced account data, or null when there is none (or it is malformed). */
export function readRecoveryCheck(client: HostClient): RecoveryCheckRecord | null {
    const content = client.getAccountData(RECOVERY_CHECK_TYPE as never)?.getContent() as
        Partial<RecoveryCheckRecord> | undefined;
    if (!content || typeof content.checked_at !== "number" || !Number.isFinite(content.checked_at)) return null;
    if (typeof content.key_id !== "string") return null;
    return { checked_at: content.checked_at, key_id: content.key_id, by: content.by === "set_up" ? "set_up" : "check" };
}

/**
 * When the reminder's clock starts for the key `keyId`: the record's date when it is about that key;
 * otherwise (recovery set up elsewhere, or before the module) when this session was first seen.
 */
export function recoveryCheckBaseline(
    record: RecoveryCheckRecord | null,
    keyId: string | null,
    sessionStartedAt: number,
): number | null {
    if (keyId === null) return null;
    return record && record.key_id === keyId ? record.checked_at : sessionStartedAt;
}

/** Writes the record (one account-data PUT). */
export async function recordRecoveryCheck(
    client: HostClient,
    keyId: string,
    by: RecoveryCheckRecord["by"],
    now: number = Date.now(),
): Promise<RecoveryCheckRecord> {
    const record: RecoveryCheckRecord = { checked_at: now, key_id: keyId, by };
    await writeAccountData(client, RECOVERY_CHECK_TYPE, record);
    return record;
}

/**
 * After a set-up or key change in this module (the user just typed the new key back): records it as
 * a successful check of the new key, so the reminder counts from today. Best effort: a failure only
 * means the reminder counts from when this session was first seen.
 */
export async function recordSetUpAsCheck(client: HostClient): Promise<void> {
    try {
        const keyId = await client.secretStorage.getDefaultKeyId();
        if (keyId) await recordRecoveryCheck(client, keyId, "set_up");
    } catch {
        // See above: nothing the user needs to act on.
    }
}
