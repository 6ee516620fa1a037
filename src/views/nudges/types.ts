/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/* The nudge layer's snapshot: what its view renders. */
import type { FailureKind } from "../../matrix/errors";
import type { Nudge } from "../../nudges/engine";

export type { Nudge };

export interface NudgeSnapshot {
    /**
     * - `hidden`: nothing to say (also before the initial sync and during the grace period).
     * - `nudge`: one reminder, `nudge`.
     * - `request`: another session of the user asks to verify with this one (`requestDeviceId`).
     */
    state: "hidden" | "nudge" | "request";
    nudge: Nudge | null;
    /** The asking session, for `request`, and its name once looked up (null: unnamed or not yet known). */
    requestDeviceId: string | null;
    requestDeviceName: string | null;
    /** How many problems need attention (reminders, snoozed ones included); 0 = none. */
    badge: number;
    /** The security checkup's count from the same facts (null until read, or with no protections kept). */
    checkup: { on: number; total: number } | null;
    /** An action is in flight (its buttons are disabled). */
    busy: boolean;
    /** The last action failed (e.g. "Later" could not be saved); the reminder stays. */
    error: FailureKind | null;
    /** For a bug (`error` "bug"): the short code also in the console log. */
    errorCode?: string | null;
}
