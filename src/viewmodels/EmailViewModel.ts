/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The Email addresses section: list, add (the verification-mail flow), remove.
 *
 * What it does better than Element's own flow: the unfinished add survives closing the panel and
 * reloading (sid + client secret in local storage, never the password); "Continue" before the
 * link was clicked says "we haven't seen the click yet" and keeps the completed password step for
 * the next try; every failure is a plain sentence with a way on; removing the last address warns
 * that password reset stops working. When the user comes back to the tab while the mail is out
 * (after clicking the link in their mail app, most likely), the add continues by itself — one quiet
 * attempt per return, which says nothing when the link was not clicked yet — so "Continue" is a
 * button the user rarely needs.
 */
import type { HostClient } from "../matrix/hostClient";

import type { AccountSecurityConfig } from "../config";
import { DEFAULT_TIMEOUT_MS } from "../matrix/errors";
import { canonicalAddress, checkAddress } from "../matrix/email/address";
import { createClientSecret } from "../matrix/email/clientSecret";
import { describeEmailProblem, LinkNotClickedError, type EmailProblem } from "../matrix/email/failures";
import { finishAdd, removeEmail, requestEmailToken } from "../matrix/email/operations";
import { getEmailPolicy } from "../matrix/email/policy";
import { browserStorage, PendingAddStore, type KeyValueStorage } from "../matrix/email/pendingAddStore";
import type { ThreePidChanges } from "../matrix/email/threePidChanges";
import { listThreePids } from "../matrix/email/threepids";
import type { EmailPolicy, PendingAdd, ThreePidEntry } from "../matrix/email/types";
import type { AuthAnswer, AuthMethod } from "../matrix/uia";
import { ViewModel } from "./ViewModel";

// Views must not import src/matrix; they get these types from here.
export type { EmailProblem, ThreePidEntry };

/** How the user confirms it is them: their password, or single sign-on in a popup. */
export type EmailAuthMethod = { kind: "password" } | { kind: "sso"; fallbackUrl: string };

/** What is wrong with the address typed in the "Add" field, before anything is sent. */
export type AddressProblem = { kind: "empty" } | { kind: "invalid" } | { kind: "already_yours" };

/**
 * The step the section is at. Each is rendered distinctly:
 * - `loading`: fetching the list and the server's policy (every time the panel opens).
 * - `read_only`: addresses are listed but cannot be changed here: the server turned 3PID changes
 *   off (`changes_disabled`), or accounts are managed by an OIDC provider (`delegated`, with its
 *   account page when known).
 * - `ready`: the list with Remove buttons and an "Add email address" button.
 * - `entering`: the address field; `problem` after client-side checking or a refusal by the server.
 * - `sending`: asking the homeserver to send the verification mail.
 * - `waiting_for_click`: the mail is on its way to `address`; Continue / Resend / Cancel (Remove still works).
 *   `notClickedYet` after a Continue that came before the click; `resent` after a Resend;
 *   `problem` when a Resend failed.
 * - `verifying`: finishing the add (and between password attempts).
 * - `auth`: the homeserver asks for the password (`failed` after a wrong one) or SSO.
 * - `confirm_remove`: "Remove `address`?"; `isLast` warns that password reset will stop working.
 * - `removing`: the removal is in flight.
 * - `error`: something failed; `problem` says what in plain words, `canRetry` offers "Try again".
 */
export type EmailStep =
    | { kind: "loading" }
    | { kind: "read_only"; reason: "changes_disabled" }
    | { kind: "read_only"; reason: "delegated"; accountManagementUrl: string | null }
    | { kind: "ready" }
    | { kind: "entering"; draft: string; problem: AddressProblem | EmailProblem | null }
    | { kind: "sending"; address: string }
    | {
          kind: "waiting_for_click";
          address: string;
          notClickedYet: boolean;
          resent: boolean;
          resending: boolean;
          problem: EmailProblem | null;
      }
    | { kind: "verifying"; address: string }
    | { kind: "auth"; address: string; method: EmailAuthMethod; failed: boolean }
    | { kind: "confirm_remove"; address: string; isLast: boolean }
    | { kind: "removing"; address: string }
    | { kind: "error"; problem: EmailProblem; canRetry: boolean };

/** A short confirmation shown above the list after something finished. */
export type EmailNotice =
    | { kind: "added"; address: string }
    | { kind: "removed"; address: string }
    /** An unfinished add outlived its mail's link (an hour) and was forgotten. */
    | { kind: "pending_expired"; address: string };

