/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The ONLY place that touches Element's unstable globals. The module API gives no MatrixClient, so we
 * read Element's own client from `window.mxMatrixClientPeg` (set in Element's MatrixClientPeg.ts), as
 * Element's own modules do, and use `window.mxDispatcher` to hear about login/logout and to open
 * Element's Encryption settings tab. Both are unstable: every access is feature-detected and guarded,
 * so a host without them degrades to "no client" instead of breaking.
 */
import type { HostClient } from "../matrix/hostClient";

interface ClientPeg {
    get(): HostClient | null;
}

interface DispatcherPayload {
    action: string;
    [key: string]: unknown;
}

interface Dispatcher {
    dispatch(payload: DispatcherPayload, sync?: boolean): void;
    register(callback: (payload: DispatcherPayload) => void): string;
    unregister(id: string): void;
}

interface ElementWindow {
    mxMatrixClientPeg?: Partial<ClientPeg>;
    mxDispatcher?: Partial<Dispatcher>;
}

function elementWindow(): ElementWindow {
    return (typeof window === "undefined" ? {} : window) as unknown as ElementWindow;
}

/** Element's logged-in client, or null before login, after logout, or on a host without the global. */
export function getElementClient(): HostClient | null {
    try {
        return elementWindow().mxMatrixClientPeg?.get?.() ?? null;
    } catch {
        // Element's peg throws from safeGet() only, but a future version might throw from get() too.
        return null;
    }
}

/**
 * Dispatcher actions after which the peg may hold a different client (Element dispatches these from
 * MatrixChat/Lifecycle after assigning or clearing the peg).
 */
const CLIENT_ACTIONS = new Set(["on_logged_in", "on_logged_out", "client_started", "on_client_not_viable"]);

/**
 * Calls `listener` after each Element action that may change the logged-in client. Returns the
 * unsubscribe function; a no-op when the host has no dispatcher.
 */
export function onElementClientActions(listener: () => void): () => void {
    const dispatcher = elementWindow().mxDispatcher;
    if (typeof dispatcher?.register !== "function") return () => {};
    try {
        const id = dispatcher.register((payload) => {
            if (CLIENT_ACTIONS.has(payload?.action)) listener();
        });
        return () => {
            try {
                dispatcher.unregister?.(id);
            } catch {
                // Already gone with the dispatcher.
            }
        };
    } catch {
        return () => {};
    }
}

/** Opens Element's own Settings → Encryption tab. Returns false when this host cannot. */
export function openElementEncryptionSettings(): boolean {
    const dispatcher = elementWindow().mxDispatcher;
    if (typeof dispatcher?.dispatch !== "function") return false;
    try {
        dispatcher.dispatch({ action: "view_user_settings", initialTabId: "USER_ENCRYPTION_TAB" });
        return true;
    } catch {
        return false;
    }
}
