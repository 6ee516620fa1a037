/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { describeFailure } from "../errors";
import type { SynapseAdminApi } from "./SynapseAdminApi";
import type { DelegationInfo } from "./types";

/** What the caller may do with the Admin API. */
export type AdminAccess =
    /** A Synapse server admin: every admin tool works. */
    | { kind: "admin"; userId: string }
    /** Not a server admin (Synapse answered 403 "You are not a server admin"). */
    | { kind: "not_admin"; userId: string }
    /**
     * Accounts live in an external provider (MAS / OIDC): Synapse does not own email addresses there,
     * so they must be managed in that provider. `isAdmin` is true when the token still has admin rights.
     */
    | { kind: "delegated"; userId: string; isAdmin: boolean; delegation: DelegationInfo }
    /** /_synapse/admin answers 404 on a non-delegated server: not Synapse, or a proxy hides the Admin API. */
    | { kind: "no_admin_api"; userId: string };

/**
 * One check, made once: is `userId` (the token's owner) a server admin? A non-admin gets exactly this
 * one admin request (and the 403 it earns). Only when the endpoint is missing do we look further:
 * Synapse leaves it out when auth is delegated to MAS, so a 404 leads to the auth-metadata check, and
 * on a delegated server to one read of the user's own record (its `admin` field).
 */
export async function checkAdminAccess(api: SynapseAdminApi, userId: string): Promise<AdminAccess> {
    try {
        return (await api.isAdmin(userId)) ? { kind: "admin", userId } : { kind: "not_admin", userId };
    } catch (error) {
        const failure = describeFailure(error);
        if (failure.kind === "server" && failure.httpStatus === 403) return { kind: "not_admin", userId };
        if (!(failure.kind === "server" && failure.httpStatus === 404)) throw error;
    }
    const delegation = await api.detectDelegation();
    if (!delegation.delegated) return { kind: "no_admin_api", userId };
    let isAdmin = false;
    try {
        isAdmin = (await api.getUser(userId))?.admin === true;
    } catch (error) {
        if (describeFailure(error).kind !== "server") throw error;
    }
    return { kind: "delegated", userId, isAdmin, delegation };
}

/** The CLI's explanation for each access that is not "admin" (the module has translated strings). */
export function explainAccess(access: AdminAccess, homeserverUrl: string): string | null {
    switch (access.kind) {
        case "admin":
            return null;
        case "not_admin":
            return `The access token belongs to ${access.userId}, who is not a server admin of ${homeserverUrl}. Use an admin's token (the "admin" flag on the account, e.g. set with register_new_matrix_user --admin).`;
        case "no_admin_api":
            return `${homeserverUrl} does not answer on /_synapse/admin. Is it Synapse, and does your reverse proxy forward /_synapse/admin to it?`;
        case "delegated": {
            const where = access.delegation.accountManagementUri ?? access.delegation.issuer ?? "the account provider";
            return `${homeserverUrl} delegates accounts to an external provider (Matrix Authentication Service / OIDC, issuer ${access.delegation.issuer ?? "unknown"}). Email addresses are managed there, not in Synapse: use ${where} (for MAS: its admin API or mas-cli).`;
        }
    }
}
