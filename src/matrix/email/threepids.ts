/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";

import { withTimeout } from "../errors";
import { toAccountThreePids } from "./accountThreePids";
import type { ThreePidChanges } from "./threePidChanges";
import type { AccountThreePids } from "./types";

/**
 * `GET /account/3pid`, always from the server, sorted by address for a stable list. The answer is
 * remembered in the account's `known` list, so the other parts of the module that show it need not
 * ask again.
 */
export async function listThreePids(
    client: HostClient,
    timeoutMs?: number,
    known?: ThreePidChanges,
): Promise<AccountThreePids> {
    const { threepids } = await withTimeout(client.getThreePids(), timeoutMs);
    const list = toAccountThreePids(threepids);
    known?.remember(list);
    return list;
}

/**
 * The list read from the server in the last minute (`known.recent()`), else `listThreePids` (joining a
 * read of it already under way).
 */
export async function recentThreePids(
    client: HostClient,
    known: ThreePidChanges | undefined,
    timeoutMs?: number,
): Promise<AccountThreePids> {
    if (!known) return listThreePids(client, timeoutMs);
    return known.recent() ?? known.joinRead(() => listThreePids(client, timeoutMs, known));
}
