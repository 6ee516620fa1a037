/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";

import { withTimeout } from "../errors";
import { KNOWN_THREEPIDS_FRESH_MS, knownThreePids, rememberThreePids } from "./knownThreePids";
import type { AccountThreePids, ThreePidEntry } from "./types";

function timestamp(value: unknown): number | null {
    // Servers send 0 or omit the field when they do not know; show nothing rather than 1970.
    return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * `GET /account/3pid`, always from the server, sorted by address for a stable list. The answer is
 * remembered (knownThreePids) so the other parts of the module that show it need not ask again.
 */
/** The server's `threepids` answer as the module shows it: emails and phones, each sorted by address. */
export function toAccountThreePids(threepids: unknown): AccountThreePids {
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

/**
 * `GET /account/3pid`, always from the server, sorted by address for a stable list. The answer is
 * remembered (knownThreePids) so the other parts of the module that show it need not ask again.
 */
export async function listThreePids(client: HostClient, timeoutMs?: number): Promise<AccountThreePids> {
    const { threepids } = await withTimeout(client.getThreePids(), timeoutMs);
    const list = toAccountThreePids(threepids);
    rememberThreePids(client.getSafeUserId(), list);
    return list;
}

/** The list read from the server in the last minute (see knownThreePids), else `listThreePids`. */
export async function recentThreePids(client: HostClient, timeoutMs?: number): Promise<AccountThreePids> {
    return knownThreePids(client.getSafeUserId(), KNOWN_THREEPIDS_FRESH_MS) ?? listThreePids(client, timeoutMs);
}
