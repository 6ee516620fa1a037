/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import {
    changeRecoveryKey,
    createRecoveryKey,
    forgetRecoveryKey,
    replaceBackup,
    setUpRecovery,
    type NewRecoveryKey,
} from "../../matrix/recovery";
import { recordSetUpAsCheck } from "../../matrix/recovery/recoveryCheck";
import { judgePassphrase, type PassphraseVerdict } from "../../passphrase/strength";
import { NO_FLOW, problemOf, type BackupSection } from "./section";
import type { SetupPurpose } from "../../views/backup/types";

/** Spaces and case as a user might copy them: only the characters matter. */
function sameKey(typed: string, expected: string): boolean {
    const norm = (s: string): string => s.replace(/\s+/g, "");
    return norm(typed) === norm(expected);
}

/**
 * A new recovery key (set up, change, after a reset, for a new backup): choose → show the key →
 * type it back → saved. The key lives here, in memory, only until it is saved or abandoned.
 */
export class SetupFlow {
    private pendingKey: NewRecoveryKey | null = null;

    public constructor(private readonly section: BackupSection) {}

    public dropPendingKey(): void {
        forgetRecoveryKey(this.pendingKey);
        this.pendingKey = null;
    }

    public startSetup(purpose: SetupPurpose = "set_up"): void {
        this.dropPendingKey();
        this.section.update({
            flow: {
                kind: "setup",
                purpose,
                step: "choose",
                recoveryKey: null,
                withPassphrase: false,
                mismatch: false,
                problem: null,
            },
            problem: null,
        });
    }

    public async generateKey(passphrase?: string): Promise<void> {
        const section = this.section;
        const flow = section.getSnapshot().flow;
        if (flow.kind !== "setup") return;
        const { allowPassphrase, passphraseMinScore } = section.getSnapshot();
        const usePassphrase = !!passphrase && allowPassphrase;
        if (usePassphrase) {
            // The view checks as the user types; this is the gate, so no caller can skip the check.
            let verdict: PassphraseVerdict;
            try {
                verdict = await judgePassphrase(passphrase, passphraseMinScore);
            } catch {
                section.update({ flow: { ...flow, problem: { kind: "passphrase_unchecked" } } });
                return;
            }
            if (!verdict.ok) {
                section.update({ flow: { ...flow, problem: { kind: "passphrase_weak", verdict } } });
                return;
            }
        }
        try {
            this.dropPendingKey();
            const key = await createRecoveryKey(section.client, usePassphrase ? passphrase : undefined);
            if (section.closed) return forgetRecoveryKey(key);
            this.pendingKey = key;
            section.update({
                flow: {
                    ...flow,
                    step: "show_key",
                    recoveryKey: key.encodedPrivateKey,
                    withPassphrase: usePassphrase,
                    problem: null,
                },
            });
        } catch (error) {
            section.update({ flow: { ...flow, problem: problemOf(error) } });
        }
    }

    public keySaved(): void {
        const flow = this.section.getSnapshot().flow;
        if (flow.kind === "setup" && flow.step === "show_key") {
            this.section.update({ flow: { ...flow, step: "confirm_key", mismatch: false } });
        }
    }

    public showKeyAgain(): void {
        const flow = this.section.getSnapshot().flow;
        if (flow.kind === "setup" && flow.step === "confirm_key") {
            this.section.update({ flow: { ...flow, step: "show_key", mismatch: false } });
        }
    }

    public async confirmKey(typed: string): Promise<void> {
        const section = this.section;
        const flow = section.getSnapshot().flow;
        const key = this.pendingKey;
        if (flow.kind !== "setup" || flow.step !== "confirm_key" || !key) return;
        if (!sameKey(typed, key.encodedPrivateKey)) {
            section.update({ flow: { ...flow, mismatch: true } });
            return;
        }
        // From here on the key is no longer shown anywhere.
        section.update({ flow: { ...flow, step: "saving", recoveryKey: null, mismatch: false, problem: null } });
        await section.runAction(async () => {
            try {
                // Only "Start a new backup" replaces the server's backup; a key change never does.
                if (flow.purpose === "new_backup") await replaceBackup(section.client, key);
                else if (flow.purpose === "change") await changeRecoveryKey(section.client, key);
                else await setUpRecovery(section.client, key, section.prompt);
                this.dropPendingKey();
                void recordSetUpAsCheck(section.client); // the "still have your key?" reminder counts from now
                section.update({ flow: NO_FLOW });
            } catch (error) {
                // Keep the key so "Try again" does not need a new one (the user saved this one).
                const problem = section.cancelProblem(error);
                section.update({
                    flow: { ...flow, step: "confirm_key", recoveryKey: key.encodedPrivateKey, problem },
                });
            }
        });
    }
}
