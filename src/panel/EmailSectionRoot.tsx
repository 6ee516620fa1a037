/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";

import { EmailViewModel } from "../viewmodels/EmailViewModel";
import { EmailSection } from "../views/email/EmailSection";
import { useOwnedViewModel } from "../views/useOwnedViewModel";
import type { SectionContext } from "./SectionContext";

/**
 * Glue for the Email addresses section: a new view-model each time the section mounts (so the list
 * is fetched fresh whenever the panel opens), disposed when it unmounts.
 */
export function EmailSectionRoot({ context }: { context: SectionContext }): React.JSX.Element | null {
    const { client, config, account } = context;
    const vm = useOwnedViewModel(
        () => new EmailViewModel({ client, config, threePidChanges: account.threePidChanges }),
        [client, config, account],
    );
    return vm ? <EmailSection vm={vm} /> : null;
}
