/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { ClientWatcher } from "../../../src/host/ClientWatcher";
import { getElementClient, openElementEncryptionSettings } from "../../../src/host/elementGlobals";

interface FakeClient {
    getUserId(): string;
}

interface ElementGlobals {
    mxMatrixClientPeg?: { get(): FakeClient | null };
    mxDispatcher?: {
        register(cb: (payload: { action: string }) => void): string;
        unregister(id: string): void;
        dispatch(payload: Record<string, unknown>): void;
    };
}
const globals = window as unknown as ElementGlobals;

const client = (userId: string): FakeClient => ({ getUserId: () => userId });

let dispatched: Array<Record<string, unknown>> = [];
let callbacks: Array<(payload: { action: string }) => void> = [];

beforeEach(() => {
    jest.useFakeTimers();
    dispatched = [];
    callbacks = [];
    globals.mxDispatcher = {
        register: (cb) => String(callbacks.push(cb) - 1),
        unregister: (id) => void callbacks.splice(Number(id), 1),
        dispatch: (payload) => void dispatched.push(payload),
    };
});

afterEach(() => {
    jest.useRealTimers();
    delete globals.mxMatrixClientPeg;
    delete globals.mxDispatcher;
});

const dispatch = (action: string) => callbacks.forEach((cb) => cb({ action }));

describe("ClientWatcher", () => {
    it("notices login, account switch and logout from Element's dispatcher actions", () => {
        const watcher = new ClientWatcher();
        const seen: Array<string | null> = [];
        watcher.subscribe((c) => seen.push(c ? (c as unknown as FakeClient).getUserId() : null));
        watcher.start();
        expect(watcher.current).toBeNull();

        globals.mxMatrixClientPeg = { get: () => client("@alice:example.org") };
        dispatch("on_logged_in");
        globals.mxMatrixClientPeg = { get: () => client("@bob:example.org") };
        dispatch("client_started");
        globals.mxMatrixClientPeg = { get: () => null };
        dispatch("on_logged_out");
        dispatch("view_room"); // unrelated actions are ignored
        expect(seen).toEqual(["@alice:example.org", "@bob:example.org", null]);
        watcher.stop();
        expect(callbacks).toHaveLength(0);
    });

    it("looks again, for a bounded time, when the host says someone logged in before the peg is set", () => {
        const watcher = new ClientWatcher();
        watcher.start();
        watcher.check("@alice:example.org");
        expect(watcher.current).toBeNull();
        globals.mxMatrixClientPeg = { get: () => client("@alice:example.org") };
        jest.advanceTimersByTime(200);
        expect((watcher.current as unknown as FakeClient | null)?.getUserId()).toBe("@alice:example.org");

        // A peg that never fills: the retries stop (no endless polling).
        globals.mxMatrixClientPeg = { get: () => null };
        watcher.check("@carol:example.org");
        jest.advanceTimersByTime(60_000);
        expect(jest.getTimerCount()).toBe(0);
        watcher.stop();
    });

    it("treats a host without the globals, or a throwing peg, as logged out", () => {
        delete globals.mxDispatcher;
        expect(getElementClient()).toBeNull();
        globals.mxMatrixClientPeg = {
            get: () => {
                throw new Error("not ready");
            },
        };
        expect(getElementClient()).toBeNull();
        const watcher = new ClientWatcher();
        expect(() => watcher.start()).not.toThrow();
        expect(openElementEncryptionSettings()).toBe(false);
    });

    it("opens Element's own Encryption tab through the dispatcher", () => {
        expect(openElementEncryptionSettings()).toBe(true);
        expect(dispatched).toEqual([{ action: "view_user_settings", initialTabId: "USER_ENCRYPTION_TAB" }]);
    });
});
