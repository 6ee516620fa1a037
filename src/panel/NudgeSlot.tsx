/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { MatrixClient } from "matrix-js-sdk/lib/client";
import type { ReactNode } from "react";

import type { Host } from "../host/Host";

export interface NudgeSlotProps {
    host: Host;
    /** The logged-in client (the slot is only rendered while there is one). */
    client: MatrixClient;
}

/**
 * ┌──────────────────────────────────────────────────────────────────────────────────────────────┐
 * │ NUDGE SLOT — owned by the nudges feature (issue 7). Replace this stub with the nudge engine's │
 * │ view. It renders inside the nudge layer (a fixed, full-viewport, click-through overlay under │
 * │ Element's dialogs): give interactive elements `pointer-events: auto` and your own position.  │
 * │ This file is in the ENTRY chunk: keep it small and load heavy UI with import().             │
 * └──────────────────────────────────────────────────────────────────────────────────────────────┘
 */
export function NudgeSlot(_props: NudgeSlotProps): ReactNode {
    return null;
}
