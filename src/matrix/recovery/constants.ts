/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Names we match at runtime. The bundle must not contain matrix-js-sdk, so its enums are re-declared
 * here by value (CryptoEvent and ClientEvent in matrix-js-sdk 43, lib/crypto-api/CryptoEvent.d.ts and
 * lib/client.d.ts); the values are part of the SDK's public event API.
 */

export const CRYPTO_EVENTS = {
    /** CryptoEvent.KeyBackupStatus: backup enabled/disabled on this device. */
    KeyBackupStatus: "crypto.keyBackupStatus",
    /** CryptoEvent.KeyBackupSessionsRemaining: room keys still to upload (a number). */
    KeyBackupSessionsRemaining: "crypto.keyBackupSessionsRemaining",
    /** CryptoEvent.KeyBackupDecryptionKeyCached: a backup key was cached here (gossip, restore). */
    KeyBackupDecryptionKeyCached: "crypto.keyBackupDecryptionKeyCached",
    /** CryptoEvent.KeysChanged: our cross-signing keys changed. */
    KeysChanged: "crossSigning.keysChanged",
    /** CryptoEvent.UserTrustStatusChanged: a user's (here: our own) identity trust changed. */
    UserTrustStatusChanged: "userTrustStatusChanged",
} as const;

/** ClientEvent.AccountData. */
export const ACCOUNT_DATA_EVENT = "accountData";

/** Element's "the user turned key storage off" flag (Element Web and Element X agree on it). */
export const BACKUP_DISABLED_TYPE = "m.org.matrix.custom.backup_disabled";
/** Element's "the user enabled / dismissed recovery" flag. */
export const RECOVERY_TYPE = "io.element.recovery";

export const SECRET_NAMES = {
    master: "m.cross_signing.master",
    self_signing: "m.cross_signing.self_signing",
    user_signing: "m.cross_signing.user_signing",
    backup: "m.megolm_backup.v1",
} as const;

export const DEFAULT_KEY_TYPE = "m.secret_storage.default_key";
export const SECRET_STORAGE_KEY_PREFIX = "m.secret_storage.key.";
export const SECRET_STORAGE_ALGORITHM = "m.secret_storage.v1.aes-hmac-sha2";
export const BACKUP_ALGORITHM = "m.megolm_backup.v1.curve25519-aes-sha2";

/** Account data types whose change can change the recovery state. */
export function isRecoveryAccountData(type: string): boolean {
    return (
        type === BACKUP_DISABLED_TYPE ||
        type === RECOVERY_TYPE ||
        type === DEFAULT_KEY_TYPE ||
        type.startsWith(SECRET_STORAGE_KEY_PREFIX) ||
        (Object.values(SECRET_NAMES) as string[]).includes(type)
    );
}
