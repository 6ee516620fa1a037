/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { Failure } from "../errors";

/**
 * The answer to "if I lose this device, can I still read my messages?", one value per situation a
 * user must act on differently. Derived by `deriveRecoveryState` from `RecoveryFacts`.
 *
 * - `checking`: not known yet (first read in flight).
 * - `not_set_up`: no recovery key exists yet (or no identity at all); offer "Set up recovery".
 * - `healthy`: identity, recovery key and backup all in place, and this device holds every secret.
 * - `out_of_sync`: the secrets are in secret storage but not cached on this device (or the backup
 *   key is missing here); the fix is "Enter your recovery key" on this device.
 * - `backup_key_missing_from_storage`: this device holds a secret (usually the backup key) that
 *   secret storage lacks, so another device could not recover it; the fix is to enter the recovery
 *   key here, which stores it (Element loops on "set up" in this case).
 * - `key_storage_off`: there is no key backup, and the user turned key storage off (or it was
 *   never on); offer to turn it on.
 * - `backup_untrusted`: a backup exists on the server but it is neither signed by our identity nor
 *   matching the key we hold: we do not upload to it; the fix is to start a new backup.
 * - `identity_needs_reset`: the cross-signing private keys are in neither secret storage nor this
 *   device, so nothing can restore them; only a reset (or verifying from a device that has them) helps.
 * - `error`: the homeserver could not be asked; show the reason and "Try again".
 */
export type RecoveryState =
    | "checking"
    | "not_set_up"
    | "healthy"
    | "out_of_sync"
    | "backup_key_missing_from_storage"
    | "key_storage_off"
    | "backup_untrusted"
    | "identity_needs_reset"
    | "error";

/** Where one secret is: published (public half on the server), in secret storage, cached here. */
export interface SecretPlaces {
    inSecretStorage: boolean;
    cachedHere: boolean;
}

export type CrossSigningKeyName = "master" | "self_signing" | "user_signing";

/** Everything we read to decide the state; also what the details view shows. */
export interface RecoveryFacts {
    /** Whether the account has a published cross-signing identity. */
    identityPublished: boolean;
    /** Whether this device is signed by that identity. */
    thisDeviceVerified: boolean;
    crossSigning: Record<CrossSigningKeyName, SecretPlaces>;
    /** The server's current backup, null when there is none. */
    backup: {
        version: string;
        algorithm: string;
        /** Keys stored on the server (fresh from the server when `countIsFresh`). */
        count: number;
        countIsFresh: boolean;
        /** Signed by our identity or this device. */
        trusted: boolean;
        /** The backup key cached here decrypts this backup. */
        matchesKeyHere: boolean;
    } | null;
    /** The backup this device is uploading to, if any. */
    activeBackupVersion: string | null;
    backupKey: SecretPlaces;
    /** Secret storage's default key, null when recovery was never set up (or was turned off). */
    recovery: { keyId: string; method: "key" | "passphrase" } | null;
    /** `m.org.matrix.custom.backup_disabled` says `disabled: true` (Element's "key storage off"). */
    keyStorageDisabledByUser: boolean;
    /** `io.element.recovery` says `enabled: false` (the user dismissed "set up recovery" in Element). */
    recoveryDeclinedByUser: boolean;
    /** Room keys this device still has to upload (from the crypto stack's events; null until told). */
    keysWaitingToUpload: number | null;
}

export type DerivedRecovery = { state: Exclude<RecoveryState, "checking" | "error"> } & {
    /** For backup_key_missing_from_storage / out_of_sync: which secrets are affected. */
    affected: string[];
};

const CROSS_SIGNING_KEYS: CrossSigningKeyName[] = ["master", "self_signing", "user_signing"];

/** The single most important thing to fix, from the facts. Pure, so every branch is unit-tested. */
export function deriveRecoveryState(facts: RecoveryFacts): DerivedRecovery {
    const cs = CROSS_SIGNING_KEYS.map((name) => ({ name, ...facts.crossSigning[name] }));
    const allCachedHere = cs.every((k) => k.cachedHere);
    const allInStorage = facts.recovery !== null && cs.every((k) => k.inSecretStorage);
    const backupUsable = facts.backup !== null && (facts.backup.trusted || facts.backup.matchesKeyHere);

    if (!facts.identityPublished) {
        // Nothing to lose yet: a first set-up creates the identity, the key and the backup together.
        const off = facts.backup === null && facts.keyStorageDisabledByUser;
        return { state: off ? "key_storage_off" : "not_set_up", affected: [] };
    }
    if (!allCachedHere && !allInStorage) {
        return { state: "identity_needs_reset", affected: cs.filter((k) => !k.cachedHere).map((k) => k.name) };
    }
    if (!allCachedHere) {
        return { state: "out_of_sync", affected: cs.filter((k) => !k.cachedHere).map((k) => k.name) };
    }
    if (facts.backup === null) {
        // Element's own toggle shows "off" whenever there is no backup, whoever turned it off; with no
        // recovery key either (and no "off" choice recorded), one "Set up recovery" fixes both.
        const neverSetUp = facts.recovery === null && !facts.keyStorageDisabledByUser;
        return { state: neverSetUp ? "not_set_up" : "key_storage_off", affected: [] };
    }
    if (!backupUsable) return { state: "backup_untrusted", affected: ["backup"] };
    if (facts.recovery === null) return { state: "not_set_up", affected: [] };
    if (!facts.backupKey.cachedHere || !facts.backup.matchesKeyHere) {
        return facts.backupKey.inSecretStorage
            ? { state: "out_of_sync", affected: ["backup"] }
            : { state: "backup_key_missing_from_storage", affected: ["backup"] };
    }
    const missingFromStorage = [
        ...cs.filter((k) => !k.inSecretStorage).map((k) => k.name as string),
        ...(facts.backupKey.inSecretStorage ? [] : ["backup"]),
    ];
    if (missingFromStorage.length > 0)
        return { state: "backup_key_missing_from_storage", affected: missingFromStorage };
    return { state: "healthy", affected: [] };
}

/** A state with its facts, or the failure that kept us from reading them. */
export type RecoveryStatus =
    { state: "checking" } | { state: "error"; failure: Failure } | (DerivedRecovery & { facts: RecoveryFacts });
