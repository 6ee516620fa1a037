/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The safe way to change an account's email addresses through the Admin API: read the account, look
 * up the owner of every new address, plan (plan.ts), and only then PUT the merged list. Shared by the
 * command-line tool and the in-module Admin section so both have the same safety rules.
 */

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
 * Sends the plan: one PUT carrying the complete merged list (and the display name / password when the
 * plan says so). Returns the account as the server now has it; a plan without changes sends nothing.
 * The password comes from the request, never from the plan, so a plan can be printed or stored safely.
 */
export async function applyPlan(
    api: SynapseAdminApi,
    plan: Plan,
    request: Pick<EmailChangeRequest, "password">,
): Promise<AdminUser | null> {
    if (!plan.hasChanges) return null;
    const body: PutUserBody = {};
    if (plan.createUser || plan.added.length + plan.moved.length + plan.removed.length > 0) {
        body.threepids = threepidsFor(plan);
    }
    if (plan.displayname) body.displayname = plan.displayname.to;
    if (plan.setsPassword && request.password) {
        body.password = request.password;
        body.logout_devices = false;
    }
    return api.putUser(plan.userId, body);
}
