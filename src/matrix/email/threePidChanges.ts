/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * The homeserver sends no event when an account's email addresses change (no sync, no account
 * data), so the parts of this module that care (the checkup, the "add an email" reminder) would have
 * to poll. Instead, whoever changes them here announces it, in-process: the Email section after an
 * add or a remove. One per account (AccountSession), so listeners hear only their own account.
 * Changes made elsewhere (another client) are still only seen on the next read.
 */
export class ThreePidChanges {
    private readonly listeners = new Set<() => void>();

    /** Says that the account's email addresses / phone numbers just changed (after the server confirmed it). */
    public announce(): void {
        for (const listener of [...this.listeners]) listener();
    }

    /** Calls `listener` whenever a change is announced. Returns the unsubscribe function. */
    public subscribe(listener: () => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
}
