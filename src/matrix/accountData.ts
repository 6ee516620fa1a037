/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "./hostClient";

import { withTimeout } from "./errors";

/*
 * Our event types are not in matrix-js-sdk's typed account-data map; the SDK treats any type the same
 * way at runtime, so these two casts are the whole price of a custom type.
 */
type AnyAccountDataClient = {
    getAccountData(type: string): { getContent(): unknown } | undefined;
    setAccountData(type: string, content: object): Promise<unknown>;
};

/** The content of the account-data event `type` as synced to this session (undefined: none). */
export function readAccountData(client: HostClient, type: string): unknown {
    return (client as unknown as AnyAccountDataClient).getAccountData(type)?.getContent();
}

/**
 * Stores `content` as the account-data event `type`, so every session of the account sees it on its
 * next sync. Bounded: a slow homeserver gives a TimeoutError rather than a stuck button.
 */
export async function writeAccountData(client: HostClient, type: string, content: object): Promise<void> {
    await withTimeout((client as unknown as AnyAccountDataClient).setAccountData(type, content));
}
