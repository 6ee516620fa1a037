/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";

import { SessionsViewModel } from "../viewmodels/SessionsViewModel";
import { SessionsSection } from "../views/sessions/SessionsSection";
import { useOwnedViewModel } from "../views/useOwnedViewModel";
import type { SectionContext } from "./SectionContext";

/**
 * Glue for the Sessions section: a fresh view-model each time the section mounts, disposed (and any
 * running verification cancelled) when it unmounts. It uses the incoming-request watcher the nudge
 * layer created, so a request accepted from a reminder continues here with its emoji. A step asked
 * for from Secure Backup ("Verify with another device") starts as the section opens.
 */
export function SessionsSectionRoot({ context }: { context: SectionContext }): React.JSX.Element | null {
    const { client, openSection, account, intent } = context;
    // Only a watcher the reminder layer made (it knows whether the host answers requests itself).
    // A step is only ever asked for from another section, so it arrives with the mount.
    const startWith = intent?.section === "sessions" ? intent.step : undefined;
    const vm = useOwnedViewModel(
        () => new SessionsViewModel(client, { openSection, incoming: account.incomingVerifications(), startWith }),
        [client, openSection, account],
    );
    return vm ? <SessionsSection vm={vm} /> : null;
}
