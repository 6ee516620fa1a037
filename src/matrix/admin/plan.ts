/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * What a change to an account's email addresses would do, decided before anything is written.
 *
 * Why this exists: PUT /_synapse/admin/v2/users/<id> replaces the whole `threepids` list (dropping
 * every address not named, phone numbers included) and silently takes an address away from any other
 * account that has it. So every change is planned from the account's current list and from who owns
 * each new address; the plan is what --dry-run prints and exactly what `applyPlan` sends.
 * Pure functions only: unit-tested without a server.
 */

import { canonicalAddress, emailProblem } from "../email/address";
import type { AdminThreepid, AdminUser } from "./types";

export interface EmailChangeRequest {
    userId: string;
    /** Addresses to add, as typed (they are validated and canonicalised here). */
    add: string[];
    /** Addresses to remove. */
    remove?: string[];
    /** Drop the account's other email addresses (never the default: merging is). */
    replace?: boolean;
    /** Take an address away from the account that has it. Without it such an address is refused. */
    force?: boolean;
    /** Create the account when it does not exist (otherwise a missing account blocks the plan). */
    createIfMissing?: boolean;
    /** Set this display name (when it differs, or on creation). */
    displayname?: string;
    /** Use `displayname` only when creating the account; an existing account keeps the name it has. */
    displaynameOnCreateOnly?: boolean;
    /** Initial password, only used when creating the account. Never printed. */
    password?: string;
}

export interface Plan {
    userId: string;
    /** The account does not exist yet and will be created. */
    createUser: boolean;
    /** The account does not exist and may not be created: nothing can be done. */
    missingUser: boolean;
    /** Email addresses before and after, canonical, in a stable order. */
    before: string[];
    after: string[];
    /** Addresses that are new and nobody had. */
    added: string[];
    /** Addresses that will be taken from another account (only with `force`). */
    moved: Array<{ address: string; from: string }>;
    /** Addresses that will be removed from this account. */
    removed: string[];
    /** Requested additions already on the account. */
    alreadyPresent: string[];
    /** Requested removals the account does not have. */
    notPresent: string[];
    /** Addresses another account has, left where they are because `force` was not given. */
    refused: Array<{ address: string; owner: string }>;
    /** Requested addresses that are not valid email addresses. */
    invalid: Array<{ address: string; problem: string }>;
    /** New display name, when it changes. */
    displayname?: { from: string | null; to: string };
    /** Whether a password is set on creation (the value itself stays out of the plan). */
    setsPassword: boolean;
    /** Threepids of other media (phone numbers) that must be sent back unchanged. */
    otherThreepids: Array<{ medium: string; address: string }>;
    /** True when applying the plan would change anything on the server. */
    hasChanges: boolean;
}

/** Who owns each address (canonical) that is not yet on the account; null = nobody. */
export type Owners = ReadonlyMap<string, string | null>;

/** The addresses whose owner must be looked up before planning: valid, new to this account. */
export function addressesToCheck(user: AdminUser | null, request: EmailChangeRequest): string[] {
    const current = new Set(emailsOf(user));
    const result = new Set<string>();
    for (const raw of request.add) {
        if (emailProblem(raw) !== null) continue;
        const address = canonicalAddress(raw);
        if (!current.has(address)) result.add(address);
    }
    return [...result];
}

function emailsOf(user: AdminUser | null): string[] {
    return (user?.threepids ?? [])
        .filter((threepid: AdminThreepid) => threepid.medium === "email")
        .map((threepid) => canonicalAddress(threepid.address));
}

/**
 * Plans `request` against the account as it is (`user`, null when missing) and the owners of the
 * addresses `addressesToCheck` named. An address whose owner is unknown is treated as refused, so a
 * caller that forgot a lookup can never move an address by accident.
 */
