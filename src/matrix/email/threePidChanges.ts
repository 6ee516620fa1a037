/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The homeserver sends no event when an account's email addresses change (no sync, no account
 * data), so the parts of this module that care (the "add an email" reminder, the checkup) would
 * have to poll. Instead:
 * - whoever changes them here announces it, in-process (the Email section after an add or a
 *   remove); the announcement drops the list read before (knownThreePids), and the Email section's
 *   own re-read then reaches every reader without a request of theirs;
 * - the answers to the host's own reads are remembered too (`followThreePidReads`): Element's
 *   Settings re-reads its list right after the user adds or removes an address there, so the checkup,
 *   the reminder layer and the entry point's count follow with no request of the module's own.
 * Changes made by another client or the server's admin are seen on the next read.
 */

import { forgetKnownThreePids, rememberThreePids } from "./knownThreePids";
import { toAccountThreePids } from "./threepids";

const CHANGE = "threepids_changed";
const channel = new EventTarget();

/** Says that `userId`'s email addresses / phone numbers just changed (call after the server confirmed it). */
export function announceThreePidChange(userId: string): void {
    // The list read before is out of date now: the next reader asks the server.
    forgetKnownThreePids(userId);
    channel.dispatchEvent(new CustomEvent<string>(CHANGE, { detail: userId }));
}

/** Calls `listener` whenever a change to `userId`'s 3PIDs is announced. Returns the unsubscribe function. */
export function onThreePidChange(userId: string, listener: () => void): () => void {
    const handler = (event: Event): void => {
        if ((event as CustomEvent<string>).detail === userId) listener();
    };
    channel.addEventListener(CHANGE, handler);
    return () => channel.removeEventListener(CHANGE, handler);
}

type ThreePidReader = { getThreePids(...args: unknown[]): Promise<{ threepids?: unknown }> };

/** Per client: the host's own method and how many followers share the wrapper. */
const followed = new WeakMap<object, { original: ThreePidReader["getThreePids"]; wrapper: unknown; users: number }>();

/**
 * Remembers the answers to every read of the addresses made through `client`, the host's included
 * (see the file header). The client's method is wrapped, passing every call and answer through
 * unchanged; the last release puts the original back (unless someone replaced it meanwhile).
 * Returns the release.
 */
export function followThreePidReads(client: { getSafeUserId(): string }): () => void {
    const reader = client as unknown as ThreePidReader;
    if (typeof reader.getThreePids !== "function") return () => undefined;
    let entry = followed.get(reader);
    if (!entry || reader.getThreePids !== entry.wrapper) {
        const original = reader.getThreePids;
        const wrapper = function (this: unknown, ...args: unknown[]): ReturnType<ThreePidReader["getThreePids"]> {
            const answer = original.apply(this, args);
            void Promise.resolve(answer).then(
                (result) => {
                    if (Array.isArray(result?.threepids)) {
                        rememberThreePids(client.getSafeUserId(), toAccountThreePids(result.threepids));
                    }
                },
                () => undefined,
            );
            return answer;
        };
        entry = { original, wrapper, users: 0 };
        followed.set(reader, entry);
        reader.getThreePids = wrapper;
    }
    const current = entry;
    current.users++;
    let released = false;
    return () => {
        if (released) return;
        released = true;
        if (--current.users > 0) return;
        followed.delete(reader);
        if (reader.getThreePids === current.wrapper) reader.getThreePids = current.original;
    };
}
