/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The security posture of a homeserver's accounts: per account, which protections it has (an email
 * address for password reset, cross-signing, recovery) and how its devices look (how many, how many
 * its owner never verified, how many nobody used for a while); and the summary over all accounts.
 *
 * Pure functions only, shared by the command line (`report`) and the module's Admin section, so both
 * count exactly alike. Privacy: account data is only ever asked whether something EXISTS (which
 * secret-storage key is the default, whether the backup key is stored under it); no secret, encrypted
 * or not, is copied into a record, a summary or a report.
 */

/** The account-data event types recovery consists of (Matrix spec, "Secrets"). */
const DEFAULT_KEY_TYPE = "m.secret_storage.default_key";
const KEY_TYPE_PREFIX = "m.secret_storage.key.";
const BACKUP_SECRET_TYPE = "m.megolm_backup.v1";

export const DAY_MS = 24 * 60 * 60 * 1000;

/** One account's protections. */
export interface AccountPosture {
    user_id: string;
    status: "ok";
    /** At least one email address: a lost password can be reset. */
    has_email: boolean;
    /** A master and a self-signing key are published: devices can be verified. */
    has_cross_signing: boolean;
    /** Secret storage with a default key, and the key-backup key stored in it: history survives the last device. */
    has_recovery: boolean;
    /** Devices (sessions) the account has. */
    devices: number;
    /** Devices that the account's own self-signing key has not signed (never verified by their owner). */
    unverified_devices: number;
    /** Devices not seen for `stale_days` (or never seen). */
    stale_devices: number;
}

/** An account that could not be assessed: named, never silently left out. */
export interface AccountFailure {
    user_id: string;
    status: "failed";
    /** Why, in words (e.g. "deleted during the run (HTTP 404)", "M_FORBIDDEN, HTTP 403"). */
    reason: string;
}

export type AccountRecord = AccountPosture | AccountFailure;

/** One device as GET /_synapse/admin/v2/users/<id>/devices lists it (fields we use). */
export interface PostureDevice {
    device_id: string;
    /** Milliseconds since the epoch; null when the server never saw it used. */
    last_seen_ts?: number | null;
}

/** What POST /_matrix/client/v3/keys/query answered about one user (fields we use). */
export interface UserKeys {
    /** Device id → the device's signed keys. */
    deviceKeys: Record<string, { signatures?: Record<string, Record<string, string>> } | undefined>;
    masterKey?: { keys?: Record<string, string> };
    selfSigningKey?: { keys?: Record<string, string> };
}

