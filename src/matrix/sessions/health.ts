/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";

import { withTimeout } from "../errors";
import { ELEMENT_BACKUP_DISABLED_TYPE, ELEMENT_RECOVERY_TYPE } from "../sdkConstants";
import { cryptoOf, readOwnDevicesFromCrypto, thisSessionTrust } from "./status";

/** The crypto side of the account's security, as the nudge engine needs it. */
export interface CryptoHealth {
    identityOnAccount: boolean;
    thisSessionVerified: boolean;
    recoverySetUp: boolean;
    secretsMissingHere: boolean;
    unverifiedDevices: Array<{ deviceId: string; name: string | null }>;
}

/**
 * Reads the crypto health of the account from this session. Local except the key-backup version,
 * which the SDK fetches once and caches (and refreshes itself when the backup changes).
 */
export async function readCryptoHealth(client: HostClient): Promise<CryptoHealth> {
    const crypto = cryptoOf(client);
    if (!crypto) {
        // Without encryption there is nothing to verify or recover; the engine stays quiet on those.
        return {
            identityOnAccount: false,
            thisSessionVerified: true,
            recoverySetUp: true,
            secretsMissingHere: false,
            unverifiedDevices: [],
        };
    }
    const trust = await thisSessionTrust(client);
    const thisSessionVerified = trust === "verified";
    const recoverySetUp = (await client.secretStorage.getDefaultKeyId()) !== null;

    let secretsMissingHere = false;
    if (recoverySetUp && thisSessionVerified) {
        const cached = (await crypto.getCrossSigningStatus()).privateKeysCachedLocally;
        const backupOnServer = (await withTimeout(crypto.getKeyBackupInfo())) !== null;
        const backupKeyHere = (await crypto.getSessionBackupPrivateKey()) !== null;
        secretsMissingHere =
            !cached.masterKey || !cached.selfSigningKey || !cached.userSigningKey || (backupOnServer && !backupKeyHere);
    }

    const unverifiedDevices = thisSessionVerified
        ? (await readOwnDevicesFromCrypto(client))
              .filter((device) => !device.crossSigned)
              .map(({ deviceId, name }) => ({ deviceId, name }))
        : [];

    return {
        identityOnAccount: trust !== "no_identity",
        thisSessionVerified,
        recoverySetUp,
        secretsMissingHere,
        unverifiedDevices,
    };
}

/** Whether the user is in at least one encrypted room (joined). */
export function inEncryptedRoom(client: HostClient): boolean {
    return client.getRooms().some((room) => room.getMyMembership() === "join" && room.hasEncryptionStateEvent());
}

/** Element's own "turned off" switches, which we honour so nobody is asked twice. */
export function hostDismissals(client: HostClient): { recoveryDisabled: boolean; backupDisabled: boolean } {
    const recovery = client.getAccountData(ELEMENT_RECOVERY_TYPE as never)?.getContent() as
        { enabled?: unknown } | undefined;
    const backup = client.getAccountData(ELEMENT_BACKUP_DISABLED_TYPE as never)?.getContent() as
        { disabled?: unknown } | undefined;
    return { recoveryDisabled: recovery?.enabled === false, backupDisabled: backup?.disabled === true };
}
