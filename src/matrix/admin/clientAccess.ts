/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The module's side of the Admin API: one SynapseAdminApi per host client, and the one "is this
 * user a server admin?" check, made once per client and shared by everything that asks (the panel's
 * tab list and the Admin section). A non-admin therefore costs the homeserver exactly one admin
 * request per page load. A failed check (offline, timeout) is forgotten, so the next panel opening
 * asks again instead of hiding the section for good.
 */

import type { HostClient } from "../hostClient";

import { checkAdminAccess, type AdminAccess } from "./access";
import { clientTransport } from "./clientTransport";
import { SynapseAdminApi } from "./SynapseAdminApi";

const apis = new WeakMap<HostClient, SynapseAdminApi>();
const checks = new WeakMap<HostClient, Promise<AdminAccess>>();

export function adminApiFor(client: HostClient): SynapseAdminApi {
    let api = apis.get(client);
    if (!api) {
        api = new SynapseAdminApi(clientTransport(client));
        apis.set(client, api);
    }
    return api;
}

/** The cached access check for the client's user. */
export function adminAccessFor(client: HostClient): Promise<AdminAccess> {
    let check = checks.get(client);
    if (!check) {
        const userId = client.getUserId();
        check = userId
            ? checkAdminAccess(adminApiFor(client), userId)
            : Promise.resolve<AdminAccess>({ kind: "not_admin", userId: "" });
        check.catch(() => {
            if (checks.get(client) === check) checks.delete(client);
        });
        checks.set(client, check);
    }
    return check;
}

/** Whether the Admin section should exist for this client: admins, and admins of a delegated server (who get an explanation). */
export async function showsAdminSection(client: HostClient): Promise<boolean> {
    const access = await adminAccessFor(client);
    return access.kind === "admin" || (access.kind === "delegated" && access.isAdmin);
}
