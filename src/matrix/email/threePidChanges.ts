/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { sameAddresses, toAccountThreePids } from "./accountThreePids";
import type { AccountThreePids } from "./types";

/**
 * How long a list counts as current for a new view (the checkup when the panel opens, the Email
 * section when its tab is clicked): one panel visit. Older lists are read again.
 */
export const KNOWN_THREEPIDS_FRESH_MS = 60_000;

type ThreePidReader = { getThreePids(...args: unknown[]): Promise<{ threepids?: unknown }> };

/**
 * One account's email addresses as this module last read them, and the notices that they changed;
 * one per account (AccountSession), in this tab's memory only. The homeserver sends no event when
 * they change (no sync, no account data), so, instead of polling:
 * - every list read from the server is remembered (`remember`, by listThreePids): one
 *   GET /account/3pid per panel visit serves the checkup and the Email section (`recent`), and a
 *   list that differs from the one before reaches every reader without a request of theirs (`onKnown`);
 * - whoever changes the addresses here announces it (`announce`: the Email section after an add or a
 *   remove), which drops the remembered list; the Email section's own re-read then reaches the others;
 * - the answers to the host's own reads are remembered too (`follow`): Element's Settings re-reads
 *   its list right after the user adds or removes an address there, so the checkup, the reminders
 *   and the entry point's count follow with no request of the module's own.
 * Changes made by another client or the server's admin are seen on the next read.
 */
export class ThreePidChanges {
    private known: { list: AccountThreePids; at: number } | null = null;
    /** A read of the list under way (see `joinRead`). */
    private reading: Promise<AccountThreePids> | null = null;
    private readonly announced = new Set<() => void>();
    private readonly read = new Set<() => void>();
    private following: { original: ThreePidReader["getThreePids"]; wrapper: unknown; users: number } | null = null;

    /** Says that the addresses just changed (after the server confirmed it): the remembered list is out of date. */
    public announce(): void {
        this.known = null;
        // A read that started before the change may answer with the old list: later readers ask again.
        this.reading = null;
        for (const listener of [...this.announced]) listener();
    }

    /** Calls `listener` whenever a change is announced. Returns the unsubscribe function. */
    public subscribe(listener: () => void): () => void {
        this.announced.add(listener);
        return () => this.announced.delete(listener);
    }

    /**
     * Records a list the server just gave, and tells `onKnown` listeners when it differs from the one
     * known before (the same answer read twice, e.g. by the host and by us, is heard once).
     */
    public remember(list: AccountThreePids, now = Date.now()): void {
        const before = this.known;
        this.known = { list, at: now };
        if (before && sameAddresses(before.list, list)) return;
        for (const listener of [...this.read]) listener();
    }

    /** The last list read, when it is at most `maxAgeMs` old; else null. */
    public recent(maxAgeMs = KNOWN_THREEPIDS_FRESH_MS, now = Date.now()): AccountThreePids | null {
        return this.known && now - this.known.at <= maxAgeMs ? this.known.list : null;
    }

    /**
     * Runs `read` unless a read of the list is already under way, whose answer is then shared: readers
     * that ask at the same moment (the reminders refresh on several events at sign-in) make one request.
     */
    public joinRead(read: () => Promise<AccountThreePids>): Promise<AccountThreePids> {
        if (!this.reading) {
            const started = read().finally(() => {
                if (this.reading === started) this.reading = null;
            });
            this.reading = started;
        }
        return this.reading;
    }

    /** Calls `listener` whenever a new or different list was read. Returns the unsubscribe function. */
    public onKnown(listener: () => void): () => void {
        this.read.add(listener);
        return () => this.read.delete(listener);
    }

    /**
     * Remembers the answers to every read of the addresses made through `client`, the host's
     * included. The client's method is wrapped, passing every call and answer through unchanged; the
     * last release puts the original back (unless someone replaced it meanwhile). Returns the release.
     */
    public follow(client: object): () => void {
        const reader = client as ThreePidReader;
        if (typeof reader.getThreePids !== "function") return () => undefined;
        if (!this.following || reader.getThreePids !== this.following.wrapper) {
            const original = reader.getThreePids;
            const remember = (threepids: unknown): void => this.remember(toAccountThreePids(threepids));
            const wrapper = function (this: unknown, ...args: unknown[]): ReturnType<ThreePidReader["getThreePids"]> {
                const answer = original.apply(this, args);
                void Promise.resolve(answer).then(
                    (result) => {
                        if (Array.isArray(result?.threepids)) remember(result.threepids);
                    },
                    () => undefined,
                );
                return answer;
            };
            this.following = { original, wrapper, users: 0 };
            reader.getThreePids = wrapper;
        }
        const current = this.following;
        current.users++;
        let released = false;
        return () => {
            if (released) return;
            released = true;
            if (--current.users > 0) return;
            if (this.following === current) this.following = null;
            if (reader.getThreePids === current.wrapper) reader.getThreePids = current.original;
        };
    }
}
