/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../matrix/hostClient";

import { readAccountData, writeAccountData } from "../matrix/accountData";
import { NUDGE_ACCOUNT_DATA_TYPE, parseDismissals, type NudgeDismissals } from "./dismissals";

/** The user's "Later" / "Don't remind me" choices as synced to this session. */
export function readDismissals(client: HostClient): NudgeDismissals {
    return parseDismissals(readAccountData(client, NUDGE_ACCOUNT_DATA_TYPE));
}

/** Stores the choices in account data, so every session of the account sees them on its next sync. */
export async function writeDismissals(client: HostClient, dismissals: NudgeDismissals): Promise<void> {
    await writeAccountData(client, NUDGE_ACCOUNT_DATA_TYPE, {
        snoozed: dismissals.snoozed,
        dismissed: dismissals.dismissed,
    });
}
