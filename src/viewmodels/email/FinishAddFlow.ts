/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { describeEmailProblem, LinkNotClickedError } from "../../matrix/email/failures";
import { finishAdd } from "../../matrix/email/operations";
import type { PendingAdd } from "../../matrix/email/types";
import type { AuthAnswer } from "../../matrix/uia";
import { AuthQuestion } from "../auth/AuthQuestion";
import { forgetPending, type EmailSection } from "./section";
import type { EmailStep } from "../../views/email/types";

/**
 * The second half of adding an address: "Continue" (or the user coming back to the page) after the
 * link was clicked → the password or SSO if the homeserver asks → added. `sendFirstMail` starts over
 * with a fresh mail (the "Try again" of an expired session).
 */
export class FinishAddFlow {
    private readonly auth: AuthQuestion;
    private address = "";

    public constructor(
        private readonly section: EmailSection,
        private readonly sendFirstMail: (address: string) => void,
    ) {
        this.auth = new AuthQuestion((request) => {
            if (request) this.section.setStep({ kind: "auth", address: this.address, ...request });
        });
    }

    public continueAdd(): void {
        this.finishPending(false);
    }

    /**
     * The user came back to the page while the mail is out: try to finish once, as "Continue" would.
     * Quiet: when the link was not clicked yet, or the attempt fails for a passing reason (network),
     * the waiting step stays as it was, with no message. If the server wants the password first, the
     * password step shows — the one thing the user has to do next either way.
     */
    public continueQuietly(): void {
        const step = this.section.getSnapshot().step;
        if (step.kind !== "waiting_for_click" || step.resending) return;
        this.finishPending(true);
    }

    /** The answer to the auth step; ignored unless it fits the step on screen. */
    public submitAuth(answer: AuthAnswer | null): void {
        const step = this.section.getSnapshot().step;
        if (step.kind !== "auth") return;
        if (answer === null) return this.auth.answer(null);
        if (answer.kind === "password" && (step.method.kind !== "password" || answer.password === "")) return;
        if (answer.kind === "sso_done" && step.method.kind !== "sso") return;
        this.section.setStep({ kind: "verifying", address: step.address });
        // Handed straight to the one request that uses it; not kept in this object or the snapshot.
        this.auth.answer(answer);
    }

    public dispose(): void {
        this.auth.answer(null);
    }

    private finishPending(quiet: boolean): void {
        const section = this.section;
        const pending = section.pending;
        if (section.getSnapshot().step.kind !== "waiting_for_click" || !pending) return;
        const before = section.getSnapshot().step;
        // Stays quiet only while the user was not asked anything.
        let asked = false;
        const current = section.begin();
        const address = pending.address;
        // A quiet attempt leaves the waiting step on screen: no spinner flashing up on every return.
        if (!quiet) section.setStep({ kind: "verifying", address });
        void (async () => {
            try {
                await finishAdd(section.client, {
                    sid: pending.sid,
                    client_secret: pending.client_secret,
                    completedAuthSession: section.completedAuthSession,
                    timeoutMs: section.timeoutMs,
                    prompt: (method, failed) => {
                        asked = true;
                        this.address = address;
                        return this.auth.ask(method, failed, current());
                    },
                });
                if (!current()) return;
                forgetPending(section);
                section.announceChange();
                section.update({ notice: { kind: "added", address } });
                await section.refreshList(current).catch(() => undefined);
                const kind = section.getSnapshot().step.kind;
                if (current() && (kind === "verifying" || kind === "waiting_for_click"))
                    section.setStep(section.restingStep());
            } catch (error) {
                if (!current()) return;
                if (error instanceof LinkNotClickedError) section.completedAuthSession = error.completedAuthSession;
                const kind = describeEmailProblem(error).kind;
                if (quiet && !asked && (kind === "not_clicked" || kind === "unknown" || kind === "cancelled")) {
                    // Nothing the user needs to hear: they may simply not have clicked yet. The quiet
                    // attempt never changed the step, so there is nothing to undo either.
                    return;
                }
                // The user moved on meanwhile (e.g. "Remove" on an address): their step stays.
                if (quiet && !asked && section.getSnapshot().step !== before) return;
                this.afterFailedContinue(error, pending);
            }
        })();
    }

    private afterFailedContinue(error: unknown, pending: PendingAdd): void {
        const section = this.section;
        if (error instanceof LinkNotClickedError) section.completedAuthSession = error.completedAuthSession;
        const problem = describeEmailProblem(error);
        const waiting: EmailStep = {
            kind: "waiting_for_click",
            address: pending.address,
            notClickedYet: false,
            resent: false,
            resending: false,
            problem: null,
        };
        switch (problem.kind) {
            case "not_clicked":
                if (pending.expiresAt <= section.now()) {
                    // Not clicked, and the mail's link has stopped working meanwhile: this add is over.
                    forgetPending(section);
                    section.update({ notice: { kind: "pending_expired", address: pending.address } });
                    section.setStep(section.restingStep());
                    return;
                }
                // Not an error: the user simply came back before clicking. Say so and keep waiting.
                section.setStep({ ...waiting, notClickedYet: true });
                return;
            case "cancelled":
                section.setStep(waiting);
                return;
            case "session_expired":
            case "in_use":
            case "denied":
            case "changes_disabled":
                // This add can never finish: forget it. For an expired session, "Try again" sends a fresh mail.
                forgetPending(section);
                section.showProblem(
                    problem,
                    problem.kind === "session_expired" ? () => this.sendFirstMail(pending.address) : null,
                );
                return;
            case "auth_unsupported":
                section.showProblem(problem, null);
                return;
            default:
                section.showProblem(problem, () => {
                    section.setStep(waiting);
                    this.continueAdd();
                });
        }
    }
}
