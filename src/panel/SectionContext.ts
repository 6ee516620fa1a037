/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../matrix/hostClient";

import type { AccountSecurityConfig } from "../config";
import type { PanelIntent, PanelTarget } from "../panelTargets";
import type { AccountSession } from "./AccountSession";

/**
 * What a section of the Account security panel gets from the shell. The glue in `src/panel/`
 * is the only place that knows both view-models and views: it creates a section's view-model
 * from this context and hands it to the section's view.
 */
export interface SectionContext {
    /** The host's logged-in client (the panel shows a "log in" message instead when there is none). */
    client: HostClient;
    /** The signed-in account's session (the same client): what the panel shares with the reminder layer. */
    account: AccountSession;
    config: AccountSecurityConfig;
    /**
     * Moves the panel to another section, optionally at a step (e.g. Sessions → "Use recovery key
     * instead" → `{ section: "backup", step: "enter_key" }`).
     */
    openSection(target: PanelTarget): void;
    /**
     * The step this section was opened for, if any (a new object each time someone asks again).
     * The section starts it once it knows its state; a tab click clears it.
     */
    intent?: PanelIntent | null;
}
