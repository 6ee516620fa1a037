/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";

import { checkAdminAccess, type AdminAccess } from "./access";
import { clientTransport } from "./clientTransport";
import { SynapseAdminApi } from "./SynapseAdminApi";

/**
 * The module's side of the Admin API for one host client (one per account: AccountSession keeps
 * it): the SynapseAdminApi, and the one "is this user a server admin?" check, made once and shared
 * by everything that asks (the panel's tab list and the Admin section). A non-admin therefore costs
 * the homeserver exactly one admin request per page load. A failed check (offline, timeout) is
 * forgotten, so the next panel opening asks again instead of hiding the section for good.
 */
export class AdminClientAccess {
    public readonly api: SynapseAdminApi;
    private check: Promise<AdminAccess> | null = null;

    public constructor(private readonly client: HostClient) {
        this.api = new SynapseAdminApi(clientTransport(client));
    }

    /** The cached access check for the client's user. */
    public access(): Promise<AdminAccess> {
        if (!this.check) {
            const userId = this.client.getUserId();
            const check = userId
                ? checkAdminAccess(this.api, userId)
                : Promise.resolve<AdminAccess>({ kind: "not_admin", userId: "" });
            check.catch(() => {
                if (this.check === check) this.check = null;
            });
            this.check = check;
        }
        return this.check;
    }

    /** Whether the Admin section should exist: admins, and admins of a delegated server (who get an explanation). */
    public async showsSection(): Promise<boolean> {
        const access = await this.access();
        return access.kind === "admin" || (access.kind === "delegated" && access.isAdmin);
    }
}
