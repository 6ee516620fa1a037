/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { DEFAULT_CONFIG } from "../../../src/config";
import { ClientWatcher } from "../../../src/host/ClientWatcher";
import { LegacyHost } from "../../../src/host/LegacyHost";
import { PendingAddStore, STORAGE_PREFIX } from "../../../src/matrix/email/pendingAddStore";
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

describe("an unfinished email add follows the logged-in account (issue 12, item 7)", () => {
    const keyOf = (userId: string) => `${STORAGE_PREFIX}.email.pending_add:${userId}`;
    const savePending = (userId: string) => {
        const store = new PendingAddStore(localStorage, userId);
        store.save(store.createPending({ sid: "s", client_secret: "c", address: "a@example.org", send_attempt: 1 }));
    };

    afterEach(() => localStorage.clear());

    function startHost(current: () => FakeClient | null): LegacyHost {
        globals.mxMatrixClientPeg = { get: current };
        const host = new LegacyHost({} as never, DEFAULT_CONFIG, () => Promise.reject(new Error("no panel")));
        host.start();
        return host;
    }

    it("is forgotten when the account logs out, also when the module started after login", () => {
        savePending("@alice:example.org");
        let peg: FakeClient | null = client("@alice:example.org");
        startHost(() => peg);
        expect(localStorage.getItem(keyOf("@alice:example.org"))).not.toBeNull();
        peg = null;
        dispatch("on_logged_out");
        expect(localStorage.getItem(keyOf("@alice:example.org"))).toBeNull();
    });

    it("survives a page load (no client until the session is restored), and goes when another account logs in", () => {
        savePending("@alice:example.org");
        let peg: FakeClient | null = null;
        startHost(() => peg);
        peg = client("@alice:example.org");
        dispatch("client_started");
        expect(localStorage.getItem(keyOf("@alice:example.org"))).not.toBeNull();
        peg = null;
        dispatch("on_logged_out");
        savePending("@alice:example.org"); // e.g. written by a tab that was still open
        peg = client("@bob:example.org");
        dispatch("on_logged_in");
        expect(localStorage.getItem(keyOf("@alice:example.org"))).toBeNull();
    });
});
