/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Warms the panel's code while the browser has nothing better to do, so the first click on the
 * entry point renders from memory instead of waiting for the lazy chunks (about 1.2 s on a loaded
 * machine before this). Only JavaScript from next to index.js is fetched — never anything from the
 * homeserver: the panel's data is read when the user opens it, fresh.
 *
 * When: once per page, after the logged-in client's first sync (before it, Element itself is busy
 * and the user cannot open the panel anyway), in an idle callback, so it never competes with
 * Element's start-up or with what the user is doing.
 */
import type { HostClient } from "../matrix/hostClient";

/** What the prefetch needs from the host: the logged-in client and its changes. */
export interface PrefetchHost {
    getClient(): HostClient | null;
    onClientChange(listener: (client: HostClient | null) => void): () => void;
}

export interface PrefetchOptions {
    /** requestIdleCallback, or a stand-in (tests; browsers without it). */
    whenIdle?: (callback: () => void) => void;
    /** How long the browser may stay busy before the prefetch runs anyway. */
    idleTimeoutMs?: number;
}

/** Matrix-js-sdk's sync states in which the first sync has completed. */
const SYNCED = new Set(["PREPARED", "SYNCING", "CATCHUP"]);

function firstSyncDone(client: HostClient): boolean {
    try {
        return client.isInitialSyncComplete?.() === true || SYNCED.has(String(client.getSyncState?.()));
    } catch {
        return false;
    }
}

function defaultWhenIdle(timeoutMs: number): (callback: () => void) => void {
    return (callback) => {
        if (typeof window !== "undefined" && typeof window.requestIdleCallback === "function") {
            window.requestIdleCallback(() => callback(), { timeout: timeoutMs });
        } else {
            setTimeout(callback, 1_000);
        }
    };
}

/**
 * Runs `load` (the panel's chunks) once, when the browser is idle after the first sync. Returns a
 * function that stops waiting. A failed load is only logged: the click then loads as before.
 */
export function schedulePanelPrefetch(
    host: PrefetchHost,
    load: () => Promise<unknown>,
    options: PrefetchOptions = {},
): () => void {
    const whenIdle = options.whenIdle ?? defaultWhenIdle(options.idleTimeoutMs ?? 10_000);
    let done = false;
    let stopClient: (() => void) | null = null;

    const run = (): void => {
        if (done) return;
        done = true;
        stop();
        whenIdle(() => {
            load().catch((error: unknown) =>
                console.warn("[account-security] could not fetch the panel ahead of time; it loads on open", error),
            );
        });
    };

    const follow = (client: HostClient | null): void => {
        stopClient?.();
        stopClient = null;
        if (!client || done) return;
        if (firstSyncDone(client)) return run();
        const onSync = (state: string): void => {
            if (SYNCED.has(state)) run();
        };
        // "sync" is ClientEvent.Sync; the string keeps matrix-js-sdk out of the bundle.
        client.on("sync" as never, onSync as never);
        stopClient = () => client.off("sync" as never, onSync as never);
    };

    const unsubscribe = host.onClientChange(follow);
    function stop(): void {
        unsubscribe();
        stopClient?.();
        stopClient = null;
    }
    follow(host.getClient());
    return () => {
        done = true;
        stop();
    };
}
