/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";
import type { MatrixEvent } from "matrix-js-sdk/lib/models/event";

import { asEmitter, ClientEvents, CryptoEvents } from "../sdkConstants";

/** Account data that changes what we show: cross-signing, secret storage, backup, dismissals. */
function isRelevantAccountData(type: string, extraTypes: readonly string[]): boolean {
    return (
        type.startsWith("m.cross_signing.") ||
        type.startsWith("m.secret_storage.") ||
        type === "m.megolm_backup.v1" ||
        extraTypes.includes(type)
    );
}

export interface WatchOptions {
    /** More account-data types that should trigger a change (e.g. our dismissals, Element's). */
    accountDataTypes?: readonly string[];
    /** Also react to rooms becoming encrypted / joined (the nudge engine needs that; the panel not). */
    rooms?: boolean;
    /** Coalesces bursts (the initial sync fires hundreds of events) into one call. Default 200 ms. */
    debounceMs?: number;
}

/**
 * Calls `onChange` whenever something that decides a session's trust or the account's security may
 * have changed: device lists, trust, cross-signing keys, key backup, relevant account data, secrets
 * received from another session, the end of the initial sync. Event-driven; no polling. Returns the
 * unsubscribe function.
 */
export function watchSecurityState(client: HostClient, onChange: () => void, options: WatchOptions = {}): () => void {
    const emitter = asEmitter(client);
    const ownUserId = client.getUserId();
    const extra = options.accountDataTypes ?? [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (): void => {
        if (timer !== undefined) return;
        timer = setTimeout(() => {
            timer = undefined;
            onChange();
        }, options.debounceMs ?? 200);
    };

    const listeners: Array<[string, (...args: unknown[]) => void]> = [
        [CryptoEvents.DevicesUpdated, (users) => (users as string[]).includes(ownUserId ?? "") && schedule()],
        [CryptoEvents.UserTrustStatusChanged, (userId) => userId === ownUserId && schedule()],
        [CryptoEvents.KeysChanged, schedule],
        [CryptoEvents.KeyBackupStatus, schedule],
        [CryptoEvents.KeyBackupDecryptionKeyCached, schedule],
        [
            ClientEvents.AccountData,
            (event) => isRelevantAccountData((event as MatrixEvent).getType(), extra) && schedule(),
        ],
        [ClientEvents.Sync, (state) => state === "PREPARED" && schedule()],
        // A secret sent by another session (after a verification) can complete this one: the SDK
        // caches gossiped cross-signing keys without an event of its own.
        [ClientEvents.ToDeviceEvent, (event) => (event as MatrixEvent).getType() === "m.secret.send" && schedule()],
    ];
    if (options.rooms) {
        listeners.push(
            [ClientEvents.Room, schedule],
            [ClientEvents.RoomMyMembership, schedule],
            [
                ClientEvents.RoomStateEvents,
                (event) => (event as MatrixEvent).getType() === "m.room.encryption" && schedule(),
            ],
        );
    }
    for (const [name, listener] of listeners) emitter.on(name, listener);
    return () => {
        for (const [name, listener] of listeners) emitter.off(name, listener);
        if (timer !== undefined) clearTimeout(timer);
    };
}
