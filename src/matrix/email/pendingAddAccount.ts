/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * An unfinished email add (pendingAddStore.ts) is about one account, in a browser that someone else
 * may use next: it is forgotten when that account logs out or another one logs in. The host adapter
 * calls followAccountForPendingAdds on every client change, so this file is in the entry chunk:
 * keep it small (it only removes entries).
 */
import { STORAGE_PREFIX, type KeyValueStorage } from "../localStorage";

/** Local-storage key prefix of the pending adds; the user ID follows it. */
export const PENDING_ADD_KEY_PREFIX = `${STORAGE_PREFIX}.email.pending_add:`;

/**
 * Removes the unfinished adds of every account except `keepUserId` (all of them for null), and
 * expired ones of any account. Never throws.
 */
export function forgetPendingAdds(storage: KeyValueStorage, keepUserId: string | null, now = Date.now()): void {
    try {
        const keys: string[] = [];
        const count = storage.length ?? 0;
        for (let index = 0; index < count; index++) {
            const key = storage.key?.(index);
            if (key?.startsWith(PENDING_ADD_KEY_PREFIX)) keys.push(key);
        }
        for (const key of keys) {
            const mine = keepUserId !== null && key === `${PENDING_ADD_KEY_PREFIX}${keepUserId}`;
            if (mine && !isExpired(storage.getItem(key), now)) continue;
            storage.removeItem(key);
        }
    } catch {
        // Blocked storage holds nothing of ours either.
    }
}

/** Unreadable counts as expired: PendingAddStore.load() would drop it too. */
function isExpired(raw: string | null, now: number): boolean {
    try {
        const expiresAt = (JSON.parse(raw ?? "null") as { expiresAt?: unknown } | null)?.expiresAt;
        return typeof expiresAt !== "number" || expiresAt <= now;
    } catch {
        return true;
    }
}

/**
 * Follows the logged-in account for the pending adds: call it with the user ID each time the host's
 * client changes (null: logged out). A logout forgets every pending add; a login forgets those of
 * other accounts. The first call with null (the page loading before the session is restored) is not
 * a logout and forgets nothing, so a pending add survives a reload.
 */
export function followAccountForPendingAdds(storage: () => KeyValueStorage): (userId: string | null) => void {
    let previous: string | null = null;
    return (userId) => {
        if (userId === previous) return;
        if (userId !== null || previous !== null) forgetPendingAdds(storage(), userId);
        previous = userId;
    };
}
