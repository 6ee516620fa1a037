/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { resetIdentity } from "../../matrix/recovery";
import { NO_FLOW, type BackupSection } from "./section";

/** The way out of every state: an explanation of what is lost → reset (with auth) → a new recovery key. */
export class ResetFlow {
    public constructor(
        private readonly section: BackupSection,
        /** Goes on to a new recovery key once the reset is done. */
        private readonly afterReset: () => void,
    ) {}

    public startReset(): void {
        this.section.update({ flow: { kind: "confirm_reset", step: "confirm", problem: null }, problem: null });
    }

    public async confirmReset(): Promise<void> {
        const section = this.section;
        // Only from the explanation the user has seen ("confirm"), and once: never a reset by itself.
        const flow = section.getSnapshot().flow;
        if (flow.kind !== "confirm_reset" || flow.step !== "confirm") return;
        section.update({ flow: { kind: "confirm_reset", step: "resetting", problem: null } });
        let done = false;
        await section.runAction(async () => {
            try {
                await resetIdentity(section.client, section.prompt);
                done = true;
            } catch (error) {
                const problem = section.cancelProblem(error);
                section.update({ flow: problem ? { kind: "confirm_reset", step: "confirm", problem } : NO_FLOW });
            }
        });
        if (done) this.afterReset();
    }
}
