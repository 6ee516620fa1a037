/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * Base of every view-model: an immutable snapshot, a way to subscribe to its changes, and disposal.
 *
 * Follows Element's MVVM split (packages/shared-components/docs/MVVM.md): views read the snapshot
 * with `useSyncExternalStore` and call actions; the view-model owns every subscription it makes
 * (client events, timers) and releases them in `dispose()`. No React here, so the same logic runs
 * in Node against a real Synapse.
 */
export abstract class ViewModel<Snapshot> {
    private listeners = new Set<() => void>();
    private disposers: Array<() => void> = [];
    private disposed = false;

    protected constructor(private snapshot: Snapshot) {}

    /** The current snapshot. The same object until something changes (required by useSyncExternalStore). */
    public readonly getSnapshot = (): Snapshot => this.snapshot;

    /** Calls `listener` after every change of the snapshot; returns the unsubscribe function. */
    public readonly subscribe = (listener: () => void): (() => void) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    };

    /** Whether `dispose()` has been called: async work that finishes late must not touch state. */
    protected get isDisposed(): boolean {
        return this.disposed;
    }

    /** Replaces the snapshot with a merged copy and notifies subscribers. Ignored after disposal. */
    protected setSnapshot(update: Partial<Snapshot>): void {
        if (this.disposed) return;
        this.snapshot = { ...this.snapshot, ...update };
        for (const listener of [...this.listeners]) listener();
    }

    /** Registers cleanup (an event unsubscription, a timer) that `dispose()` runs. */
    protected onDispose(disposer: () => void): void {
        if (this.disposed) disposer();
        else this.disposers.push(disposer);
    }

    /** Releases every subscription. Idempotent. */
    public dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        for (const disposer of this.disposers.splice(0).reverse()) {
            try {
                disposer();
            } catch {
                // A failing cleanup must not keep the others from running.
            }
        }
        this.listeners.clear();
    }
}
