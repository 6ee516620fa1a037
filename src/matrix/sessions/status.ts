/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Who vouches for which session. A session is verified when the account's cross-signing identity
 * has signed it AND this session trusts that identity; only then can it judge the others.
 */

import type { Device } from "matrix-js-sdk/lib/models/device";

import type { HostClient, HostCrypto } from "../hostClient";

import { withTimeout } from "../errors";

/**
 * Why this session is (not) verified.
 * - `verified`: cross-signed by the account's identity, which this session trusts.
 * - `unverified`: the account has an identity, but it has not vouched for this session yet.
 * - `no_identity`: the account has no cross-signing identity, so nothing can vouch for any session
 *   (setting up recovery creates one).
 * - `no_encryption`: the client runs without end-to-end encryption.
 */
export type ThisSessionTrust = "verified" | "unverified" | "no_identity" | "no_encryption";

/**
 * What we can say about another session.
 * - `verified` / `unverified`: signed by the identity or not.
 * - `unknown`: this session is not verified itself, so it cannot judge the others yet.
 * - `no_encryption`: the session never published encryption keys (an old or non-E2EE client).
 */
export type OtherSessionTrust = "verified" | "unverified" | "unknown" | "no_encryption";

export interface ThisSession {
    deviceId: string;
    name: string | null;
    trust: ThisSessionTrust;
}

export interface OtherSession {
    deviceId: string;
    name: string | null;
    /** Last activity the homeserver saw, ms since the epoch; null when unknown. */
    lastSeenTs: number | null;
    trust: OtherSessionTrust;
}

/** The client's crypto API, or null when the client runs without encryption. */
export function cryptoOf(client: HostClient): HostCrypto | null {
    return client.getCrypto() ?? null;
}

/** Whether the account has published a cross-signing identity (as far as this session knows). */
export async function identityOnAccount(crypto: HostCrypto): Promise<boolean> {
    return (await crypto.getCrossSigningStatus()).publicKeysOnDevice;
}

/** Whether `deviceId` of our own account is cross-signed by an identity this session trusts. */
async function crossSigned(crypto: HostCrypto, userId: string, deviceId: string): Promise<boolean | null> {
    const status = await crypto.getDeviceVerificationStatus(userId, deviceId);
    return status ? status.crossSigningVerified : null;
}

/** Our account's devices as the crypto layer knows them, by device ID. */
export type OwnCryptoDevices = NonNullable<ReturnType<Awaited<ReturnType<HostCrypto["getUserDeviceInfo"]>>["get"]>>;

/** Our account's devices from the crypto layer (no homeserver request); none without encryption. */
export async function ownCryptoDevices(client: HostClient): Promise<OwnCryptoDevices> {
    const crypto = cryptoOf(client);
    const userId = client.getUserId();
    if (!crypto || !userId) return new Map();
    return (await crypto.getUserDeviceInfo([userId])).get(userId) ?? new Map();
}

/**
 * Whether another session of the account (not a dehydrated device) has encryption keys, so it could
 * answer a request to verify this one. Local only (no homeserver request).
 */
export async function hasOtherEncryptedSession(client: HostClient): Promise<boolean> {
    return (await otherOwnDevices(client)).length > 0;
}

/** Our account's devices from the crypto layer other than this one, dehydrated devices left out. */
async function otherOwnDevices(client: HostClient): Promise<Device[]> {
    const devices = [...(await ownCryptoDevices(client)).values()];
    return devices.filter((device) => device.deviceId !== client.getDeviceId() && !device.dehydrated);
}

/** Trust of this session. Local only (no homeserver request). */
export async function thisSessionTrust(client: HostClient): Promise<ThisSessionTrust> {
    const crypto = cryptoOf(client);
    const userId = client.getUserId();
    const deviceId = client.getDeviceId();
    if (!crypto || !userId || !deviceId) return "no_encryption";
    if (await crossSigned(crypto, userId, deviceId)) return "verified";
    return (await identityOnAccount(crypto)) ? "unverified" : "no_identity";
}

/** This session: ID, name (from the device list the crypto layer keeps), trust. Local only. */
export async function readThisSession(client: HostClient): Promise<ThisSession> {
    const deviceId = client.getDeviceId() ?? "";
    const name = (await ownCryptoDevices(client)).get(deviceId)?.displayName ?? null;
    return { deviceId, name, trust: await thisSessionTrust(client) };
}

/**
 * Our other sessions as the crypto layer knows them (no homeserver request): used by the nudge
 * engine to name unverified sessions. Dehydrated devices are not sessions a person uses.
 */
export async function readOwnDevicesFromCrypto(
    client: HostClient,
): Promise<Array<{ deviceId: string; name: string | null; crossSigned: boolean }>> {
    const crypto = cryptoOf(client);
    const userId = client.getUserId();
    if (!crypto || !userId) return [];
    const result = [];
    for (const device of await otherOwnDevices(client)) {
        result.push({
            deviceId: device.deviceId,
            name: device.displayName ?? null,
            crossSigned: (await crossSigned(crypto, userId, device.deviceId)) ?? false,
        });
    }
    return result;
}

/** The account's sessions as the homeserver lists them (GET /devices), with their last activity. */
export type ServerDeviceList = Awaited<ReturnType<HostClient["getDevices"]>>["devices"];

/** One homeserver request, bounded. */
export async function fetchDeviceList(client: HostClient): Promise<ServerDeviceList> {
    return (await withTimeout(client.getDevices())).devices;
}

/**
 * Which devices the crypto layer knows, as one comparable value: when it changes, a session came or
 * went and the homeserver's list is worth asking for again; trust changes (a verification) leave it.
 */
export function deviceSetOf(known: OwnCryptoDevices): string {
    return [...known.keys()].sort().join(" ");
}

/**
 * Every other session of the account in `devices` (the homeserver's list) with its trust, which
 * comes from the crypto layer (`known`, no request). Sessions without encryption keys are shown as such.
 */
export async function readOtherSessions(
    client: HostClient,
    thisTrust: ThisSessionTrust,
    devices: ServerDeviceList,
    known: OwnCryptoDevices,
): Promise<OtherSession[]> {
    const crypto = cryptoOf(client);
    const userId = client.getUserId() ?? "";
    const sessions: OtherSession[] = [];
    for (const device of devices) {
        if (device.device_id === client.getDeviceId()) continue;
        let trust: OtherSessionTrust;
        if (!crypto || !known.has(device.device_id)) trust = "no_encryption";
        else if (thisTrust !== "verified") trust = "unknown";
        else trust = (await crossSigned(crypto, userId, device.device_id)) ? "verified" : "unverified";
        sessions.push({
            deviceId: device.device_id,
            name: device.display_name ?? null,
            lastSeenTs: device.last_seen_ts ?? null,
            trust,
        });
    }
    // Most recently active first: the session the user is thinking of is usually near the top.
    return sessions.sort((a, b) => (b.lastSeenTs ?? 0) - (a.lastSeenTs ?? 0));
}