export interface AccountInputs {
    userId: string;
    threepids: Array<{ medium: string }>;
    devices: PostureDevice[];
    /** The account's global account data, by event type (only existence and key ids are looked at). */
    globalAccountData: Record<string, unknown>;
    keys: UserKeys;
    /** "Now", in milliseconds since the epoch, and the staleness threshold in days. */
    now: number;
    staleDays: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Whether recovery is set up: a default secret-storage key that is described, and the key-backup
 * secret encrypted under that key. Only the names of the keys are read, never the ciphertext.
 */
export function hasRecovery(globalAccountData: Record<string, unknown>): boolean {
    const defaultKey = globalAccountData[DEFAULT_KEY_TYPE];
    const keyId = isObject(defaultKey) && typeof defaultKey.key === "string" ? defaultKey.key : null;
    if (!keyId) return false;
    if (!isObject(globalAccountData[KEY_TYPE_PREFIX + keyId])) return false;
    const backup = globalAccountData[BACKUP_SECRET_TYPE];
    return isObject(backup) && isObject(backup.encrypted) && Object.hasOwn(backup.encrypted, keyId);
}

/** The key id ("ed25519:<public key>") of a cross-signing key, or null. */
function crossSigningKeyId(key: { keys?: Record<string, string> } | undefined): string | null {
    const ids = key && isObject(key.keys) ? Object.keys(key.keys).filter((id) => id.startsWith("ed25519:")) : [];
    return ids[0] ?? null;
}

/** Computes one account's record from what the homeserver told us. */
export function assessAccount(inputs: AccountInputs): AccountPosture {
    const { userId, keys } = inputs;
    const masterId = crossSigningKeyId(keys.masterKey);
    const selfSigningId = crossSigningKeyId(keys.selfSigningKey);
    const staleBefore = inputs.now - inputs.staleDays * DAY_MS;
    let unverified = 0;
    let stale = 0;
    for (const device of inputs.devices) {
        // A device is verified by its owner when the owner's self-signing key signed its keys. A device
        // that never uploaded keys (a client without encryption) cannot be verified at all.
        const signatures = keys.deviceKeys[device.device_id]?.signatures?.[userId];
        const signed = selfSigningId !== null && isObject(signatures) && typeof signatures[selfSigningId] === "string";
        if (!signed) unverified++;
        const lastSeen = device.last_seen_ts;
        if (typeof lastSeen !== "number" || lastSeen < staleBefore) stale++;
    }
    return {
        user_id: userId,
        status: "ok",
        has_email: inputs.threepids.some((t) => t.medium === "email"),
        has_cross_signing: masterId !== null && selfSigningId !== null,
        has_recovery: hasRecovery(inputs.globalAccountData),
        devices: inputs.devices.length,
        unverified_devices: unverified,
        stale_devices: stale,
    };
}

/** The protections the summary counts, in display order. */
export const PROTECTIONS = ["email", "cross_signing", "recovery", "all_devices_verified", "no_stale_devices"] as const;
export type Protection = (typeof PROTECTIONS)[number];

/** Whether an assessed account has `protection`. */
export function hasProtection(record: AccountPosture, protection: Protection): boolean {
    switch (protection) {
        case "email":
            return record.has_email;
        case "cross_signing":
            return record.has_cross_signing;
        case "recovery":
            return record.has_recovery;
        case "all_devices_verified":
            return record.unverified_devices === 0;
        case "no_stale_devices":
            return record.stale_devices === 0;
    }
}

export interface PostureSummary {
    homeserver: string;
    generatedAt: string;
    staleDays: number;
    /** Accounts assessed (status ok). */
    assessed: number;
    /** Accounts that could not be assessed; `failures` names them. */
    failed: number;
    /** True when every account was assessed (no failure, not interrupted). */
    complete: boolean;
    /** Per protection: how many assessed accounts have it. */
    counts: Record<Protection, number>;
    devices: { total: number; unverified: number; stale: number };
    failures: AccountFailure[];
}

/** The summary over `records` (later records of the same account replace earlier ones). */
export function summarize(
    records: Iterable<AccountRecord>,
    context: { homeserver: string; staleDays: number; generatedAt?: string; interrupted?: boolean },
): PostureSummary {
    const latest = new Map<string, AccountRecord>();
    for (const record of records) latest.set(record.user_id, record);
    const counts = Object.fromEntries(PROTECTIONS.map((p) => [p, 0])) as Record<Protection, number>;
    const devices = { total: 0, unverified: 0, stale: 0 };
    const failures: AccountFailure[] = [];
    let assessed = 0;
    for (const record of latest.values()) {
        if (record.status !== "ok") {
            failures.push(record);
            continue;
        }
        assessed++;
        for (const protection of PROTECTIONS) if (hasProtection(record, protection)) counts[protection]++;
        devices.total += record.devices;
        devices.unverified += record.unverified_devices;
        devices.stale += record.stale_devices;
    }
    failures.sort((a, b) => a.user_id.localeCompare(b.user_id));
    return {
        homeserver: context.homeserver,
        generatedAt: context.generatedAt ?? new Date().toISOString(),
        staleDays: context.staleDays,
        assessed,
        failed: failures.length,
        complete: failures.length === 0 && context.interrupted !== true,
        counts,
        devices,
        failures,
    };
}

/** A share in [0, 1] (0 of 0 is 0). */
export function share(count: number, of: number): number {
    return of > 0 ? count / of : 0;
}

export function percent(value: number): string {
    return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}
