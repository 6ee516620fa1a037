/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { deriveRecoveryState, type RecoveryFacts } from "../../../../src/matrix/recovery/state";

const both = { inSecretStorage: true, cachedHere: true };

/** An account with everything in place; each test breaks one thing. */
function healthy(): RecoveryFacts {
    return {
        identityPublished: true,
        thisDeviceVerified: true,
        crossSigning: { master: { ...both }, self_signing: { ...both }, user_signing: { ...both } },
        backup: {
            version: "3",
            algorithm: "m.megolm_backup.v1.curve25519-aes-sha2",
            count: 12,
            countIsFresh: true,
            trusted: true,
            matchesKeyHere: true,
        },
        activeBackupVersion: "3",
        backupKey: { ...both },
        recovery: { keyId: "abc", method: "key" },
        keyStorageDisabledByUser: false,
        recoveryDeclinedByUser: false,
        keysWaitingToUpload: 0,
    };
}

describe("deriveRecoveryState", () => {
    it("healthy when identity, recovery key, backup and every secret are in place", () => {
        expect(deriveRecoveryState(healthy())).toEqual({ state: "healthy", affected: [] });
    });

    it("not_set_up for an account with no identity, no recovery and no backup", () => {
        const facts = { ...healthy(), identityPublished: false, recovery: null, backup: null };
        expect(deriveRecoveryState(facts).state).toBe("not_set_up");
    });

    it("not_set_up when the identity is here but no recovery key exists (the backup alone is not enough)", () => {
        expect(deriveRecoveryState({ ...healthy(), recovery: null }).state).toBe("not_set_up");
        expect(deriveRecoveryState({ ...healthy(), recovery: null, backup: null }).state).toBe("not_set_up");
    });

    it("out_of_sync when secret storage holds the cross-signing keys but this device does not", () => {
        const facts = healthy();
        facts.crossSigning.master.cachedHere = false;
        facts.crossSigning.self_signing.cachedHere = false;
        expect(deriveRecoveryState(facts)).toEqual({ state: "out_of_sync", affected: ["master", "self_signing"] });
    });

    it("out_of_sync when only the backup key is missing here but stored", () => {
        const facts = { ...healthy(), backupKey: { inSecretStorage: true, cachedHere: false } };
        expect(deriveRecoveryState(facts)).toEqual({ state: "out_of_sync", affected: ["backup"] });
    });

    it("backup_key_missing_from_storage when this device has the backup key and storage lacks it", () => {
        const facts = { ...healthy(), backupKey: { inSecretStorage: false, cachedHere: true } };
        expect(deriveRecoveryState(facts)).toEqual({ state: "backup_key_missing_from_storage", affected: ["backup"] });
    });

    it("backup_key_missing_from_storage also covers a cross-signing key missing from storage", () => {
        const facts = healthy();
        facts.crossSigning.user_signing.inSecretStorage = false;
        expect(deriveRecoveryState(facts)).toEqual({
            state: "backup_key_missing_from_storage",
            affected: ["user_signing"],
        });
    });

    it("backup_key_missing_from_storage when the backup key is neither here nor stored", () => {
        const facts = { ...healthy(), backupKey: { inSecretStorage: false, cachedHere: false } };
        expect(deriveRecoveryState(facts).state).toBe("backup_key_missing_from_storage");
    });

    it("key_storage_off when there is no backup and the user turned it off (even with no identity)", () => {
        expect(deriveRecoveryState({ ...healthy(), backup: null, keyStorageDisabledByUser: true }).state).toBe(
            "key_storage_off",
        );
        expect(
            deriveRecoveryState({
                ...healthy(),
                identityPublished: false,
                backup: null,
                keyStorageDisabledByUser: true,
            }).state,
        ).toBe("key_storage_off");
    });

    it("key_storage_off when a recovery key exists but the backup is gone", () => {
        expect(deriveRecoveryState({ ...healthy(), backup: null }).state).toBe("key_storage_off");
    });

    it("backup_untrusted when the server backup is neither trusted nor matching our key", () => {
        const facts = healthy();
        facts.backup = { ...facts.backup!, trusted: false, matchesKeyHere: false };
        expect(deriveRecoveryState(facts).state).toBe("backup_untrusted");
    });

    it("a backup we hold the key of counts as usable even before it is signed", () => {
        const facts = healthy();
        facts.backup = { ...facts.backup!, trusted: false, matchesKeyHere: true };
        expect(deriveRecoveryState(facts).state).toBe("healthy");
    });

    it("identity_needs_reset when the cross-signing keys are in neither place", () => {
        const facts = healthy();
        facts.crossSigning.master = { inSecretStorage: false, cachedHere: false };
        expect(deriveRecoveryState(facts).state).toBe("identity_needs_reset");
        expect(deriveRecoveryState({ ...healthy(), recovery: null, crossSigning: facts.crossSigning }).state).toBe(
            "identity_needs_reset",
        );
    });

    it("out_of_sync comes before backup trust: an unverified device cannot trust the backup yet", () => {
        const facts = healthy();
        facts.crossSigning.master.cachedHere = false;
        facts.backup = { ...facts.backup!, trusted: false, matchesKeyHere: false };
        expect(deriveRecoveryState(facts).state).toBe("out_of_sync");
    });
});
