/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The homeserver sends no event when an account's email addresses change (no sync, no account
 * data), so the parts of this module that care (the "add an email" reminder) would have to poll.
 * Instead, whoever changes them here announces it, in-process: the Email section after an add or a
 * remove. Changes made elsewhere (Element's own Settings, another client, the server's admin) are
 * seen on the next read, and a read that finds the answer changed announces it too (noteHasEmail), so
 * the checkup in the panel, the reminder layer and the entry point's count agree.
 */

const CHANGE = "threepids_changed";
const channel = new EventTarget();
/** What the last read said, per user; forgotten on every announcement (the next read just records). */
const lastHasEmail = new Map<string, boolean>();

/** Says that `userId`'s email addresses / phone numbers just changed (call after the server confirmed it). */
export function announceThreePidChange(userId: string): void {
    lastHasEmail.delete(userId);
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

/**
 * Records what a read of `userId`'s addresses found; when it differs from the previous read (the
 * addresses changed where no event tells us), announces the change so every other reader re-reads.
 */
export function noteHasEmail(userId: string, hasEmail: boolean): void {
    const before = lastHasEmail.get(userId);
    lastHasEmail.set(userId, hasEmail);
    if (before !== undefined && before !== hasEmail) announceThreePidChange(userId);
}

type ThreePidReader = { getThreePids(...args: unknown[]): Promise<{ threepids?: Array<{ medium?: string }> }> };

/** Per client: the host's own method and how many followers share the wrapper. */
const followed = new WeakMap<object, { original: ThreePidReader["getThreePids"]; wrapper: unknown; users: number }>();

/**
 * Hears the answers to every read of the addresses made through `client`, the host's included:
 * Element's Settings re-reads the list right after the user adds or removes an address there, so
 * the module learns of the change from that answer (noteHasEmail), with no request of its own and
 * no polling. The client's method is wrapped, passing everything through unchanged; the last release
 * puts the original back (unless someone replaced it meanwhile). Returns the release.
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
                        noteHasEmail(
                            client.getSafeUserId(),
                            result.threepids.some((pid) => pid?.medium === "email"),
                        );
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
