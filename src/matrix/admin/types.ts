/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/** One third-party identifier of an account, as GET /_synapse/admin/v2/users/<id> returns it. */
export interface AdminThreepid {
    medium: string;
    address: string;
    /** Milliseconds since the epoch. */
    added_at?: number;
    /** Milliseconds since the epoch; admin-added addresses count as validated when added. */
    validated_at?: number;
}

/** The fields of Synapse's user record that we use (the server returns more). */
export interface AdminUser {
    name: string;
    displayname: string | null;
    threepids: AdminThreepid[];
    admin: boolean;
    deactivated: boolean;
    creation_ts?: number;
}

/** The body of PUT /_synapse/admin/v2/users/<id> as we send it. */
export interface PutUserBody {
    /** Replaces the WHOLE list (and moves any address another account owns); see plan.ts. */
    threepids?: Array<{ medium: string; address: string }>;
    displayname?: string;
    password?: string;
    /** Only sent together with a password, so an admin-set password never logs the user out silently. */
    logout_devices?: boolean;
}

/** Whether the homeserver hands accounts to an external provider (Matrix Authentication Service / OIDC). */
export interface DelegationInfo {
    delegated: boolean;
    /** The provider's issuer URL, when delegated. */
    issuer?: string;
    /** Where people (and admins) manage accounts and emails, when the provider says. */
    accountManagementUri?: string;
}