export interface EmailSnapshot {
    step: EmailStep;
    /** Email addresses on the account, as last fetched (empty while loading for the first time). */
    emails: ThreePidEntry[];
    /** Phone numbers on the account; listed read-only. */
    phones: ThreePidEntry[];
    /** Whether the list has been fetched at least once (so an empty list means "none"). */
    listed: boolean;
    /** Deployer's page for "Didn't get the email?", or null. */
    helpUrl: string | null;
    notice: EmailNotice | null;
}

/** What the section's view can ask for. Every action is safe to call in any step (it is ignored when it does not apply). */
export interface EmailActions {
    /** Fetches list and policy again (also the "Try again" of a failed load). */
    reload(): void;
    startAdd(): void;
    setDraft(draft: string): void;
    submitAddress(): void;
    /** Leaves the address field, or abandons the waiting add (forgetting its stored session). */
    cancelAdd(): void;
    resend(): void;
    /** "I've clicked the link": adds the address, asking for the password or SSO if needed. */
    continueAdd(): void;
    submitPassword(password: string): void;
    /** The user says SSO in the popup is done. */
    ssoDone(): void;
    cancelAuth(): void;
    askRemove(address: string): void;
    confirmRemove(): void;
    cancelRemove(): void;
    /** Repeats what failed (only when the error step says `canRetry`). */
    retry(): void;
    /** Leaves the error step without retrying. */
    dismissError(): void;
    dismissNotice(): void;
}

export interface EmailViewModelOptions {
    client: HostClient;
    config: Pick<AccountSecurityConfig, "email">;
    /** Where the account's checkup and reminders hear that its addresses changed (AccountSession). */
    threePidChanges?: ThreePidChanges;
    /** Where the unfinished add is kept; local storage by default, memory in tests. */
    storage?: KeyValueStorage;
    /** Limit for each homeserver request. */
    timeoutMs?: number;
    now?: () => number;
    /**
     * Calls the listener each time the user comes back to this page after leaving it (another tab or
     * app); returns the unsubscribe function. Default: the document's visibility and the window's focus.
     */
    onUserReturn?: (listener: () => void) => () => void;
}

/**
 * The browser's "the user is back": the page became visible again or the window got the focus back,
 * after it was hidden or blurred. Both fire on one return (switching tabs), so a return counts once.
 */
export function browserUserReturn(listener: () => void): () => void {
    if (typeof document === "undefined" || typeof window === "undefined") return () => undefined;
    let away = document.visibilityState === "hidden" || !document.hasFocus();
    const left = (): void => {
        away = true;
    };
    const back = (): void => {
        if (!away || document.visibilityState === "hidden") return;
        away = false;
        listener();
    };
    const onVisibility = (): void => (document.visibilityState === "hidden" ? left() : back());
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("blur", left);
    window.addEventListener("focus", back);
    return () => {
        document.removeEventListener("visibilitychange", onVisibility);
        window.removeEventListener("blur", left);
        window.removeEventListener("focus", back);
    };
}

export class EmailViewModel extends ViewModel<EmailSnapshot> implements EmailActions {
    private readonly client: HostClient;
    private readonly store: PendingAddStore;
    private readonly timeoutMs: number;
    private readonly now: () => number;
    private readonly threePidChanges: ThreePidChanges | undefined;
    private policy: EmailPolicy = { kind: "editable" };
    private pending: PendingAdd | null = null;
    /** A UIA session the user completed for the pending add; reused so a second Continue needs no password. */
    private completedAuthSession: string | null = null;
    /** Resolves the auth prompt that withUserInteractiveAuth is waiting on. */
    private answerAuth: ((answer: AuthAnswer | null) => void) | null = null;
    private retryAction: (() => void) | null = null;
    /** Bumped by every new operation, so a late answer to an abandoned one changes nothing. */
    private generation = 0;

    public constructor(options: EmailViewModelOptions) {
        super({
            step: { kind: "loading" },
            emails: [],
            phones: [],
            listed: false,
            helpUrl: options.config.email.help_url,
            notice: null,
        });
        this.client = options.client;
        this.threePidChanges = options.threePidChanges;
        this.now = options.now ?? Date.now;
        this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        this.store = new PendingAddStore(options.storage ?? browserStorage(), options.client.getSafeUserId(), this.now);
        this.onDispose(() => this.settleAuth(null));
        this.onDispose((options.onUserReturn ?? browserUserReturn)(() => this.continueQuietly()));
        this.reload();
    }

