/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The homeserver sends no event when an account's email addresses change (no sync, no account
 * data), so the parts of this module that care (the "add an email" reminder, the checkup) would
 * have to poll. Instead, whoever changes them here announces it, in-process: the Email section after
 * an add or a remove. The announcement drops the list read before (knownThreePids), and the Email
 * section's own re-read then reaches every reader without a request of theirs. Changes made
 * elsewhere (another client) are still only seen on the next read.
 */

import { forgetKnownThreePids } from "./knownThreePids";

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
