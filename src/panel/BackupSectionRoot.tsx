/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";

import { BackupViewModel } from "../viewmodels/BackupViewModel";
import { BackupSection } from "../views/backup/BackupSection";
import { useOwnedViewModel } from "../views/useOwnedViewModel";
import type { SectionContext } from "./SectionContext";

/**
 * Glue for the Secure Backup section: a view-model per mount (one fresh read when the panel opens,
 * live updates while open), disposed on unmount so no listener outlives the panel.
 */
export function BackupSectionRoot({ context }: { context: SectionContext }): React.JSX.Element | null {
    const { client, config } = context;
    const vm = useOwnedViewModel(() => new BackupViewModel(client, config), [client, config]);
    return vm ? <BackupSection vm={vm} /> : null;
}
