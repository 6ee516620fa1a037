/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The safe way to change an account's email addresses through the Admin API: read the account, look
 * up the owner of every new address, plan (plan.ts), and only then PUT the merged list. Shared by the
 * command-line tool and the in-module Admin section so both have the same safety rules.
 */

import { canonicalAddress } from "../email/address";
import { planEmailChange, addressesToCheck, threepidsFor, type EmailChangeRequest, type Plan } from "./plan";
import type { SynapseAdminApi } from "./SynapseAdminApi";
import type { AdminUser, PutUserBody } from "./types";

/** Reads what the plan needs (the account, the owners of new addresses) and plans. Changes nothing. */
export async function planChange(api: SynapseAdminApi, request: EmailChangeRequest): Promise<Plan> {
    const user = await api.getUser(request.userId);
    const owners = new Map<string, string | null>();
    for (const address of addressesToCheck(user, request)) {
        owners.set(address, await api.emailOwner(address));
    }
    return planEmailChange(user, request, owners);
}

/**
 * The account changed between planning and writing (someone added or removed an address meanwhile).
 * Writing the planned list would drop what was added, so nothing is written.
 */
export class AccountChangedError extends Error {
    public constructor(public readonly userId: string) {
        super(`${userId} changed since it was read (its addresses were changed meanwhile); nothing was written`);
        this.name = "AccountChangedError";
    }
}

/** The account's threepids as a comparable key: sorted "medium address" pairs (emails canonical). */
function threepidKey(threepids: ReadonlyArray<{ medium: string; address: string }>): string {
    return JSON.stringify(
        threepids.map((t) => `${t.medium} ${t.medium === "email" ? canonicalAddress(t.address) : t.address}`).sort(),
    );
}

const beforeKey = (plan: Plan): string =>
    threepidKey([...plan.otherThreepids, ...plan.before.map((address) => ({ medium: "email", address }))]);

/**
 * Sends the plan: one PUT carrying the complete merged list (and the display name / password when the
 * plan says so). Returns the account as the server now has it; a plan without changes sends nothing.
 * The password comes from the request, never from the plan, so a plan can be printed or stored safely.
 *
 * Right before the PUT the account is read again and compared with what the plan was made from: the
 * PUT replaces the whole list, so an address added in between (by the user, another admin, a parallel
 * import) would silently be dropped. If anything changed, AccountChangedError and nothing is written.
 */
export async function applyPlan(
    api: SynapseAdminApi,
    plan: Plan,
    request: Pick<EmailChangeRequest, "password">,
): Promise<AdminUser | null> {
    if (!plan.hasChanges) return null;
    const body: PutUserBody = {};
    const writesThreepids = plan.createUser || plan.added.length + plan.moved.length + plan.removed.length > 0;
    if (writesThreepids) {
        body.threepids = threepidsFor(plan);
    }
    const fresh = await api.getUser(plan.userId);
    const unchanged = plan.createUser
        ? fresh === null
        : fresh !== null && threepidKey(fresh.threepids) === beforeKey(plan);
    if (!unchanged) throw new AccountChangedError(plan.userId);
    if (plan.displayname) body.displayname = plan.displayname.to;
    if (plan.setsPassword && request.password) {
        body.password = request.password;
        body.logout_devices = false;
    }
    return api.putUser(plan.userId, body);
}

/** What became of a change whose write failed, as seen by reading the account again. */
export type WriteOutcome =
    /** The server has exactly the intended addresses (the error came after the change was made). */
    | { kind: "applied"; user: AdminUser | null; error: unknown }
    /** The account has exactly the addresses it had before: nothing was changed. */
    | { kind: "not_applied"; error: unknown }
    /** Neither could be confirmed (the account could not be read, or looks like neither). */
    | { kind: "unknown"; error: unknown };

/**
 * applyPlan, and when the write fails (an error status, a dropped connection, a timeout), one read of
 * the account to tell the caller which of the two states it is in. AccountChangedError is passed on
 * (nothing was written).
 */
export async function applyPlanChecked(
    api: SynapseAdminApi,
    plan: Plan,
    request: Pick<EmailChangeRequest, "password">,
): Promise<{ kind: "applied"; user: AdminUser | null } | WriteOutcome> {
    try {
        return { kind: "applied", user: await applyPlan(api, plan, request) };
    } catch (error) {
        if (error instanceof AccountChangedError) throw error;
        let now: AdminUser | null;
        try {
            now = await api.getUser(plan.userId);
        } catch {
            return { kind: "unknown", error };
        }
        const afterKey = threepidKey(threepidsFor(plan));
        if (plan.createUser && now === null) return { kind: "not_applied", error };
        if (now === null) return { kind: "unknown", error };
        const key = threepidKey(now.threepids);
        if (!plan.createUser && key === beforeKey(plan)) return { kind: "not_applied", error };
        if (key === afterKey) return { kind: "applied", user: now, error };
        return { kind: "unknown", error };
    }
}
