/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { canonicalAddress } from "../../matrix/email/address";
import { describeEmailProblem } from "../../matrix/email/failures";
import { removeEmail } from "../../matrix/email/operations";
import type { AccountThreePids } from "../../matrix/email/types";
import type { EmailSection } from "./section";

/** Removing an address: "Remove x?" (warning before the last one) → removed, never claimed on a guess. */
export class RemoveFlow {
    public constructor(private readonly section: EmailSection) {}

    public askRemove(address: string): void {
        const { step, emails } = this.section.getSnapshot();
        // Also while a new address waits for its click: the pending add stays and comes back after.
        if (step.kind !== "ready" && step.kind !== "waiting_for_click") return;
        if (!emails.some((e) => e.address === address)) return;
        this.section.update({ notice: null });
        this.section.setStep({ kind: "confirm_remove", address, isLast: emails.length === 1 });
    }

    public cancelRemove(): void {
        if (this.section.getSnapshot().step.kind !== "confirm_remove") return;
        this.section.setStep(this.section.restingStep());
    }

    public confirmRemove(): void {
        const step = this.section.getSnapshot().step;
        if (step.kind !== "confirm_remove") return;
        this.remove(step.address);
    }

    private remove(address: string): void {
        const section = this.section;
        const current = section.begin();
        section.setStep({ kind: "removing", address });
        void (async () => {
            try {
                await removeEmail(section.client, address, section.timeoutMs);
                if (!current()) return;
                section.announceChange();
                section.update({ notice: { kind: "removed", address } });
                await section.refreshList(current).catch(() => undefined);
                if (current() && section.getSnapshot().step.kind === "removing") section.setStep(section.restingStep());
            } catch (error) {
                if (!current()) return;
                await this.afterFailedRemove(error, address, current);
            }
        })();
    }

    /**
     * The removal failed, or its answer was lost: it may still have happened (a timeout, a dropped
     * connection after the server acted). Never say "removed" on our own: ask the server for the
     * list. Gone there: the server did remove it, say so. Still there, or the list can't be read:
     * say what failed and offer Try again; the list shown is the one the server last gave.
     */
    private async afterFailedRemove(error: unknown, address: string, current: () => boolean): Promise<void> {
        const section = this.section;
        let list: AccountThreePids | null = null;
        try {
            list = await section.readList();
        } catch {
            // Uncertain: report the original failure below.
        }
        if (!current()) return;
        if (list) {
            section.update({ emails: list.emails, phones: list.phones, listed: true });
            const wanted = canonicalAddress(address);
            if (!list.emails.some((e) => canonicalAddress(e.address) === wanted)) {
                section.announceChange();
                section.update({ notice: { kind: "removed", address } });
                section.setStep(section.restingStep());
                return;
            }
        }
        section.showProblem(describeEmailProblem(error), () => this.remove(address));
    }
}