    private get step(): EmailStep {
        return this.getSnapshot().step;
    }

    private setStep(step: EmailStep): void {
        this.setSnapshot({ step });
    }

    /** Starts an operation: earlier operations' results will be ignored. Returns a "still current?" check. */
    private begin(): () => boolean {
        const generation = ++this.generation;
        return () => generation === this.generation && !this.isDisposed;
    }

    private fail(error: unknown, retry: (() => void) | null): void {
        const problem = describeEmailProblem(error);
        this.showProblem(problem, retry);
    }

    private showProblem(problem: EmailProblem, retry: (() => void) | null): void {
        this.retryAction = retry;
        this.setStep({ kind: "error", problem, canRetry: retry !== null });
    }

    /** The step to rest in when nothing is going on: the waiting add, the list, or the read-only list. */
    private restingStep(): EmailStep {
        if (this.policy.kind === "changes_disabled") return { kind: "read_only", reason: "changes_disabled" };
        if (this.policy.kind === "delegated") {
            return { kind: "read_only", reason: "delegated", accountManagementUrl: this.policy.accountManagementUrl };
        }
        if (this.pending) {
            return {
                kind: "waiting_for_click",
                address: this.pending.address,
                notClickedYet: false,
                resent: false,
                resending: false,
                problem: null,
            };
        }
        return { kind: "ready" };
    }

    // ---- list ------------------------------------------------------------------------------

    public reload(): void {
        const current = this.begin();
        this.setStep({ kind: "loading" });
        void (async () => {
            try {
                const [list, policy] = await Promise.all([
                    listThreePids(this.client, this.timeoutMs),
                    getEmailPolicy(this.client, this.timeoutMs),
                ]);
                if (!current()) return;
                this.policy = policy;
                const stored = this.store.load();
                let notice = this.getSnapshot().notice;
                this.pending = null;
                if (stored.state === "expired") notice = { kind: "pending_expired", address: stored.address };
                if (stored.state === "active") {
                    const pendingAddress = canonicalAddress(stored.pending.address);
                    const done = list.emails.some((e) => canonicalAddress(e.address) === pendingAddress);
                    // Finished elsewhere (another session, or just before a reload): nothing left to do.
                    if (done) this.store.clear();
                    else this.pending = stored.pending;
                }
                this.setSnapshot({ emails: list.emails, phones: list.phones, listed: true, notice });
                this.setStep(this.restingStep());
            } catch (error) {
                if (current()) this.fail(error, () => this.reload());
            }
        })();
    }

    /** Fetches the list after a change; the change itself already succeeded, so a failure here is only "can't refresh". */
    private async refreshList(current: () => boolean): Promise<void> {
        try {
            const list = await listThreePids(this.client, this.timeoutMs);
            if (current()) this.setSnapshot({ emails: list.emails, phones: list.phones, listed: true });
        } catch (error) {
            if (current()) this.fail(error, () => this.reload());
            throw error;
        }
    }

    // ---- add -------------------------------------------------------------------------------

    public startAdd(): void {
        if (this.step.kind !== "ready") return;
        this.begin();
        this.setSnapshot({ notice: null });
        this.setStep({ kind: "entering", draft: "", problem: null });
    }

    public setDraft(draft: string): void {
        const step = this.step;
        if (step.kind !== "entering") return;
        // Typing clears a complaint about what was there before.
        this.setStep({ kind: "entering", draft, problem: null });
    }

    public submitAddress(): void {
        const step = this.step;
        if (step.kind !== "entering") return;
        const check = checkAddress(
            step.draft,
            this.getSnapshot().emails.map((e) => e.address),
        );
        if (!check.ok) {
            this.setStep({ kind: "entering", draft: step.draft, problem: { kind: check.reason } });
            return;
        }
        this.sendFirstMail(check.address);
    }

    private sendFirstMail(address: string): void {
        const current = this.begin();
        this.setStep({ kind: "sending", address });
        const clientSecret = createClientSecret();
        void (async () => {
            try {
                const sid = await requestEmailToken(
                    this.client,
                    { address, client_secret: clientSecret, send_attempt: 1 },
                    this.timeoutMs,
                );
                if (!current()) return;
                this.pending = this.store.createPending({ sid, client_secret: clientSecret, address, send_attempt: 1 });
                this.store.save(this.pending);
                this.completedAuthSession = null;
                this.setStep(this.restingStep());
            } catch (error) {
                if (!current()) return;
                const problem = describeEmailProblem(error);
                if (
                    ["in_use", "denied", "not_supported", "invalid_address", "changes_disabled"].includes(problem.kind)
                ) {
                    // About this address or this server: let the user read it next to the address and change it.
                    this.setStep({ kind: "entering", draft: address, problem });
                } else {
                    this.showProblem(problem, () => this.sendFirstMail(address));
                }
            }
        })();
    }

