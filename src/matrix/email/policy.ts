/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";

import { withTimeout } from "../errors";
import type { EmailPolicy } from "./types";

/** The capability that says whether 3PIDs may be added and removed through the client-server API. */
export const THREEPID_CHANGES_CAPABILITY = "m.3pid_changes";

/**
 * Whether `m.3pid_changes` is enabled. The spec says a missing capability means "enabled", and a
 * server too old to have `/capabilities` at all (or one that fails to answer) is treated the same:
 * if changes really are off, the first change attempt says so in plain words anyway.
 */
export async function threePidChangesEnabled(client: HostClient, timeoutMs?: number): Promise<boolean> {
    // The SDK's cached copy first (fetched at login and refreshed by the SDK): opening the section
    // then costs no request for it — Element's own Settings do not ask either. If the deployer
    // turned changes off since, the first change attempt is refused and says so in plain words.
    let capabilities: Record<string, unknown> | undefined =
        typeof client.getCachedCapabilities === "function" ? (client.getCachedCapabilities() ?? undefined) : undefined;
    if (!capabilities) {
        try {
            // getCapabilities answers from the cache where it can, else asks the server.
            capabilities = await withTimeout(client.getCapabilities(), timeoutMs);
        } catch {
            capabilities = undefined;
        }
    }
    const capability = capabilities?.[THREEPID_CHANGES_CAPABILITY] as { enabled?: unknown } | undefined;
    return capability?.enabled !== false;
}

/**
 * The OIDC provider's account page when the server delegates accounts to one (MSC2965 auth
 * metadata), `null` when it delegates without publishing such a page, `undefined` when it does not
 * delegate. A 404 (the usual answer of a server without delegation) or any failure means "not
 * delegated".
 */
async function delegatedAccountPage(client: HostClient, timeoutMs?: number): Promise<string | null | undefined> {
    // SDKs older than the auth-metadata API (older Element builds): we cannot tell, so "not delegated";
    // a delegating server still turns the capability off, so the section is read-only either way.
    if (typeof client.getAuthMetadata !== "function") return undefined;
    try {
        const metadata = await withTimeout(client.getAuthMetadata(), timeoutMs);
        const uri = metadata.account_management_uri;
        return typeof uri === "string" && /^https?:\/\//.test(uri) ? uri : null;
    } catch {
        return undefined;
    }
}

/**
 * Whether this account's email addresses can be changed here, and if not, why. Usually no request:
 * `m.3pid_changes` comes from the SDK's cached capabilities, and a server that delegates accounts to
 * an OIDC provider turns that capability off (Synapse with MAS always does), so the provider's account
 * page (auth metadata: one or two requests) is only asked for when changes are off. A delegating
 * server that left the capability on refuses the first change, which then says so in plain words.
 */
export async function getEmailPolicy(client: HostClient, timeoutMs?: number): Promise<EmailPolicy> {
    if (await threePidChangesEnabled(client, timeoutMs)) return { kind: "editable" };
    const accountPage = await delegatedAccountPage(client, timeoutMs);
    return accountPage !== undefined
        ? { kind: "delegated", accountManagementUrl: accountPage }
        : { kind: "changes_disabled" };
}
