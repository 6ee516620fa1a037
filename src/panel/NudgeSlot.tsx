/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { type ReactNode } from "react";

import type { AccountSession } from "./AccountSession";
import type { Host } from "./Host";
import { NudgeView } from "../views/nudges/NudgeView";
import { useOwnedViewModel } from "../views/useOwnedViewModel";
import { createNudgeViewModel } from "./nudgeGlue";
import { useOnOurPage } from "./useOnOurPage";

export interface NudgeSlotProps {
    host: Host;
    /** The signed-in account (the slot is only rendered while there is one). */
    account: AccountSession;
}

/**
 * The nudge layer's content (issue 7): one reminder at a time, or an incoming verification request,
 * in a corner card. Renders inside the nudge layer (a fixed, click-through overlay under Element's
 * dialogs). Its own chunk ("reminders", see NudgeLayerRoot), fetched at sign-in: the engine and the
 * view are small and use no UI library.
 */
export function NudgeSlot({ host, account }: NudgeSlotProps): ReactNode {
    const vm = useOwnedViewModel(() => createNudgeViewModel(host, account), [host, account]);
    // The view-model keeps running on our page (it feeds the badge); only the card steps aside.
    const onOurPage = useOnOurPage();
    return vm && !onOurPage ? <NudgeView vm={vm} /> : null;
}
