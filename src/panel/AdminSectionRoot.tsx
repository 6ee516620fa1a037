/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";

import { adminAccessFor, adminApiFor } from "../matrix/admin/clientAccess";
import { serverNameOf } from "../matrix/admin/userId";
import { AdminViewModel } from "../viewmodels/AdminViewModel";
import { AdminSection } from "../views/admin/AdminSection";
import { useOwnedViewModel } from "../views/useOwnedViewModel";
import type { SectionContext } from "./SectionContext";

/**
 * Glue for the Admin section: the view-model talks to the Admin API through the host's own client
 * (its token never passes through our code) and reuses the access check the tab list already made.
 */
export function AdminSectionRoot({ context }: { context: SectionContext }): React.JSX.Element | null {
    const { client } = context;
    const ownUserId = client.getUserId() ?? "";
    const vm = useOwnedViewModel(
        () => new AdminViewModel({ api: adminApiFor(client), access: () => adminAccessFor(client), ownUserId }),
        [client, ownUserId],
    );
    return vm ? <AdminSection vm={vm} serverName={serverNameOf(ownUserId)} /> : null;
}

/** Whether the Admin tab exists for this client (see showsAdminSection): the one cached check. */
export { showsAdminSection as adminSectionAvailable } from "../matrix/admin/clientAccess";
