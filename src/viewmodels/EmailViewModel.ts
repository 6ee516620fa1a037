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
 *
 * This class holds the section's state (EmailSection) and the list; the flows are small classes
 * over it (email/AddFlow.ts, email/FinishAddFlow.ts, email/RemoveFlow.ts).
 */
import type { HostClient } from "../matrix/hostClient";

import type { AccountSecurityConfig } from "../config";
import { DEFAULT_TIMEOUT_MS } from "../matrix/errors";
import { canonicalAddress } from "../matrix/email/address";
import { describeEmailProblem, type EmailProblem } from "../matrix/email/failures";
import { getEmailPolicy } from "../matrix/email/policy";
import { browserStorage, PendingAddStore, type KeyValueStorage } from "../matrix/email/pendingAddStore";
import type { ThreePidChanges } from "../matrix/email/threePidChanges";
import { listThreePids, recentThreePids } from "../matrix/email/threepids";
import type { AccountThreePids, EmailPolicy, PendingAdd } from "../matrix/email/types";
import { AddFlow } from "./email/AddFlow";
import { FinishAddFlow } from "./email/FinishAddFlow";
import { RemoveFlow } from "./email/RemoveFlow";
import type { EmailSection } from "./email/section";
import type { AuthAnswer, EmailActions, EmailSnapshot, EmailStep } from "../views/email/types";
import { ViewModel } from "./ViewModel";

// Views must not import src/matrix; they get these types from here.
export type * from "../views/email/types";

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

export class EmailViewModel extends ViewModel<EmailSnapshot> implements EmailActions, EmailSection {
    public readonly client: HostClient;
    public readonly store: PendingAddStore;
    public readonly timeoutMs: number;
    public readonly now: () => number;
    public pending: PendingAdd | null = null;
    public completedAuthSession: string | null = null;
    private readonly threePidChanges: ThreePidChanges | undefined;
    private policy: EmailPolicy = { kind: "editable" };
    private retryAction: (() => void) | null = null;
    /** Bumped by every new operation, so a late answer to an abandoned one changes nothing. */
    private generation = 0;
    private readonly adding: AddFlow;
    private readonly finishing: FinishAddFlow;
    private readonly removing: RemoveFlow;

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
        this.adding = new AddFlow(this);
        this.finishing = new FinishAddFlow(this, (address) => this.adding.sendFirstMail(address));
        this.removing = new RemoveFlow(this);
        this.onDispose(() => this.finishing.dispose());
        this.onDispose((options.onUserReturn ?? browserUserReturn)(() => this.finishing.continueQuietly()));
        this.reload();
    }

    // ---- EmailSection: what the flows share --------------------------------------------------

    public update(patch: Partial<EmailSnapshot>): void {
        this.setSnapshot(patch);
    }

    public setStep(step: EmailStep): void {
        this.setSnapshot({ step });
    }

    public begin(): () => boolean {
        const generation = ++this.generation;
        return () => generation === this.generation && !this.isDisposed;
    }

    public showProblem(problem: EmailProblem, retry: (() => void) | null): void {
        this.retryAction = retry;
        this.setStep({ kind: "error", problem, canRetry: retry !== null });
    }

    public restingStep(): EmailStep {
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

    public readList(): Promise<AccountThreePids> {
        return listThreePids(this.client, this.timeoutMs, this.threePidChanges);
    }

    public async refreshList(current: () => boolean): Promise<void> {
        try {
            const list = await this.readList();
            if (current()) this.setSnapshot({ emails: list.emails, phones: list.phones, listed: true });
        } catch (error) {
            if (current()) this.showProblem(describeEmailProblem(error), () => this.reload());
            throw error;
        }
    }

    public announceChange(): void {
        this.threePidChanges?.announce();
    }

    // ---- list --------------------------------------------------------------------------------

    public reload(): void {
        const current = this.begin();
        this.setStep({ kind: "loading" });
        void (async () => {
            try {
                const [list, policy] = await Promise.all([
                    // The first load may use the list the checkup read a moment ago; "Try again" asks.
                    this.getSnapshot().listed
                        ? this.readList()
                        : recentThreePids(this.client, this.threePidChanges, this.timeoutMs),
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
                if (current()) this.showProblem(describeEmailProblem(error), () => this.reload());
            }
        })();
    }

    // ---- the flows' actions --------------------------------------------------------------------

    public startAdd(): void {
        this.adding.startAdd();
    }

    public setDraft(draft: string): void {
        this.adding.setDraft(draft);
    }

    public submitAddress(): void {
        this.adding.submitAddress();
    }

    public cancelAdd(): void {
        this.adding.cancelAdd();
    }

    public resend(): void {
        this.adding.resend();
    }

    public continueAdd(): void {
        this.finishing.continueAdd();
    }

    public submitAuth(answer: AuthAnswer | null): void {
        this.finishing.submitAuth(answer);
    }

    public askRemove(address: string): void {
        this.removing.askRemove(address);
    }

    public cancelRemove(): void {
        this.removing.cancelRemove();
    }

    public confirmRemove(): void {
        this.removing.confirmRemove();
    }

    // ---- errors and notices --------------------------------------------------------------------

    public retry(): void {
        if (this.getSnapshot().step.kind !== "error") return;
        const action = this.retryAction;
        this.retryAction = null;
        action?.();
    }

    public dismissError(): void {
        if (this.getSnapshot().step.kind !== "error") return;
        this.retryAction = null;
        if (!this.getSnapshot().listed) this.reload();
        else this.setStep(this.restingStep());
    }

    public dismissNotice(): void {
        this.setSnapshot({ notice: null });
    }
}