    public cancelAdd(): void {
        const kind = this.step.kind;
        if (kind !== "entering" && kind !== "waiting_for_click" && kind !== "sending") return;
        this.begin();
        this.pending = null;
        this.completedAuthSession = null;
        this.store.clear();
        this.setStep(this.restingStep());
    }

    public resend(): void {
        const step = this.step;
        const pending = this.pending;
        if (step.kind !== "waiting_for_click" || step.resending || !pending) return;
        const current = this.begin();
        this.setStep({ ...step, resending: true, problem: null, notClickedYet: false });
        const sendAttempt = pending.send_attempt + 1;
        void (async () => {
            try {
                const sid = await requestEmailToken(
                    this.client,
                    { address: pending.address, client_secret: pending.client_secret, send_attempt: sendAttempt },
                    this.timeoutMs,
                );
                if (!current()) return;
                this.pending = this.store.createPending({
                    sid,
                    client_secret: pending.client_secret,
                    address: pending.address,
                    send_attempt: sendAttempt,
                });
                this.store.save(this.pending);
                this.setStep({ ...step, resending: false, resent: true, notClickedYet: false, problem: null });
            } catch (error) {
                if (!current()) return;
                this.setStep({ ...step, resending: false, problem: describeEmailProblem(error) });
            }
        })();
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
    private continueQuietly(): void {
        const step = this.step;
        if (step.kind !== "waiting_for_click" || step.resending) return;
        this.finishPending(true);
    }

    private finishPending(quiet: boolean): void {
        const pending = this.pending;
        if (this.step.kind !== "waiting_for_click" || !pending) return;
        const before = this.step;
        // Stays quiet only while the user was not asked anything.
        let asked = false;
        const current = this.begin();
        const address = pending.address;
        // A quiet attempt leaves the waiting step on screen: no spinner flashing up on every return.
        if (!quiet) this.setStep({ kind: "verifying", address });
        void (async () => {
            try {
                await finishAdd(this.client, {
                    sid: pending.sid,
                    client_secret: pending.client_secret,
                    completedAuthSession: this.completedAuthSession,
                    timeoutMs: this.timeoutMs,
                    prompt: (method: AuthMethod, failed: boolean) => {
                        asked = true;
                        return this.askForAuth(address, method, failed, current);
                    },
                });
                if (!current()) return;
                this.pending = null;
                this.completedAuthSession = null;
                this.store.clear();
                this.threePidChanges?.announce();
                this.setSnapshot({ notice: { kind: "added", address } });
                await this.refreshList(current).catch(() => undefined);
                const kind = this.step.kind;
                if (current() && (kind === "verifying" || kind === "waiting_for_click"))
                    this.setStep(this.restingStep());
            } catch (error) {
                if (!current()) return;
                if (error instanceof LinkNotClickedError) this.completedAuthSession = error.completedAuthSession;
                const kind = describeEmailProblem(error).kind;
                if (quiet && !asked && (kind === "not_clicked" || kind === "unknown" || kind === "cancelled")) {
                    // Nothing the user needs to hear: they may simply not have clicked yet. The quiet
                    // attempt never changed the step, so there is nothing to undo either.
                    return;
                }
                // The user moved on meanwhile (e.g. "Remove" on an address): their step stays.
                if (quiet && !asked && this.step !== before) return;
                this.afterFailedContinue(error, pending);
            }
        })();
    }

    private afterFailedContinue(error: unknown, pending: PendingAdd): void {
        if (error instanceof LinkNotClickedError) this.completedAuthSession = error.completedAuthSession;
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
                if (pending.expiresAt <= this.now()) {
                    // Not clicked, and the mail's link has stopped working meanwhile: this add is over.
                    this.pending = null;
                    this.completedAuthSession = null;
                    this.store.clear();
                    this.setSnapshot({ notice: { kind: "pending_expired", address: pending.address } });
                    this.setStep(this.restingStep());
                    return;
                }
                // Not an error: the user simply came back before clicking. Say so and keep waiting.
                this.setStep({ ...waiting, notClickedYet: true });
                return;
            case "cancelled":
                this.setStep(waiting);
                return;
            case "session_expired":
            case "in_use":
            case "denied":
            case "changes_disabled":
                // This add can never finish: forget it. For an expired session, "Try again" sends a fresh mail.
                this.pending = null;
                this.completedAuthSession = null;
                this.store.clear();
                this.showProblem(
                    problem,
                    problem.kind === "session_expired" ? () => this.sendFirstMail(pending.address) : null,
                );
                return;
            case "auth_unsupported":
                this.showProblem(problem, null);
                return;
            default:
                this.showProblem(problem, () => {
                    this.setStep(waiting);
                    this.continueAdd();
                });
        }
    }