export function planEmailChange(user: AdminUser | null, request: EmailChangeRequest, owners: Owners): Plan {
    const before = [...new Set(emailsOf(user))];
    const current = new Set(before);
    const plan: Plan = {
        userId: request.userId,
        createUser: user === null && request.createIfMissing === true,
        missingUser: user === null && request.createIfMissing !== true,
        before,
        after: [],
        added: [],
        moved: [],
        removed: [],
        alreadyPresent: [],
        notPresent: [],
        refused: [],
        invalid: [],
        setsPassword: false,
        otherThreepids: (user?.threepids ?? [])
            .filter((threepid) => threepid.medium !== "email")
            .map(({ medium, address }) => ({ medium, address })),
        hasChanges: false,
    };

    const keep = new Set<string>();
    const toAdd: string[] = [];
    for (const raw of request.add) {
        const problem = emailProblem(raw);
        if (problem !== null) {
            plan.invalid.push({ address: raw, problem });
            continue;
        }
        const address = canonicalAddress(raw);
        if (keep.has(address) || toAdd.includes(address)) continue;
        if (current.has(address)) {
            plan.alreadyPresent.push(address);
            keep.add(address);
            continue;
        }
        const owner = owners.has(address) ? owners.get(address)! : undefined;
        if (owner === null || owner === request.userId) {
            toAdd.push(address);
            plan.added.push(address);
        } else if (owner !== undefined && request.force) {
            toAdd.push(address);
            plan.moved.push({ address, from: owner });
        } else {
            plan.refused.push({ address, owner: owner ?? "(not checked)" });
        }
    }

    const removals = new Set((request.remove ?? []).map(canonicalAddress));
    for (const address of removals) {
        if (!current.has(address)) plan.notPresent.push(address);
    }
    for (const address of before) {
        const drop = removals.has(address) || (request.replace === true && !keep.has(address));
        if (drop && !keep.has(address)) plan.removed.push(address);
        else plan.after.push(address);
    }
    plan.after.push(...toAdd);

    const mayRename = user === null || request.displaynameOnCreateOnly !== true;
    if (mayRename && request.displayname !== undefined && request.displayname !== (user?.displayname ?? null)) {
        plan.displayname = { from: user?.displayname ?? null, to: request.displayname };
    }
    plan.setsPassword = plan.createUser && request.password !== undefined && request.password !== "";
    plan.hasChanges =
        !plan.missingUser &&
        (plan.createUser || plan.added.length + plan.moved.length + plan.removed.length > 0 || !!plan.displayname);
    return plan;
}

/** Whether a plan leaves something undone that the caller asked for (refused, invalid, missing account). */
export function planProblems(plan: Plan): string[] {
    const problems: string[] = [];
    if (plan.missingUser) problems.push(`${plan.userId} does not exist`);
    for (const { address, owner } of plan.refused)
        problems.push(`${address} belongs to ${owner}; it was left there (use --force to move it)`);
    for (const { address, problem } of plan.invalid) problems.push(`"${address}" is not an email address: ${problem}`);
    return problems;
}

/** The threepids list PUT must carry so the account ends up with exactly `plan.after` (plus its phones). */
export function threepidsFor(plan: Plan): Array<{ medium: string; address: string }> {
    return [...plan.otherThreepids, ...plan.after.map((address) => ({ medium: "email", address }))];
}

/** The plan in words, one line per effect: what --dry-run prints and what the CLI logs after applying. */
export function describePlan(plan: Plan): string[] {
    const lines: string[] = [];
    if (plan.missingUser) return [`${plan.userId}: does not exist (nothing to change)`];
    if (plan.createUser) lines.push(`${plan.userId}: create account${plan.setsPassword ? " with a password" : ""}`);
    if (plan.displayname)
        lines.push(
            `${plan.userId}: display name ${JSON.stringify(plan.displayname.from)} -> ${JSON.stringify(plan.displayname.to)}`,
        );
    for (const address of plan.added) lines.push(`${plan.userId}: + ${address}`);
    for (const { address, from } of plan.moved) lines.push(`${plan.userId}: + ${address} (MOVED from ${from})`);
    for (const address of plan.removed) lines.push(`${plan.userId}: - ${address}`);
    for (const address of plan.alreadyPresent) lines.push(`${plan.userId}: = ${address} (already there)`);
    for (const address of plan.notPresent) lines.push(`${plan.userId}: ? ${address} (not on this account)`);
    for (const { address, owner } of plan.refused)
        lines.push(`${plan.userId}: ! ${address} refused: it belongs to ${owner} (--force moves it)`);
    for (const { address, problem } of plan.invalid) lines.push(`${plan.userId}: ! "${address}" invalid: ${problem}`);
    if (!plan.hasChanges && lines.length === 0) lines.push(`${plan.userId}: nothing to change`);
    return lines;
}
