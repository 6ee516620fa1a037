/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type {
    BackupActions,
    BackupFlow,
    BackupSnapshot,
    RecoveryFacts,
    RecoveryState,
} from "../../../../src/viewmodels/BackupViewModel";
import { ViewModel } from "../../../../src/viewmodels/ViewModel";

const both = { inSecretStorage: true, cachedHere: true };

export function healthyFacts(): RecoveryFacts {
    return {
        identityPublished: true,
        thisDeviceVerified: true,
        crossSigning: { master: { ...both }, self_signing: { ...both }, user_signing: { ...both } },
        backup: {
            version: "7",
            algorithm: "m.megolm_backup.v1.curve25519-aes-sha2",
            count: 42,
            countIsFresh: true,
            trusted: true,
            matchesKeyHere: true,
        },
        activeBackupVersion: "7",
        backupKey: { ...both },
        recovery: { keyId: "k", method: "passphrase" },
        keyStorageDisabledByUser: false,
        recoveryDeclinedByUser: false,
        keysWaitingToUpload: 3,
    };
}

/** A view-model with a fixed snapshot and recorded actions: the view is tested alone. */
export class StubBackupViewModel extends ViewModel<BackupSnapshot> implements BackupActions {
    public retry = jest.fn(async () => {});
    public submitAuth = jest.fn();
    public startSetup = jest.fn();
    public generateKey = jest.fn(async (_passphrase?: string) => {});
    public keySaved = jest.fn();
    public showKeyAgain = jest.fn();
    public confirmKey = jest.fn(async (_typed: string) => {});
    public startEnterKey = jest.fn();
    public verifyWithOtherSession = jest.fn();
    public submitRecoveryKey = jest.fn(async (_input: string) => {});
    public restore = jest.fn(async () => {});
    public askTurnOffKeyStorage = jest.fn();
    public confirmTurnOffKeyStorage = jest.fn(async () => {});
    public turnOnKeyStorage = jest.fn(async () => {});
    public startReset = jest.fn();
    public confirmReset = jest.fn(async () => {});
    public cancelFlow = jest.fn();
    public loadDetails = jest.fn();

    public constructor(state: RecoveryState, overrides: Partial<BackupSnapshot> = {}) {
        super({
            state,
            facts: state === "checking" || state === "error" ? null : healthyFacts(),
            affected: [],
            failure: null,
            busy: false,
            flow: { kind: "none" },
            auth: null,
            problem: null,
            allowPassphrase: true,
            passphraseMinScore: 4,
            canVerifyWithOtherSession: false,
            ...overrides,
        });
    }

    public set(update: Partial<BackupSnapshot>): void {
        this.setSnapshot(update);
    }

    public setFlow(flow: BackupFlow): void {
        this.setSnapshot({ flow });
    }
}
