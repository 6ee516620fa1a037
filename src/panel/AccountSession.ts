/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { AdminClientAccess } from "../matrix/admin/clientAccess";
import type { HostClient } from "../matrix/hostClient";
import type { IncomingVerifications } from "../matrix/verification/incoming";

import { ThreePidChanges } from "../matrix/email/threePidChanges";
import { BadgeState } from "../nudges/badge";

/**
 * What the two React roots (the panel, the reminder layer) share about one signed-in account, in one
 * owner: the host adapter makes one per client (`Host.getAccount()`) and disposes it when the account
 * changes, so nothing of one account leaks into the next. Nothing else in the module keeps mutable
 * state at module level.
 *
 * In the entry chunk, so the heavy parts (the verification watcher, the Admin API) are made by their
 * lazily loaded users, once, through `incomingVerifications(create)` and `admin(create)`.
 */
export class AccountSession {
    /** The entry point's badge: written by the reminder layer, read by the host's space-panel item and the entry button. */
    public readonly badge = new BadgeState();
    /** "This account's email addresses changed": said by the Email section, heard by the checkup and the reminders. */
    public readonly threePidChanges = new ThreePidChanges();
    private incoming: IncomingVerifications | null = null;
    private adminAccess: AdminClientAccess | null = null;

    public constructor(public readonly client: HostClient) {}

    /**
     * The account's incoming-verification watcher: the reminder layer creates it (`create`, knowing
     * whether the host shows its own request toasts); the Sessions section only uses an existing one.
     */
    public incomingVerifications(create?: () => IncomingVerifications): IncomingVerifications | null {
        if (!this.incoming && create) this.incoming = create();
        return this.incoming;
    }

    /** The account's Admin API and its one cached "is this user a server admin?" check. */
    public admin(create: () => AdminClientAccess): AdminClientAccess {
        this.adminAccess ??= create();
        return this.adminAccess;
    }

    public dispose(): void {
        this.incoming?.dispose();
        this.incoming = null;
        this.adminAccess = null;
    }
}
