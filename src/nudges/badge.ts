/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * How many account-security problems need attention, for the badge on the entry point (space panel
 * item or entry button). Written by the nudge layer, read by whichever entry point the host shows.
 * One per page: there is one logged-in client at a time. Shaped for React's useSyncExternalStore.
 */
let count = 0;
const listeners = new Set<() => void>();

export const nudgeBadge = {
    get: (): number => count,
    subscribe: (listener: () => void): (() => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
    },
    set: (value: number): void => {
        if (value === count) return;
        count = value;
        for (const listener of [...listeners]) listener();
    },
};
