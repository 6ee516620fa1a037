/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * matrix-js-sdk names and numbers we need at runtime, in one place for every feature. The bundle never
 * contains matrix-js-sdk (we use the host's client), so its enums are re-declared here with the values
 * of matrix-js-sdk 43 (lib/crypto-api/CryptoEvent.d.ts, lib/crypto-api/verification.d.ts,
 * lib/client.d.ts, lib/models/room.d.ts, lib/models/room-state.d.ts). These values are part of the
 * SDK's public API; tests/unit/matrix/sdkConstants.test.ts compares them with the SDK's own enums.
 */

/** CryptoEvent (lib/crypto-api/CryptoEvent.d.ts). */
export const CryptoEvents = {
    /** A user's (for us: our own) identity trust changed. */
    UserTrustStatusChanged: "userTrustStatusChanged",
    /** Key backup enabled/disabled on this device. */
    KeyBackupStatus: "crypto.keyBackupStatus",
    /** Room keys still to upload (a number). */
    KeyBackupSessionsRemaining: "crypto.keyBackupSessionsRemaining",
    /** A backup key was cached here (gossip, restore). */
    KeyBackupDecryptionKeyCached: "crypto.keyBackupDecryptionKeyCached",
    VerificationRequestReceived: "crypto.verificationRequestReceived",
    DevicesUpdated: "crypto.devicesUpdated",
    /** Our cross-signing keys changed. */
    KeysChanged: "crossSigning.keysChanged",
} as const;

/** ClientEvent, RoomEvent, RoomStateEvent (lib/client.d.ts, lib/models/room*.d.ts). */
export const ClientEvents = {
    Sync: "sync",
    AccountData: "accountData",
    Room: "Room",
    RoomMyMembership: "Room.myMembership",
    RoomStateEvents: "RoomState.events",
    ToDeviceEvent: "toDeviceEvent",
} as const;

/** VerificationPhase (lib/crypto-api/verification.d.ts). */
export const Phase = {
    Unsent: 1,
    Requested: 2,
    Ready: 3,
    Started: 4,
    Cancelled: 5,
    Done: 6,
} as const;

/** VerificationRequestEvent.Change and VerifierEvent (lib/crypto-api/verification.d.ts). */
export const VerificationEvents = {
    RequestChange: "change",
    VerifierCancel: "cancel",
    VerifierShowSas: "show_sas",
} as const;

/** The SAS method name of the spec ("m.sas.v1"). */
export const SAS_METHOD = "m.sas.v1";

/*
 * Account data written by Element when the user turned things off there (DESIGN.md, host facts);
 * Element Web and Element X agree on them.
 */
/** "The user enabled / dismissed recovery" (`{enabled}`). */
export const ELEMENT_RECOVERY_TYPE = "io.element.recovery";
/** "The user turned key storage off" (`{disabled}`). */
export const ELEMENT_BACKUP_DISABLED_TYPE = "m.org.matrix.custom.backup_disabled";

/** An SDK event emitter seen through our re-declared (string) event names. */
export interface LooseEmitter {
    on(event: string, listener: (...args: never[]) => void): unknown;
    off(event: string, listener: (...args: never[]) => void): unknown;
}

/** The SDK's emitters are typed by its enums, which the bundle cannot import; this is the one cast. */
export function asEmitter(emitter: object): LooseEmitter {
    return emitter as unknown as LooseEmitter;
}
