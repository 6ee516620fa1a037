/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { ELEMENT_BACKUP_DISABLED_TYPE, ELEMENT_RECOVERY_TYPE } from "../sdkConstants";

/** Names of the secrets, secret-storage and backup account data that recovery reads and writes. */
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
        type === ELEMENT_BACKUP_DISABLED_TYPE ||
        type === ELEMENT_RECOVERY_TYPE ||
        type === DEFAULT_KEY_TYPE ||
        type.startsWith(SECRET_STORAGE_KEY_PREFIX) ||
        (Object.values(SECRET_NAMES) as string[]).includes(type)
    );
}
