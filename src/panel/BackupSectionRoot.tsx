/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect } from "react";

import { BackupViewModel } from "../viewmodels/BackupViewModel";
import { BackupSection } from "../views/backup/BackupSection";
import { useOwnedViewModel } from "../views/useOwnedViewModel";
import { RecoveryToolsRoot } from "./RecoveryToolsRoot";
import type { SectionContext } from "./SectionContext";

/**
 * Glue for the Secure Backup section: a view-model per mount (one fresh read when the panel opens,
 * live updates while open), disposed on unmount so no listener outlives the panel. A step asked for
 * from elsewhere (Sessions, a reminder) is handed to the view-model, which starts it once it knows
 * the state.
 */
export function BackupSectionRoot({ context }: { context: SectionContext }): React.JSX.Element | null {
    const { client, config, intent, openSection } = context;
    const vm = useOwnedViewModel(() => new BackupViewModel(client, config, openSection), [client, config, openSection]);
    const step = intent?.section === "backup" ? intent.step : undefined;
    useEffect(() => {
        if (vm && step) vm.openStep(step);
        // `intent` is a new object per request: asking again (after cancelling) opens the step again.
    }, [vm, step, intent]);
    if (!vm) return null;
    return (
        <>
            <BackupSection vm={vm} />
            <RecoveryToolsRoot context={context} />
        </>
    );
}
