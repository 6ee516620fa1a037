/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/** One email address or phone number on the account, as the homeserver lists it. */
export interface ThreePidEntry {
    medium: "email" | "msisdn";
    /** The address as the homeserver stores it (Synapse lower-cases email addresses). */
    address: string;
    /** When it was added to the account (ms since the epoch), if the server said. */
    addedAt: number | null;
    /** When its owner proved it was theirs (ms since the epoch), if the server said. */
    validatedAt: number | null;
}

/** What `GET /account/3pid` returned, split by medium. Other media (none exist today) are dropped. */
export interface AccountThreePids {
    emails: ThreePidEntry[];
    /** Listed read-only: this module adds and removes email addresses only. */
    phones: ThreePidEntry[];
}

/**
 * Whether the user may change their email addresses here.
 * - `editable`: add and remove work through the client-server API.
 * - `changes_disabled`: the server's `m.3pid_changes` capability is false (the deployer turned
 *   3PID changes off).
 * - `delegated`: accounts are managed by an OIDC provider (Matrix Authentication Service); changes
 *   happen on its account page, `accountManagementUrl` when the provider publishes one.
 */
export type EmailPolicy =
    { kind: "editable" } | { kind: "changes_disabled" } | { kind: "delegated"; accountManagementUrl: string | null };

/**
 * An add that is waiting for the user to click the link in the verification email. Kept in local
 * storage (never the password) so closing the panel or reloading Element does not lose it.
 */
export interface PendingAdd {
    /** The homeserver's validation session id (from requestToken). */
    sid: string;
    /** Our random secret for this session; it is in the mail link, so it is no more secret than the mail. */
    client_secret: string;
    address: string;
    /** The send_attempt of the last mail requested; a resend uses the next one. */
    send_attempt: number;
    /** When the last mail was requested (ms since the epoch). */
    sentAt: number;
    /** After this (ms since the epoch) the pending add is forgotten. */
    expiresAt: number;
}
