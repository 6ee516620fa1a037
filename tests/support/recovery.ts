/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * Helpers for the recovery safety tests (tests/integration/matrix/recovery/recovery-*.test.ts): an account with
 * recovery and a backed-up message, and the one check that matters after a destructive action was
 * cut off — what a NEW device can do with a given recovery key.
 */

import type { MatrixClient } from "matrix-js-sdk/lib/client";
import { RustBackupManager } from "matrix-js-sdk/lib/rust-crypto/backup";

import {
    createRecoveryKey,
    deriveRecoveryState,
    enterRecoveryKey,
    readRecoveryFacts,
    restoreFromBackup,
    setUpRecovery,
    type RecoveryState,
} from "../../src/matrix/recovery";
import type { AuthPrompt } from "../../src/matrix/uia";
import type { TestClient } from "./clients";
import type { TestBed } from "./testbed";
import { cryptoOf, waitFor } from "./verification";

/**
 * The crypto stack starts uploading room keys after a random delay of up to 10 s (so that many
 * devices do not all upload at once). Tests that need a key in the backup wait for it; without the
 * delay that wait is ~0.1 s instead of ~5 s on average. Only the start delay changes.
 */
export function uploadRoomKeysAtOnce(): void {
    (RustBackupManager as unknown as { maxBackupLoopStartDelayMillis: number }).maxBackupLoopStartDelayMillis = 0;
}

/** Replaces the app's secret-storage callback with Element's stand-in and counts how often it is asked. */
export function guardHostPrompt(tc: TestClient): { calls: number } {
    const guard = { calls: 0 };
    tc.client.cryptoCallbacks.getSecretStorageKey = async () => {
        guard.calls++;
        throw new Error("Element's 'Enter your recovery key' dialog would open here");
    };
    return guard;
}

export async function stateOf(client: MatrixClient): Promise<RecoveryState> {
    const facts = await readRecoveryFacts(client, { fresh: true, keysWaitingToUpload: null });
    return deriveRecoveryState(facts).state;
}

export function passwordPrompt(tc: TestClient): AuthPrompt {
    return async (method) =>
        method.kind === "password" ? { kind: "password", password: tc.credentials.password } : null;
}

/** Sets up recovery with the module (from `passphrase` when given) and returns the recovery key the user saw. */
export async function setUpWithModule(tc: TestClient, passphrase?: string): Promise<string> {
    const key = await createRecoveryKey(tc.client, passphrase);
    const shown = key.encodedPrivateKey;
    await setUpRecovery(tc.client, key, passwordPrompt(tc));
    return shown;
}

/** GET /room_keys/version straight from the server: its current backup version, null when none. */
export async function serverBackupVersion(client: MatrixClient): Promise<string | null> {
    try {
        const info = await client.http.authedRequest<{ version: string }>("GET" as never, "/room_keys/version");
        return info.version;
    } catch (error) {
        if ((error as { errcode?: string }).errcode === "M_NOT_FOUND") return null;
        throw error;
    }
}

/** Sends an encrypted message and waits until its key is in the server backup. */
export async function sendBackedUpMessage(tc: TestClient, body: string): Promise<{ roomId: string; eventId: string }> {
    const { room_id: roomId } = await tc.client.createRoom({
        initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
    });
    await waitFor(async () => (await cryptoOf(tc).isEncryptionEnabledInRoom(roomId)) || null, {
        what: "room encryption known",
        timeoutMs: 10_000,
    });
    const { event_id: eventId } = await tc.client.sendTextMessage(roomId, body);
    await waitFor(async () => ((await cryptoOf(tc).checkKeyBackupAndEnable())?.backupInfo.count ?? 0) > 0 || null, {
        what: "room key in the server backup",
        timeoutMs: 20_000,
        intervalMs: 100,
    });
    return { roomId, eventId };
}

export async function decryptedBody(tc: TestClient, roomId: string, eventId: string): Promise<string | undefined> {
    const raw = await tc.client.fetchRoomEvent(roomId, eventId);
    const { MatrixEvent } = await import("matrix-js-sdk/lib/models/event");
    const event = new MatrixEvent(raw);
    await tc.client.decryptEventIfNeeded(event);
    return event.getContent().body as string | undefined;
}

export async function isThisDeviceVerified(tc: TestClient): Promise<boolean> {
    const status = await cryptoOf(tc).getDeviceVerificationStatus(tc.userId, tc.deviceId);
    return status?.crossSigningVerified ?? false;
}

/** What a new device could do with one recovery key. */
export interface NewDeviceOutcome {
    /** The key was accepted ("unlocked"), or the error's name. */
    unlock: "unlocked" | string;
    /** This device became verified by the account's current identity. */
    verified: boolean;
    /** The message from before could be decrypted after restoring the backup. */
    readable: boolean;
}

/**
 * Logs in a NEW device (straight to Synapse, no proxy), enters `recoveryKey` there the way a user
 * would, restores the backup and tries to read `message`. The device is stopped afterwards.
 */
export async function tryOnNewDevice(
    bed: TestBed,
    of: TestClient,
    recoveryKey: string,
    message: { roomId: string; eventId: string; body: string } | null,
): Promise<NewDeviceOutcome> {
    const device = await bed.newDevice(of, { deviceName: "new device" });
    guardHostPrompt(device);
    try {
        try {
            const { restoreVersion } = await enterRecoveryKey(device.client, recoveryKey);
            if (restoreVersion) await restoreFromBackup(device.client, () => {});
        } catch (error) {
            // A generic Error says little by its name: keep its message (ours and the SDK's carry no secrets).
            const e = error as Error;
            const unlock = !e.name || e.name === "Error" ? `Error(${e.message})` : e.name;
            return { unlock, verified: false, readable: false };
        }
        // The device's own cross-signature reaches its trust state a moment after the upload.
        const verified = await waitFor(() => isThisDeviceVerified(device), {
            what: "this device verified",
            timeoutMs: 3_000,
        }).catch(() => false);
        let readable = false;
        if (message) {
            readable = await decryptedBody(device, message.roomId, message.eventId).then(
                (body) => body === message.body,
                () => false,
            );
        }
        return { unlock: "unlocked", verified, readable };
    } finally {
        await device.stop();
    }
}
