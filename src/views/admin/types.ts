/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/* The Admin section's snapshot and actions: what its view renders and may call. */
import type { BugProblem, NetworkProblem } from "../../matrix/errors";

/** One email address of the account being looked at. Dates are milliseconds since the epoch. */
export interface AdminEmail {
    address: string;
    addedAt: number | null;
    validatedAt: number | null;
}

/** The account being looked at. */
export interface AdminAccount {
    userId: string;
    displayname: string | null;
    deactivated: boolean;
    admin: boolean;
    emails: AdminEmail[];
}

/** Why a lookup found nothing to show. */
export type LookupProblem =
    | { kind: "empty" }
    | { kind: "invalid_user_id" }
    | { kind: "other_server"; serverName: string }
    | { kind: "not_found"; userId: string };

/** Why an address cannot be added to the account. */
export type AdminAddressProblem =
    | { kind: "empty" }
    | { kind: "invalid" }
    | { kind: "already_there" }
    /** Another account has it: left there. Remove it from that account first. */
    | { kind: "owned_by_other"; owner: string };

/** A homeserver failure, in the terms the view explains. */
export type AdminProblem =
    | NetworkProblem
    /** The server stopped treating us as an admin (rights removed since the check). */
    | { kind: "forbidden" }
    /** Not the homeserver: a bug in the module (or a method the host's client lacks). */
    | BugProblem
    /**
     * Someone else changed the account's addresses between reading and saving: nothing was saved
     * (saving would have dropped theirs). "Try again" plans from the current addresses.
     */
    | { kind: "changed_meanwhile" }
    | { kind: "unknown"; detail: string };

/**
 * The step the section is at; each renders distinctly:
 * - `checking_access`: the one cached "are you a server admin?" check is in flight.
 * - `unavailable`: not a server admin, or the server has no Admin API here (the panel hides the
 *   section then; this step only shows if it is rendered anyway).
 * - `delegated`: accounts live in an external provider (MAS / OIDC); emails are managed there.
 * - `ready`: the lookup form, and the account when one is loaded (with Add / Remove).
 * - `looking_up`: reading the account.
 * - `entering`: the address field for the loaded account; `problem` after checking.
 * - `checking_address`: asking who owns the address.
 * - `confirm_add` / `confirm_remove`: the confirmation; `isLast` warns that password reset stops.
 * - `saving`: the change is being applied.
 * - `error`: a failure in plain words; "Try again" repeats the last action.
 */
export type AdminStep =
    | { kind: "checking_access" }
    | { kind: "unavailable"; reason: "not_admin" | "no_admin_api" }
    | { kind: "delegated"; accountManagementUrl: string | null }
    | { kind: "ready" }
    | { kind: "looking_up"; userId: string }
    | { kind: "entering"; draft: string; problem: AdminAddressProblem | null }
    | { kind: "checking_address"; address: string }
    | { kind: "confirm_add"; address: string }
    | { kind: "confirm_remove"; address: string; isLast: boolean }
    | { kind: "saving"; action: "add" | "remove"; address: string }
    /** `canClose` is false when there is nothing to go back to (the access check itself failed). */
    | { kind: "error"; problem: AdminProblem; canClose: boolean };

export type AdminNotice = { kind: "added" | "removed"; address: string; userId: string };

export interface AdminSnapshot {
    step: AdminStep;
    /** The text of the lookup field. */
    query: string;
    lookupProblem: LookupProblem | null;
    /** The account being looked at, if any. */
    account: AdminAccount | null;
    notice: AdminNotice | null;
}

export interface AdminActions {
    setQuery(query: string): void;
    lookUp(): Promise<void>;
    startAdd(): void;
    setDraft(draft: string): void;
    submitAddress(): Promise<void>;
    confirmAdd(): Promise<void>;
    askRemove(address: string): void;
    confirmRemove(): Promise<void>;
    /** Leaves entering / a confirmation without changing anything. */
    cancel(): void;
    retry(): Promise<void>;
    dismissError(): void;
    dismissNotice(): void;
}
