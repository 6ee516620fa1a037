/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { AccountThreePids, ThreePidEntry } from "./types";

function timestamp(value: unknown): number | null {
    // Servers send 0 or omit the field when they do not know; show nothing rather than 1970.
    return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * The `threepids` of a `GET /account/3pid` answer as the module shows them: emails and phone numbers,
 * each sorted by address for a stable list; anything else (other media, malformed entries) dropped.
 */
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

/** Whether two lists hold the same addresses (the dates aside). */
export function sameAddresses(a: AccountThreePids, b: AccountThreePids): boolean {
    const addresses = (list: AccountThreePids): string =>
        JSON.stringify([list.emails.map((e) => e.address), list.phones.map((p) => p.address)]);
    return addresses(a) === addresses(b);
}
