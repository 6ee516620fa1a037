/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Issue 16: the panel's code is fetched ahead of the first click, but only once Element is past its
// first sync and the browser is idle — never during Element's start-up, never twice.
import { EventEmitter } from "node:events";

import type { MatrixClient } from "matrix-js-sdk/lib/client";

import { schedulePanelPrefetch, type PrefetchHost } from "../../../src/host/prefetch";

class FakeClient extends EventEmitter {
    public state: string | null = null;
    public getSyncState(): string | null {
        return this.state;
    }
    public isInitialSyncComplete(): boolean {
        return this.state === "PREPARED" || this.state === "SYNCING";
    }
    public sync(state: string): void {
        this.state = state;
        this.emit("sync", state);
    }
}

function fakeHost(initial: FakeClient | null): PrefetchHost & { switchTo(client: FakeClient | null): void } {
    let client = initial;
    const listeners = new Set<(client: MatrixClient | null) => void>();
    return {
        getClient: () => client as unknown as MatrixClient | null,
        onClientChange: (listener) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
        switchTo(next) {
            client = next;
            listeners.forEach((listener) => listener(next as unknown as MatrixClient | null));
        },
    };
}

describe("prefetching the panel", () => {
    it("waits for the first sync, then for idle time, and fetches once", async () => {
        const client = new FakeClient();
        const host = fakeHost(client);
        const idle: Array<() => void> = [];
        const load = jest.fn(() => Promise.resolve());
        schedulePanelPrefetch(host, load, { whenIdle: (callback) => idle.push(callback) });

        client.sync("RECONNECTING");
        expect(idle).toHaveLength(0);
        client.sync("PREPARED");
        expect(idle).toHaveLength(1);
        expect(load).not.toHaveBeenCalled(); // not before the browser is idle
        idle[0]!();
        expect(load).toHaveBeenCalledTimes(1);

        client.sync("SYNCING");
        host.switchTo(new FakeClient());
        expect(idle).toHaveLength(1);
        expect(client.listenerCount("sync")).toBe(0);
    });

    it("starts at once when the client has synced already, and waits for a login when there is none", () => {
        const idle: Array<() => void> = [];
        const synced = new FakeClient();
        synced.state = "SYNCING";
        schedulePanelPrefetch(fakeHost(synced), () => Promise.resolve(), { whenIdle: (cb) => idle.push(cb) });
        expect(idle).toHaveLength(1);

        const loggedOut = fakeHost(null);
        const later: Array<() => void> = [];
        schedulePanelPrefetch(loggedOut, () => Promise.resolve(), { whenIdle: (cb) => later.push(cb) });
        expect(later).toHaveLength(0);
        const client = new FakeClient();
        loggedOut.switchTo(client);
        client.sync("PREPARED");
        expect(later).toHaveLength(1);
    });

    it("a failed fetch only logs a warning (the click then loads the panel as before)", async () => {
        const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
        const client = new FakeClient();
        client.state = "PREPARED";
        schedulePanelPrefetch(fakeHost(client), () => Promise.reject(new Error("offline")), {
            whenIdle: (callback) => callback(),
        });
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(warn).toHaveBeenCalledWith(
            expect.stringContaining("could not fetch the panel ahead of time"),
            expect.any(Error),
        );
    });

    it("can be called off before it ran", () => {
        const client = new FakeClient();
        const idle: Array<() => void> = [];
        const stop = schedulePanelPrefetch(fakeHost(client), () => Promise.resolve(), {
            whenIdle: (callback) => idle.push(callback),
        });
        stop();
        client.sync("PREPARED");
        expect(idle).toHaveLength(0);
        expect(client.listenerCount("sync")).toBe(0);
    });
});
