/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The account's email addresses as this module last read them from the server, per user, in this
 * tab's memory only. The homeserver sends no event when they change, so every part of the module
 * that shows them (the checkup's "email" line, the Email section) would otherwise ask again; with
 * this, one GET /account/3pid per panel open serves all of them, and a list read after a change (the
 * Email section re-reads it after every add and remove) updates every part without a request.
 * Changes made elsewhere (another client) are seen on the next read from the server.
 */
import type { AccountThreePids } from "./types";

interface Known {
    list: AccountThreePids;
    /** When the server gave it (ms since the epoch). */
    at: number;
}

/**
 * How long a list counts as current for a new view (the checkup when the panel opens, the Email
 * section when its tab is clicked): one panel visit. Older lists are read again.
 */
export const KNOWN_THREEPIDS_FRESH_MS = 60_000;

const known = new Map<string, Known>();
const channel = new EventTarget();
const CHANGE = "known_threepids";

/** The addresses a list holds, in a form two lists compare by. */
function addressesOf(list: AccountThreePids): string {
    return JSON.stringify([list.emails.map((e) => e.address), list.phones.map((p) => p.address)]);
}

/**
 * Records a list the server just gave for `userId`, and tells whoever listens when it differs from
 * the one known before (the same answer read twice, e.g. by the host and by us, is heard once).
 */
export function rememberThreePids(userId: string, list: AccountThreePids, now = Date.now()): void {
    const before = known.get(userId);
    known.set(userId, { list, at: now });
    if (before && addressesOf(before.list) === addressesOf(list)) return;
    channel.dispatchEvent(new CustomEvent<string>(CHANGE, { detail: userId }));
}

/** The last list read for `userId`, when it is at most `maxAgeMs` old; else null. */
export function knownThreePids(userId: string, maxAgeMs = Infinity, now = Date.now()): AccountThreePids | null {
    const entry = known.get(userId);
    return entry && now - entry.at <= maxAgeMs ? entry.list : null;
}

/** Calls `listener` whenever a new or different list for `userId` was read. Returns the unsubscribe function. */
export function onKnownThreePids(userId: string, listener: () => void): () => void {
    const handler = (event: Event): void => {
        if ((event as CustomEvent<string>).detail === userId) listener();
    };
    channel.addEventListener(CHANGE, handler);
    return () => channel.removeEventListener(CHANGE, handler);
}

/** Forgets `userId`'s list (it is known to be out of date), or every list (for tests). */
export function forgetKnownThreePids(userId?: string): void {
    if (userId === undefined) known.clear();
    else known.delete(userId);
}
