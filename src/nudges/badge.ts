/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * What the entry point (space panel item or entry button) says about the account: the number on its
 * badge and, when the security checkup is counting, its "N of M protections on". Written by the nudge
 * layer, read by whichever entry point the host shows. The badge's number is the checkup's protections
 * that are not on (so the label and the badge say the same thing); with the checkup emptied by the
 * deployer it counts the reminders that need attention, as before. One per page: there is one
 * logged-in client at a time. Shaped for React's useSyncExternalStore.
 */
let count = 0;
let checkup: { on: number; total: number } | null = null;
const listeners = new Set<() => void>();

function notify(): void {
    for (const listener of [...listeners]) listener();
}

export const nudgeBadge = {
    get: (): number => count,
    /** The checkup's count, or null when there is none (not read yet, or emptied by the deployer). */
    getCheckup: (): { on: number; total: number } | null => checkup,
    subscribe: (listener: () => void): (() => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
    },
    set: (value: number): void => {
        if (value === count) return;
        count = value;
        notify();
    },
    /** Sets the checkup's count; the badge then shows the protections that are not on (null: none, 0). */
    setCheckup: (value: { on: number; total: number } | null): void => {
        const next = value && value.total > 0 ? { on: value.on, total: value.total } : null;
        const nextCount = next ? next.total - next.on : 0;
        if (next?.on === checkup?.on && next?.total === checkup?.total && nextCount === count) return;
        checkup = next;
        count = nextCount;
        notify();
    },
};
