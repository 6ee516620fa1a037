/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/** The checkup's "N of M protections on". */
export interface CheckupCount {
    on: number;
    total: number;
}

/**
 * What the entry point (space panel item or entry button) says about the account: the number on its
 * badge and, when the security checkup is counting, its "N of M protections on". Written by the nudge
 * layer, read by whichever entry point the host shows; one per account (AccountSession). The badge's
 * number is the checkup's protections that are not on (so the label and the badge say the same
 * thing); with the checkup emptied by the deployer it counts the reminders that need attention.
 * Shaped for React's useSyncExternalStore.
 */
export class BadgeState {
    private count = 0;
    private checkup: CheckupCount | null = null;
    private readonly listeners = new Set<() => void>();

    public readonly get = (): number => this.count;

    /** The checkup's count, or null when there is none (not read yet, or emptied by the deployer). */
    public readonly getCheckup = (): CheckupCount | null => this.checkup;

    public readonly subscribe = (listener: () => void): (() => void) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    };

    public readonly set = (value: number): void => {
        if (value === this.count) return;
        this.count = value;
        this.notify();
    };

    /** Sets the checkup's count; the badge then shows the protections that are not on (null: none, 0). */
    public readonly setCheckup = (value: CheckupCount | null): void => {
        const next = value && value.total > 0 ? { on: value.on, total: value.total } : null;
        const nextCount = next ? next.total - next.on : 0;
        if (next?.on === this.checkup?.on && next?.total === this.checkup?.total && nextCount === this.count) return;
        this.checkup = next;
        this.count = nextCount;
        this.notify();
    };

    private notify(): void {
        for (const listener of [...this.listeners]) listener();
    }
}
