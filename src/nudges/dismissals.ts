/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * What the user said about reminders ("Later", "Don't remind me"), stored in the user's account data
 * so that every session of the account agrees: snoozing on the laptop also quiets the phone.
 * Pure: parsing and updating the event content; the matrix layer reads and writes it.
 */

import { NUDGE_KINDS, type NudgeKind } from "../config";

/** Our own account-data event type (reverse DNS of the project, never a host's type). */
export const NUDGE_ACCOUNT_DATA_TYPE = "io.github.element_account_security.nudges";

/** One "Later" or "Don't remind me". `devices` scopes it to the sessions the reminder named. */
export interface DismissalEntry {
    /** Milliseconds since the epoch: until when ("Later") or when ("Don't remind me"). */
    at: number;
    /** For reminders about other sessions: the device IDs the user saw when dismissing. */
    devices?: string[];
}

export interface NudgeDismissals {
    /** "Later": hidden until `at`. */
    snoozed: Partial<Record<NudgeKind, DismissalEntry>>;
    /** "Don't remind me": hidden for good (only ever set for optional reminders). */
    dismissed: Partial<Record<NudgeKind, DismissalEntry>>;
}

export const NO_DISMISSALS: NudgeDismissals = { snoozed: {}, dismissed: {} };

function parseEntries(raw: unknown): Partial<Record<NudgeKind, DismissalEntry>> {
    const result: Partial<Record<NudgeKind, DismissalEntry>> = {};
    if (typeof raw !== "object" || raw === null) return result;
    for (const kind of NUDGE_KINDS) {
        const entry = (raw as Record<string, unknown>)[kind];
        if (typeof entry !== "object" || entry === null) continue;
        const { at, devices } = entry as { at?: unknown; devices?: unknown };
        if (typeof at !== "number" || !Number.isFinite(at)) continue;
        const clean: DismissalEntry = { at };
        if (Array.isArray(devices)) clean.devices = devices.filter((d): d is string => typeof d === "string");
        result[kind] = clean;
    }
    return result;
}

/** Reads the account-data content written by any version of this module (or by hand). Never throws. */
export function parseDismissals(content: unknown): NudgeDismissals {
    if (typeof content !== "object" || content === null) return NO_DISMISSALS;
    const { snoozed, dismissed } = content as { snoozed?: unknown; dismissed?: unknown };
    return { snoozed: parseEntries(snoozed), dismissed: parseEntries(dismissed) };
}

/** Content after "Later" on `kind`: hidden for `days` from `now`. */
export function snooze(
    current: NudgeDismissals,
    kind: NudgeKind,
    days: number,
    now: number,
    devices?: string[],
): NudgeDismissals {
    const entry: DismissalEntry = { at: now + days * 24 * 60 * 60 * 1000 };
    if (devices) entry.devices = [...devices];
    return { ...current, snoozed: { ...current.snoozed, [kind]: entry } };
}

/** Content after "Don't remind me" on `kind`. */
export function dismissForever(
    current: NudgeDismissals,
    kind: NudgeKind,
    now: number,
    devices?: string[],
): NudgeDismissals {
    const entry: DismissalEntry = { at: now };
    if (devices) entry.devices = [...devices];
    return { ...current, dismissed: { ...current.dismissed, [kind]: entry } };
}

/**
 * Whether an entry still covers what the reminder would say now. An entry scoped to devices covers
 * only those devices: a session that appears later is news, so the reminder comes back for it.
 */
export function covers(entry: DismissalEntry | undefined, devices?: readonly string[]): boolean {
    if (!entry) return false;
    if (!entry.devices || !devices) return true;
    return devices.every((id) => entry.devices!.includes(id));
}
