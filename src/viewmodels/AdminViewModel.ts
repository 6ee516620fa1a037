/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The Admin section, for server admins: look up an account, see its email addresses with the dates
 * they were added and validated, add or remove one.
 *
 * The same safety rules as the command-line tool (src/matrix/admin/provision.ts): the account's
 * current list is read and merged, never replaced; an address that belongs to another account is
 * refused here, never moved (the CLI's --force has no button on purpose); every change is confirmed
 * first and re-planned from fresh server state at the moment it is applied.
 */

import type { AdminAccess } from "../matrix/admin/access";
import { canonicalAddress, emailProblem } from "../matrix/email/address";
import { planProblems, type Plan } from "../matrix/admin/plan";
import { applyPlan, planChange } from "../matrix/admin/provision";
import type { SynapseAdminApi } from "../matrix/admin/SynapseAdminApi";
import { normalizeUserId, serverNameOf } from "../matrix/admin/userId";
import { toAccount, toProblem } from "./admin/convert";
import type { AdminAccount, AdminActions, AdminAddressProblem, AdminSnapshot, AdminStep } from "../views/admin/types";
import { ViewModel } from "./ViewModel";

export type * from "../views/admin/types";

export interface AdminViewModelOptions {
    api: SynapseAdminApi;
    /** The cached access check (see src/matrix/admin/clientAccess.ts). */
    access: () => Promise<AdminAccess>;
    /** The logged-in admin's user id (its server name completes bare localparts). */
    ownUserId: string;
}

export class AdminViewModel extends ViewModel<AdminSnapshot> implements AdminActions {
    private readonly serverName: string;
    /** Bumped by every new lookup: answers for an older one are dropped. */
    private generation = 0;
    private lastAction: (() => Promise<void>) | null = null;
    /** The step to return to after "Close" on an error. */
    private afterError: AdminStep = { kind: "ready" };

    public constructor(private readonly options: AdminViewModelOptions) {
        super({ step: { kind: "checking_access" }, query: "", lookupProblem: null, account: null, notice: null });
        this.serverName = serverNameOf(options.ownUserId);
        void this.checkAccess();
    }

    private async checkAccess(): Promise<void> {
        try {
            const access = await this.options.access();
            if (this.isDisposed) return;
            if (access.kind === "admin") this.setSnapshot({ step: { kind: "ready" } });
            else if (access.kind === "delegated")
                this.setSnapshot({
                    step: { kind: "delegated", accountManagementUrl: access.delegation.accountManagementUri ?? null },
                });
            else this.setSnapshot({ step: { kind: "unavailable", reason: access.kind } });
        } catch (error) {
            this.fail(error, () => this.checkAccess(), { kind: "checking_access" });
        }
    }

    private fail(error: unknown, retry: () => Promise<void>, afterError: AdminStep): void {
        this.lastAction = retry;
        this.afterError = afterError;
        this.setSnapshot({
            step: { kind: "error", problem: toProblem(error), canClose: afterError.kind !== "checking_access" },
        });
    }

    private get account(): AdminAccount | null {
        return this.getSnapshot().account;
    }

    public setQuery(query: string): void {
        this.setSnapshot({ query, lookupProblem: null });
    }

    public async lookUp(): Promise<void> {
        const { step, query } = this.getSnapshot();
        // A new lookup abandons an open form or confirmation; it waits only while a request runs.
        if (!["ready", "entering", "confirm_add", "confirm_remove", "error"].includes(step.kind)) return;
        if (query.trim() === "") {
            this.setSnapshot({ lookupProblem: { kind: "empty" } });
            return;
        }
        const id = normalizeUserId(query, this.serverName);
        if ("error" in id) {
            const other = /^@[^\s:]+:(\S+)$/.exec(query.trim());
            this.setSnapshot({
                lookupProblem: other
                    ? { kind: "other_server", serverName: this.serverName }
                    : { kind: "invalid_user_id" },
            });
            return;
        }
        await this.load(id.userId);
    }

    private async load(userId: string): Promise<void> {
        const generation = ++this.generation;
        this.setSnapshot({ step: { kind: "looking_up", userId }, lookupProblem: null, notice: null });
        try {
            const user = await this.options.api.getUser(userId);
            if (generation !== this.generation) return;
            if (!user) {
                this.setSnapshot({
                    step: { kind: "ready" },
                    account: null,
                    lookupProblem: { kind: "not_found", userId },
                });
                return;
            }
            this.setSnapshot({ step: { kind: "ready" }, account: toAccount(user) });
        } catch (error) {
            if (generation === this.generation) this.fail(error, () => this.load(userId), { kind: "ready" });
        }
    }

    public startAdd(): void {
        if (this.getSnapshot().step.kind !== "ready" || !this.account) return;
        this.setSnapshot({ step: { kind: "entering", draft: "", problem: null }, notice: null });
    }

    public setDraft(draft: string): void {
        const { step } = this.getSnapshot();
        if (step.kind === "entering") this.setSnapshot({ step: { kind: "entering", draft, problem: null } });
    }

    /** Checks the address (form, then who owns it) and asks for confirmation. Changes nothing. */
    public async submitAddress(): Promise<void> {
        const { step } = this.getSnapshot();
        const account = this.account;
        if (step.kind !== "entering" || !account) return;
        const draft = step.draft;
        const problem: AdminAddressProblem | null =
            draft.trim() === "" ? { kind: "empty" } : emailProblem(draft) !== null ? { kind: "invalid" } : null;
        if (problem) {
            this.setSnapshot({ step: { kind: "entering", draft, problem } });
            return;
        }
        const address = canonicalAddress(draft);
        this.setSnapshot({ step: { kind: "checking_address", address } });
        try {
            const plan = await planChange(this.options.api, { userId: account.userId, add: [address] });
            if (this.isDisposed) return;
            const refusal = this.refusal(plan);
            if (refusal)
                this.setSnapshot({
                    step: { kind: "entering", draft, problem: refusal },
                    account: this.freshAccount(plan),
                });
            else this.setSnapshot({ step: { kind: "confirm_add", address } });
        } catch (error) {
            this.fail(error, () => this.submitAddress(), { kind: "entering", draft, problem: null });
        }
    }

    /** Why a single-address plan must not be applied, if it must not. */
    private refusal(plan: Plan): AdminAddressProblem | null {
        if (plan.alreadyPresent.length > 0) return { kind: "already_there" };
        const owned = plan.refused[0];
        if (owned) return { kind: "owned_by_other", owner: owned.owner };
        if (plan.invalid.length > 0) return { kind: "invalid" };
        return null;
    }

    /** The account with the email list the plan just read (it may have changed since the lookup). */
    private freshAccount(plan: Plan): AdminAccount | null {
        const account = this.account;
        if (!account) return null;
        const known = new Map(account.emails.map((e) => [canonicalAddress(e.address), e]));
        return {
            ...account,
            emails: plan.before.map((address) => known.get(address) ?? { address, addedAt: null, validatedAt: null }),
        };
    }

    public async confirmAdd(): Promise<void> {
        const { step } = this.getSnapshot();
        const account = this.account;
        if (step.kind !== "confirm_add" || !account) return;
        await this.save("add", step.address, account.userId);
    }

    public askRemove(address: string): void {
        const account = this.account;
        if (this.getSnapshot().step.kind !== "ready" || !account) return;
        this.setSnapshot({
            step: { kind: "confirm_remove", address, isLast: account.emails.length === 1 },
            notice: null,
        });
    }

    public async confirmRemove(): Promise<void> {
        const { step } = this.getSnapshot();
        const account = this.account;
        if (step.kind !== "confirm_remove" || !account) return;
        await this.save("remove", step.address, account.userId);
    }

    /**
     * Applies one confirmed change, planned again from the server's current state: if the address
     * was taken by another account since the confirmation, it is refused now rather than moved.
     */
    private async save(action: "add" | "remove", address: string, userId: string): Promise<void> {
        this.setSnapshot({ step: { kind: "saving", action, address } });
        try {
            const request = action === "add" ? { userId, add: [address] } : { userId, add: [], remove: [address] };
            const plan = await planChange(this.options.api, request);
            if (this.isDisposed) return;
            if (action === "add") {
                const refusal = this.refusal(plan);
                if (refusal && refusal.kind !== "already_there") {
                    this.setSnapshot({
                        step: { kind: "entering", draft: address, problem: refusal },
                        account: this.freshAccount(plan),
                    });
                    return;
                }
            }
            if (planProblems(plan).length > 0) throw new Error(planProblems(plan).join("; "));
            const user = await applyPlan(this.options.api, plan, {});
            if (this.isDisposed) return;
            const fresh = user ?? (await this.options.api.getUser(userId));
            this.setSnapshot({
                step: { kind: "ready" },
                account: fresh ? toAccount(fresh) : null,
                notice: { kind: action === "add" ? "added" : "removed", address, userId },
            });
        } catch (error) {
            this.fail(error, () => this.save(action, address, userId), { kind: "ready" });
        }
    }

    public cancel(): void {
        const { kind } = this.getSnapshot().step;
        if (kind === "entering" || kind === "confirm_add" || kind === "confirm_remove")
            this.setSnapshot({ step: { kind: "ready" } });
    }

    public async retry(): Promise<void> {
        const action = this.lastAction;
        if (this.getSnapshot().step.kind !== "error" || !action) return;
        this.lastAction = null;
        this.setSnapshot({ step: this.afterError });
        await action();
    }

    public dismissError(): void {
        const { step } = this.getSnapshot();
        if (step.kind !== "error" || !step.canClose) return;
        this.lastAction = null;
        this.setSnapshot({ step: this.afterError });
    }

    public dismissNotice(): void {
        this.setSnapshot({ notice: null });
    }
}
