/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { MatrixClient } from "matrix-js-sdk/lib/client";

import type { AccountSecurityConfig } from "../config";
import type { PanelSection } from "../host/Host";

/**
 * What a section of the Account security panel gets from the shell. The glue in `src/panel/`
 * is the only place that knows both view-models and views: it creates a section's view-model
 * from this context and hands it to the section's view.
 */
export interface SectionContext {
    /** The host's logged-in client (the panel shows a "log in" message instead when there is none). */
    client: MatrixClient;
    config: AccountSecurityConfig;
    /** Moves the panel to another section (e.g. Sessions → "use recovery key instead" → Secure Backup). */
    openSection(section: PanelSection): void;
}