    /** The AuthPrompt given to withUserInteractiveAuth: shows the auth step and waits for the user. */
    private askForAuth(
        address: string,
        method: AuthMethod,
        failed: boolean,
        current: () => boolean,
    ): Promise<AuthAnswer | null> {
        if (!current() || method.kind === "unsupported") return Promise.resolve(null);
        this.settleAuth(null);
        return new Promise<AuthAnswer | null>((resolve) => {
            this.answerAuth = resolve;
            const shown: EmailAuthMethod =
                method.kind === "password" ? { kind: "password" } : { kind: "sso", fallbackUrl: method.fallbackUrl };
            this.setStep({ kind: "auth", address, method: shown, failed });
        });
    }

    private settleAuth(answer: AuthAnswer | null): void {
        const answerAuth = this.answerAuth;
        this.answerAuth = null;
        answerAuth?.(answer);
    }

    public submitPassword(password: string): void {
        const step = this.step;
        if (step.kind !== "auth" || step.method.kind !== "password" || password === "") return;
        this.setStep({ kind: "verifying", address: step.address });
        // Handed straight to the one request that uses it; not kept in this object or the snapshot.
        this.settleAuth({ kind: "password", password });
    }

    public ssoDone(): void {
        const step = this.step;
        if (step.kind !== "auth" || step.method.kind !== "sso") return;
        this.setStep({ kind: "verifying", address: step.address });
        this.settleAuth({ kind: "sso_done" });
    }

    public cancelAuth(): void {
        if (this.step.kind !== "auth") return;
        this.settleAuth(null);
    }

    // ---- remove ----------------------------------------------------------------------------

    public askRemove(address: string): void {
        // Also while a new address waits for its click: the pending add stays and comes back after.
        if (this.step.kind !== "ready" && this.step.kind !== "waiting_for_click") return;
        const emails = this.getSnapshot().emails;
        if (!emails.some((e) => e.address === address)) return;
        this.setSnapshot({ notice: null });
        this.setStep({ kind: "confirm_remove", address, isLast: emails.length === 1 });
    }

    public cancelRemove(): void {
        if (this.step.kind !== "confirm_remove") return;
        this.setStep(this.restingStep());
    }

    public confirmRemove(): void {
        const step = this.step;
        if (step.kind !== "confirm_remove") return;
        this.remove(step.address);
    }

    private remove(address: string): void {
        const current = this.begin();
        this.setStep({ kind: "removing", address });
        void (async () => {
            try {
                await removeEmail(this.client, address, this.timeoutMs);
                if (!current()) return;
                this.threePidChanges?.announce();
                this.setSnapshot({ notice: { kind: "removed", address } });
                await this.refreshList(current).catch(() => undefined);
                if (current() && this.step.kind === "removing") this.setStep(this.restingStep());
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
        let list: Awaited<ReturnType<typeof listThreePids>> | null = null;
        try {
            list = await listThreePids(this.client, this.timeoutMs);
        } catch {
            // Uncertain: report the original failure below.
        }
        if (!current()) return;
        if (list) {
            this.setSnapshot({ emails: list.emails, phones: list.phones, listed: true });
            const wanted = canonicalAddress(address);
            if (!list.emails.some((e) => canonicalAddress(e.address) === wanted)) {
                this.threePidChanges?.announce();
                this.setSnapshot({ notice: { kind: "removed", address } });
                this.setStep(this.restingStep());
                return;
            }
        }
        this.fail(error, () => this.remove(address));
    }

    // ---- errors and notices --------------------------------------------------------------------

    public retry(): void {
        if (this.step.kind !== "error") return;
        const action = this.retryAction;
        this.retryAction = null;
        action?.();
    }

    public dismissError(): void {
        if (this.step.kind !== "error") return;
        this.retryAction = null;
        if (!this.getSnapshot().listed) this.reload();
        else this.setStep(this.restingStep());
    }

    public dismissNotice(): void {
        this.setSnapshot({ notice: null });
    }
}
