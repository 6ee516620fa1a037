/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";

import { AdminClientAccess } from "../matrix/admin/clientAccess";
import { serverNameOf } from "../matrix/admin/userId";
import { AdminViewModel } from "../viewmodels/AdminViewModel";
import { PostureViewModel } from "../viewmodels/PostureViewModel";
import { AdminSection } from "../views/admin/AdminSection";
import { PostureView } from "../views/admin/PostureView";
import { useOwnedViewModel } from "../views/useOwnedViewModel";
import type { AccountSession } from "./AccountSession";
import type { SectionContext } from "./SectionContext";

/**
 * Glue for the Admin section: the view-model talks to the Admin API through the host's own client
 * (its token never passes through our code) and reuses the access check the tab list already made.
 */
export function AdminSectionRoot({ context }: { context: SectionContext }): React.JSX.Element | null {
    const { client, account } = context;
    const ownUserId = client.getUserId() ?? "";
    const admin = adminAccessOf(account);
    const vm = useOwnedViewModel(
        () => new AdminViewModel({ api: admin.api, access: () => admin.access(), ownUserId }),
        [admin, ownUserId],
    );
    // The posture summary runs the same collection as the CLI's `report`, through the same client.
    const posture = useOwnedViewModel(
        () => new PostureViewModel({ api: admin.api, homeserver: client.getHomeserverUrl() }),
        [admin, client],
    );
    return vm ? (
        <AdminSection
            vm={vm}
            serverName={serverNameOf(ownUserId)}
            posture={posture ? <PostureView vm={posture} /> : null}
        />
    ) : null;
}

/** The account's Admin API and its one cached access check. */
export function adminAccessOf(account: AccountSession): AdminClientAccess {
    return account.admin(() => new AdminClientAccess(account.client));
}

/** Whether the Admin tab exists for this account: the one cached check. */
export function adminSectionAvailable(account: AccountSession): Promise<boolean> {
    return adminAccessOf(account).showsSection();
}
