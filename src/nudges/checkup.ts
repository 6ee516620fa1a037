/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The security checkup: "3 of 4 protections on", one line per protection with its state and the one
 * place that fixes it. Pure, so the panel's checkup and the space-panel item's label and badge compute
 * the same count from the same facts. Part of the entry chunk (the badge needs it): keep it small.
 */

import type { AccountSecurityConfig, ProtectionId } from "../config";
import type { PanelIntent } from "../panelTargets";

/** What the checkup is computed from (a subset of the nudge engine's state, plus the email policy). */
export interface CheckupFacts {
    identityOnAccount: boolean;
    thisSessionVerified: boolean;
    recoverySetUp: boolean;
    secretsMissingHere: boolean;
    unverifiedDevices: ReadonlyArray<unknown>;
    /** Null while unknown. */
    hasEmail: boolean | null;
    /** Whether the homeserver lets users change their email addresses; null while unknown. */
    emailChangesAllowed: boolean | null;
}

/**
 * - `on` / `off`: the protection is in place or not.
 * - `unknown`: cannot be told from here yet (other sessions, while this one is unverified). Counts as
 *   not on: nobody can vouch for the other sessions until this one is verified.
 */
export type ProtectionState = "on" | "off" | "unknown";

/**
 * Why a protection is not on, for the line's words: `not_set_up` / `missing_here` (recovery),
 * `no_identity` (this session: nothing can vouch for it before recovery creates an identity).
 */
export type ProtectionReason = "not_set_up" | "missing_here" | "no_identity" | null;

export interface Protection {
    id: ProtectionId;
    state: ProtectionState;
    reason: ProtectionReason;
    /** Where the one action that fixes it leads; null when on, or when no section that fixes it is shown. */
    fix: PanelIntent | null;
    /** For `other_sessions`: how many of the user's sessions are unverified. */
    count?: number;
}

export interface Checkup {
    protections: Protection[];
    on: number;
    total: number;
}

function backupFix(config: AccountSecurityConfig, step: "set_up" | "enter_key"): PanelIntent | null {
    return config.sections.backup ? { section: "backup", step } : null;
}

function one(id: ProtectionId, facts: CheckupFacts, config: AccountSecurityConfig): Protection | null {
    const verified = facts.thisSessionVerified;
    switch (id) {
        case "recovery": {
            // Set up on the account AND usable here: this session holds every secret it protects.
            if (!facts.recoverySetUp)
                return { id, state: "off", reason: "not_set_up", fix: backupFix(config, "set_up") };
            if (!verified || facts.secretsMissingHere)
                return { id, state: "off", reason: "missing_here", fix: backupFix(config, "enter_key") };
            return { id, state: "on", reason: null, fix: null };
        }
        case "this_session": {
            if (verified) return { id, state: "on", reason: null, fix: null };
            if (!facts.identityOnAccount)
                return { id, state: "off", reason: "no_identity", fix: backupFix(config, "set_up") };
            const fix: PanelIntent | null = config.sections.sessions
                ? { section: "sessions" }
                : backupFix(config, "enter_key");
            return { id, state: "off", reason: null, fix };
        }
        case "other_sessions": {
            const fix: PanelIntent | null = config.sections.sessions ? { section: "sessions" } : null;
            if (!verified) return { id, state: "unknown", reason: null, fix: null };
            const count = facts.unverifiedDevices.length;
            return count === 0
                ? { id, state: "on", reason: null, fix: null, count }
                : { id, state: "off", reason: null, fix, count };
        }
        case "email": {
            // Only where the user can do something about it here.
            if (!config.sections.email || facts.emailChangesAllowed === false) return null;
            if (facts.hasEmail === null || facts.emailChangesAllowed === null) return null;
            return facts.hasEmail
                ? { id, state: "on", reason: null, fix: null }
                : { id, state: "off", reason: null, fix: { section: "email" } };
        }
    }
}

/** The checkup for `facts`, with the protections the deployer kept (config `checkup.protections`). */
export function computeCheckup(facts: CheckupFacts, config: AccountSecurityConfig): Checkup {
    const protections = config.checkup.protections
        .map((id) => one(id, facts, config))
        .filter((p): p is Protection => p !== null);
    const on = protections.filter((p) => p.state === "on").length;
    return { protections, on, total: protections.length };
}
