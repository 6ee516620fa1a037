/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { enterRecoveryKey, restoreFromBackup } from "../../matrix/recovery";
import { NO_FLOW, problemOf, type BackupSection } from "./section";

/** The recovery key (or passphrase) entered on this device: unlock → restore the backup with progress. */
export class EnterKeyFlow {
    public constructor(private readonly section: BackupSection) {}

    public startEnterKey(): void {
        this.section.update({
            flow: { kind: "enter_key", step: "input", progress: null, result: null, problem: null },
            problem: null,
        });
    }

    /** A wrong key leaves everything as it was and says so. */
    public async submitRecoveryKey(input: string): Promise<void> {
        const section = this.section;
        const flow = section.getSnapshot().flow;
        if (flow.kind !== "enter_key" || input.trim() === "") return;
        section.update({ flow: { ...flow, step: "unlocking", problem: null } });
        let restore = false;
        await section.runAction(async () => {
            try {
                const { restoreVersion } = await enterRecoveryKey(section.client, input.trim());
                restore = restoreVersion !== null;
                if (!restore) section.update({ flow: NO_FLOW });
            } catch (error) {
                section.update({ flow: { ...flow, step: "input", problem: problemOf(error) } });
            }
        });
        if (restore) await this.restore();
    }

    public async restore(): Promise<void> {
        const section = this.section;
        const base = { kind: "enter_key" as const, result: null, problem: null };
        section.update({ flow: { ...base, step: "restoring", progress: { done: 0, total: null } } });
        await section.runAction(async () => {
            try {
                const result = await restoreFromBackup(section.client, (progress) => {
                    const flow = section.getSnapshot().flow;
                    if (flow.kind === "enter_key" && flow.step === "restoring")
                        section.update({ flow: { ...flow, progress } });
                });
                section.update({ flow: { ...base, step: "restored", progress: null, result } });
            } catch (error) {
                section.update({
                    flow: { ...base, step: "restore_failed", progress: null, problem: problemOf(error) },
                });
            }
        });
    }
}
