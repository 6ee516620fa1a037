/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The nudge engine: given a snapshot of the account's security state, decide which one reminder
 * (if any) to show. Pure and synchronous so every decision is a unit test; the client-facing part
 * (collecting the snapshot, listening for events) lives in `collect.ts`.
 *
 * This file is part of the entry chunk: keep it small, free of UI code and of matrix-js-sdk.
 */

import type { AccountSecurityConfig, NudgeKind } from "../config";
import type { BackupStep, PanelIntent } from "../panelTargets";
import { covers, type NudgeDismissals } from "./dismissals";

/** A session of the user's account that the reminder talks about. */
export interface NamedDevice {
    deviceId: string;
    /** The display name the user gave it (or the client chose); null when it has none. */
    name: string | null;
}

/** Everything the engine needs to know, gathered from the client (see collect.ts). */
export interface NudgeState {
    /** The first sync has finished: before it, account data and devices are incomplete. */
    initialSyncDone: boolean;
    /** When this session (device) was first seen by the module, ms since the epoch. */
    sessionStartedAt: number;
    /** The account has a cross-signing identity (public keys published). */
    identityOnAccount: boolean;
    /** This session is cross-signed by the account's identity, and trusts that identity. */
    thisSessionVerified: boolean;
    /** Recovery (secret storage with a default key) is set up on the account. */
    recoverySetUp: boolean;
    /** This session lacks secrets it should have (cross-signing private keys, backup key). */
    secretsMissingHere: boolean;
    /** The user is in at least one encrypted room: the moment Element starts prompting too. */
    inEncryptedRoom: boolean;
    /** The user's other sessions that their identity has not vouched for. */
    unverifiedDevices: NamedDevice[];
    /** Whether the account has an email address; null while unknown (not fetched or not needed). */
    hasEmail: boolean | null;
    /** Element's "I don't want recovery" (`io.element.recovery` `{enabled: false}`). */
    hostRecoveryDisabled: boolean;
    /** Element's "I turned key storage off" (`m.org.matrix.custom.backup_disabled` `{disabled: true}`). */
    hostBackupDisabled: boolean;
    /** "Later" and "Don't remind me" from our account data. */
    dismissals: NudgeDismissals;
    /**
     * When the user last showed they still have the current recovery key (a successful check, or
     * the set-up in this module), ms since the epoch; for a key with no record, when this session was
     * first seen (so installing the module asks nobody on day one). Absent: no "check your key" reminder.
     */
    recoveryCheckedAt?: number | null;
}

export interface Nudge {
    kind: NudgeKind;
    /** For `unverified_sessions`: which sessions, so the reminder can name them. */
    devices?: NamedDevice[];
    /** Whether "Don't remind me" is offered (optional reminders, when the deployer allows it). */
    canDismissForever: boolean;
}

export interface NudgeDecision {
    /** The one reminder to show now, or null. */
    nudge: Nudge | null;
    /**
     * Problems that need attention, whether or not a reminder is showing (snoozed ones included):
     * the badge on the entry point counts these. Reminders dismissed for good are not counted.
     */
    attention: NudgeKind[];
}

/** Reminders a user may silence for good. Verifying this session is never optional. */
const OPTIONAL: ReadonlySet<NudgeKind> = new Set([
    "set_up_recovery",
    "unverified_sessions",
    "add_email",
    "check_recovery_key",
]);

const DAY_MS = 24 * 60 * 60 * 1000;

/** When "Do you still have your recovery key?" is next due, or null when it never is (in this state). */
function recoveryCheckDueAt(state: NudgeState, config: AccountSecurityConfig): number | null {
    const days = config.recovery.check_reminder_days;
    const usableHere = state.recoverySetUp && state.thisSessionVerified && !state.secretsMissingHere;
    if (days <= 0 || !usableHere || state.recoveryCheckedAt === undefined || state.recoveryCheckedAt === null)
        return null;
    return state.recoveryCheckedAt + days * DAY_MS;
}

export function isOptional(kind: NudgeKind): boolean {
    return OPTIONAL.has(kind);
}

/** Which problems exist right now, in priority order, each with what the reminder would say. */
function problems(state: NudgeState, config: AccountSecurityConfig, now: number): Nudge[] {
    const found: Omit<Nudge, "canDismissForever">[] = [];
    // Only a session the identity vouches for can judge, fix or vouch for anything else.
    const trusted = state.thisSessionVerified;

    if (state.identityOnAccount && !trusted) found.push({ kind: "verify_this_session" });

    // Recovery is pointless before there is anything encrypted to lose; Element waits for the same moment.
    // Turning key storage off in Element implies no recovery either, so both of its dismissals count.
    if (
        !state.recoverySetUp &&
        (trusted || !state.identityOnAccount) &&
        state.inEncryptedRoom &&
        !state.hostRecoveryDisabled &&
        !state.hostBackupDisabled
    ) {
        found.push({ kind: "set_up_recovery" });
    }

    if (state.recoverySetUp && trusted && state.secretsMissingHere && !state.hostBackupDisabled) {
        found.push({ kind: "backup_out_of_sync" });
    }

    if (trusted && state.unverifiedDevices.length > 0) {
        found.push({ kind: "unverified_sessions", devices: state.unverifiedDevices });
    }

    if (config.email.require_email && state.hasEmail === false) found.push({ kind: "add_email" });

    // Lowest priority: a periodic check, only where the key is set up and usable here.
    const checkDue = recoveryCheckDueAt(state, config);
    if (checkDue !== null && now >= checkDue) found.push({ kind: "check_recovery_key" });

    return found.map((nudge) => ({
        ...nudge,
        canDismissForever: isOptional(nudge.kind) && config.nudges.allow_dismiss_forever,
    }));
}

