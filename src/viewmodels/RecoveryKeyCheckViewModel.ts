/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * "Do you still have your recovery key?" The user types the key (or the passphrase); it is checked
 * on this device against the key's description in account data (its MAC), never sent anywhere and
 * never used to change anything. A right key records the date in account data (the only request),
 * so every session agrees when the next reminder is due. A wrong one leads to changing the key while
 * this session still holds the secrets the key protects.
 */
import type { HostClient } from "../matrix/hostClient";

import { describeFailure } from "../matrix/errors";
import { RECOVERY_CHECK_TYPE, readRecoveryCheck, recordRecoveryCheck } from "../matrix/recovery/recoveryCheck";
import { NoRecoveryError, unlockDefaultKey, WrongRecoveryKeyError } from "../matrix/recovery/secrets";
import { UnusablePassphraseParamsError } from "../matrix/recovery/secretStorageCrypto";
import { asEmitter, ClientEvents } from "../matrix/sdkConstants";
import type { MatrixEvent } from "matrix-js-sdk/lib/models/event";
import type { RecoveryKeyCheckActions, RecoveryKeyCheckSnapshot } from "../views/checkup/types";
import { ViewModel } from "./ViewModel";

const IDLE: Omit<RecoveryKeyCheckSnapshot, "lastCheckedAt"> = {
    step: "idle",
    malformed: false,
    canChangeHere: null,
    saveFailed: null,
    problem: null,
};

export class RecoveryKeyCheckViewModel extends ViewModel<RecoveryKeyCheckSnapshot> implements RecoveryKeyCheckActions {
    public constructor(private readonly client: HostClient) {
        super({ ...IDLE, lastCheckedAt: readRecoveryCheck(client)?.checked_at ?? null });
        const onAccountData = (event: unknown): void => {
            if ((event as MatrixEvent).getType() !== RECOVERY_CHECK_TYPE) return;
            this.setSnapshot({ lastCheckedAt: readRecoveryCheck(client)?.checked_at ?? null });
        };
        asEmitter(client).on(ClientEvents.AccountData, onAccountData);
        this.onDispose(() => asEmitter(client).off(ClientEvents.AccountData, onAccountData));
    }

    public readonly start = (): void => {
        this.setSnapshot({ ...IDLE, step: "input" });
    };

    public readonly close = (): void => {
        this.setSnapshot({ ...IDLE });
    };

    /** Checks `input` (a recovery key in any spelling, or the passphrase) on this device. */
    public readonly check = async (input: string): Promise<void> => {
        const step = this.getSnapshot().step;
        if ((step !== "input" && step !== "wrong") || input.trim() === "") return;
        this.setSnapshot({ step: "checking", malformed: false, problem: null, saveFailed: null });
        let keyId: string;
        try {
            const unlocked = await unlockDefaultKey(this.client, input);
            keyId = unlocked.keyId;
            unlocked.key.fill(0); // the check needs nothing more from it
        } catch (error) {
            if (error instanceof WrongRecoveryKeyError) {
                const canChangeHere = await this.holdsSecretsHere();
                this.setSnapshot({ step: "wrong", malformed: error.malformed, canChangeHere });
            } else if (error instanceof NoRecoveryError) {
                this.setSnapshot({ step: "not_set_up" });
            } else {
                const problem = error instanceof UnusablePassphraseParamsError ? "unusable_passphrase" : "unknown";
                this.setSnapshot({ step: "input", problem });
            }
            return;
        }
        this.setSnapshot({ step: "right" });
        try {
            const record = await recordRecoveryCheck(this.client, keyId, "check");
            this.setSnapshot({ lastCheckedAt: record.checked_at });
        } catch (error) {
            this.setSnapshot({ saveFailed: describeFailure(error).kind });
        }
    };

    /** Whether this session holds every secret the recovery key protects (local reads only). */
    private async holdsSecretsHere(): Promise<boolean> {
        try {
            const crypto = this.client.getCrypto();
            if (!crypto) return false;
            const cached = (await crypto.getCrossSigningStatus()).privateKeysCachedLocally;
            const backupKey = await crypto.getSessionBackupPrivateKey();
            return cached.masterKey && cached.selfSigningKey && cached.userSigningKey && backupKey !== null;
        } catch {
            return false;
        }
    }
}

export type * from "../views/checkup/types";
