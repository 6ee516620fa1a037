/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";

import { NUDGE_ACCOUNT_DATA_TYPE, parseDismissals, type NudgeDismissals } from "../../nudges/dismissals";
import { withTimeout } from "../errors";

/*
 * Our event type is not in matrix-js-sdk's typed account-data map; the SDK treats any type the same
 * way at runtime, so these two casts are the whole price of a custom type.
 */
type AnyAccountDataClient = {
    getAccountData(type: string): { getContent(): unknown } | undefined;
    setAccountData(type: string, content: object): Promise<unknown>;
};

/** The user's "Later" / "Don't remind me" choices as synced to this session. */
export function readDismissals(client: HostClient): NudgeDismissals {
    const event = (client as unknown as AnyAccountDataClient).getAccountData(NUDGE_ACCOUNT_DATA_TYPE);
    return parseDismissals(event?.getContent());
}

/**
 * Stores the choices in account data, so every session of the account sees them on its next sync.
 * Bounded: a slow homeserver gives a TimeoutError rather than a stuck button.
 */
export async function writeDismissals(client: HostClient, dismissals: NudgeDismissals): Promise<void> {
    await withTimeout(
        (client as unknown as AnyAccountDataClient).setAccountData(NUDGE_ACCOUNT_DATA_TYPE, {
            snoozed: dismissals.snoozed,
            dismissed: dismissals.dismissed,
        }),
    );
}
