/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";

import { withTimeout } from "../errors";
import type { AccountThreePids, ThreePidEntry } from "./types";

function timestamp(value: unknown): number | null {
    // Servers send 0 or omit the field when they do not know; show nothing rather than 1970.
    return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : null;
}

/** `GET /account/3pid`, always from the server (never cached), sorted by address for a stable list. */
export async function listThreePids(client: HostClient, timeoutMs?: number): Promise<AccountThreePids> {
    const { threepids } = await withTimeout(client.getThreePids(), timeoutMs);
    const entries: ThreePidEntry[] = (Array.isArray(threepids) ? threepids : [])
        .filter((t) => typeof t?.address === "string" && (t.medium === "email" || t.medium === "msisdn"))
        .map((t) => ({
            medium: t.medium as ThreePidEntry["medium"],
            address: t.address,
            addedAt: timestamp(t.added_at),
            validatedAt: timestamp(t.validated_at),
        }))
        .sort((a, b) => a.address.localeCompare(b.address));
    return {
        emails: entries.filter((e) => e.medium === "email"),
        phones: entries.filter((e) => e.medium === "msisdn"),
    };
}
