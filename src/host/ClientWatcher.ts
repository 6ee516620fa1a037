/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../matrix/hostClient";

import { getElementClient, onElementClientActions } from "./elementGlobals";

/** How often, and how long, to look again when the host says someone is logged in but the peg is still empty. */
const RETRY_MS = 200;
const RETRY_LIMIT = 50;

/**
 * Tracks the host's logged-in client across login, logout and account switch.
 *
 * Element assigns its client peg and then tells the world (dispatcher actions; the module API's
 * profile watchable from 1.4). Hosts differ in which of these signals they send and in what order,
 * so every signal just means "look again". When a signal says a user is logged in but the peg is not
 * assigned yet, it looks again a few times (bounded: at most RETRY_LIMIT × RETRY_MS), because the peg
 * itself has no event.
 */
export class ClientWatcher {
    private client: HostClient | null = null;
    private listeners = new Set<(client: HostClient | null) => void>();
    private stopDispatcher: (() => void) | null = null;
    private retryTimer: ReturnType<typeof setTimeout> | null = null;
    private retries = 0;

    public constructor(private readonly readClient: () => HostClient | null = getElementClient) {}

    /** Starts listening to the host's signals. Makes no request. */
    public start(): void {
        if (this.stopDispatcher) return;
        this.client = this.readClient();
        this.stopDispatcher = onElementClientActions(() => this.check());
    }

    public get current(): HostClient | null {
        return this.client;
    }

    public subscribe(listener: (client: HostClient | null) => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    /**
     * Looks at the peg again. `expectedUserId` is the user the host says is logged in (null: logged
     * out, undefined: unknown); while the peg disagrees, looks again shortly.
     */
    public check(expectedUserId?: string | null): void {
        const next = this.readClient();
        if (next !== this.client) {
            this.client = next;
            for (const listener of [...this.listeners]) {
                try {
                    listener(next);
                } catch (error) {
                    console.error("[account-security] client listener failed", error);
                }
            }
        }
        const settled = expectedUserId === undefined || (next?.getUserId?.() ?? null) === expectedUserId;
        if (this.retryTimer) clearTimeout(this.retryTimer);
        this.retryTimer = null;
        if (settled) {
            this.retries = 0;
        } else if (this.retries++ < RETRY_LIMIT) {
            this.retryTimer = setTimeout(() => this.check(expectedUserId), RETRY_MS);
        }
    }

    public stop(): void {
        this.stopDispatcher?.();
        this.stopDispatcher = null;
        if (this.retryTimer) clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.listeners.clear();
    }
}