function deviceIds(nudge: Nudge): string[] | undefined {
    return nudge.devices?.map((d) => d.deviceId);
}

/**
 * The panel section that fixes each problem, in order of preference; a reminder whose sections the
 * deployer switched off would lead nowhere, so it is not shown. (Verifying this session also works
 * with the recovery key in Secure Backup.)
 */
const FIXED_IN: Record<NudgeKind, ReadonlyArray<keyof AccountSecurityConfig["sections"]>> = {
    verify_this_session: ["sessions", "backup"],
    set_up_recovery: ["backup"],
    backup_out_of_sync: ["backup"],
    unverified_sessions: ["sessions"],
    add_email: ["email"],
    // The check sits above the sections, with the other recovery tools: shown with Secure Backup.
    check_recovery_key: ["backup"],
};

/** Where the reminder's main button leads, or null when no section that fixes it is shown. */
export function sectionFor(
    kind: NudgeKind,
    config: AccountSecurityConfig,
): keyof AccountSecurityConfig["sections"] | null {
    return FIXED_IN[kind].find((section) => config.sections[section]) ?? null;
}

/**
 * The Secure Backup step that fixes each problem there: the reminder's button opens that step, not
 * just the status. (In Sessions, "verify this session" is already the card with its three ways.)
 */
const BACKUP_STEP: Partial<Record<NudgeKind, BackupStep>> = {
    verify_this_session: "enter_key",
    set_up_recovery: "set_up",
    backup_out_of_sync: "enter_key",
};

/** Where the reminder's main button leads: the section and, in Secure Backup, the step; null when nowhere. */
export function intentFor(kind: NudgeKind, config: AccountSecurityConfig): PanelIntent | null {
    const section = sectionFor(kind, config);
    if (kind === "check_recovery_key" && section === "backup") return { section, tool: "check_key" };
    if (section === "backup") return { section, step: BACKUP_STEP[kind] };
    return section ? { section } : null;
}

/** Decides what to show at time `now` (ms since the epoch). */
export function decide(state: NudgeState, config: AccountSecurityConfig, now: number): NudgeDecision {
    if (!state.initialSyncDone) return { nudge: null, attention: [] };

    const enabled = (kind: NudgeKind): boolean =>
        config.nudges.enabled.includes(kind) && sectionFor(kind, config) !== null;
    const silenced = (nudge: Nudge): boolean =>
        isOptional(nudge.kind) && covers(state.dismissals.dismissed[nudge.kind], deviceIds(nudge));

    const relevant = problems(state, config, now).filter((nudge) => enabled(nudge.kind) && !silenced(nudge));
    const attention = relevant.map((nudge) => nudge.kind);

    const graceOver = now - state.sessionStartedAt >= config.nudges.grace_period_minutes * 60 * 1000;
    if (!graceOver) return { nudge: null, attention };

    // The glue resolves "per_host_version" to the host's list (config.deferredToHost); unresolved, the
    // engine knows of no host reminder and defers nothing.
    const deferred = Array.isArray(config.nudges.defer_to_host) ? config.nudges.defer_to_host : [];
    const nudge =
        relevant.find((candidate) => {
            if (deferred.includes(candidate.kind)) return false;
            const snoozed = state.dismissals.snoozed[candidate.kind];
            return !(snoozed && snoozed.at > now && covers(snoozed, deviceIds(candidate)));
        }) ?? null;
    return { nudge, attention };
}

/**
 * When the decision can next change by the clock alone (a snooze running out, the grace period
 * ending), so the caller can set one timer instead of polling. Null when nothing is pending.
 */
export function nextWakeUp(state: NudgeState, config: AccountSecurityConfig, now: number): number | null {
    const times: number[] = [];
    const graceEnds = state.sessionStartedAt + config.nudges.grace_period_minutes * 60 * 1000;
    if (graceEnds > now) times.push(graceEnds);
    const checkDue = recoveryCheckDueAt(state, config);
    if (checkDue !== null && checkDue > now) times.push(checkDue);
    for (const entry of Object.values(state.dismissals.snoozed)) {
        if (entry && entry.at > now) times.push(entry.at);
    }
    return times.length ? Math.min(...times) : null;
}
