/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { checkAddress } from "../../matrix/email/address";
import { createClientSecret } from "../../matrix/email/clientSecret";
import { describeEmailProblem } from "../../matrix/email/failures";
import { requestEmailToken } from "../../matrix/email/operations";
import { forgetPending, type EmailSection } from "./section";

/** The first half of adding an address: type it, send the verification mail, resend or give up. */
export class AddFlow {
    public constructor(private readonly section: EmailSection) {}

    public startAdd(): void {
        if (this.section.getSnapshot().step.kind !== "ready") return;
        this.section.begin();
        this.section.update({ notice: null });
        this.section.setStep({ kind: "entering", draft: "", problem: null });
    }

    public setDraft(draft: string): void {
        if (this.section.getSnapshot().step.kind !== "entering") return;
        // Typing clears a complaint about what was there before.
        this.section.setStep({ kind: "entering", draft, problem: null });
    }

    public submitAddress(): void {
        const step = this.section.getSnapshot().step;
        if (step.kind !== "entering") return;
        const check = checkAddress(
            step.draft,
            this.section.getSnapshot().emails.map((e) => e.address),
        );
        if (!check.ok) {
            this.section.setStep({ kind: "entering", draft: step.draft, problem: { kind: check.reason } });
            return;
        }
        this.sendFirstMail(check.address);
    }

    /** Asks the homeserver to mail `address` its verification link (also "Try again" after an expired session). */
    public sendFirstMail(address: string): void {
        const section = this.section;
        const current = section.begin();
        section.setStep({ kind: "sending", address });
        const clientSecret = createClientSecret();
        void (async () => {
            try {
                const sid = await requestEmailToken(
                    section.client,
                    { address, client_secret: clientSecret, send_attempt: 1 },
                    section.timeoutMs,
                );
                if (!current()) return;
                section.pending = section.store.createPending({
                    sid,
                    client_secret: clientSecret,
                    address,
                    send_attempt: 1,
                });
                section.store.save(section.pending);
                section.completedAuthSession = null;
                section.setStep(section.restingStep());
            } catch (error) {
                if (!current()) return;
                const problem = describeEmailProblem(error);
                if (
                    ["in_use", "denied", "not_supported", "invalid_address", "changes_disabled"].includes(problem.kind)
                ) {
                    // About this address or this server: let the user read it next to the address and change it.
                    section.setStep({ kind: "entering", draft: address, problem });
                } else {
                    section.showProblem(problem, () => this.sendFirstMail(address));
                }
            }
        })();
    }

    public cancelAdd(): void {
        const kind = this.section.getSnapshot().step.kind;
        if (kind !== "entering" && kind !== "waiting_for_click" && kind !== "sending") return;
        this.section.begin();
        forgetPending(this.section);
        this.section.setStep(this.section.restingStep());
    }

    public resend(): void {
        const section = this.section;
        const step = section.getSnapshot().step;
        const pending = section.pending;
        if (step.kind !== "waiting_for_click" || step.resending || !pending) return;
        const current = section.begin();
        section.setStep({ ...step, resending: true, problem: null, notClickedYet: false });
        const sendAttempt = pending.send_attempt + 1;
        void (async () => {
            try {
                const sid = await requestEmailToken(
                    section.client,
                    { address: pending.address, client_secret: pending.client_secret, send_attempt: sendAttempt },
                    section.timeoutMs,
                );
                if (!current()) return;
                section.pending = section.store.createPending({
                    sid,
                    client_secret: pending.client_secret,
                    address: pending.address,
                    send_attempt: sendAttempt,
                });
                section.store.save(section.pending);
                section.setStep({ ...step, resending: false, resent: true, notClickedYet: false, problem: null });
            } catch (error) {
                if (!current()) return;
                section.setStep({ ...step, resending: false, problem: describeEmailProblem(error) });
            }
        })();
    }
}
