/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { DEFAULT_CONFIG, parseConfig, type AccountSecurityConfig } from "../../../src/config";
import { computeCheckup, type CheckupFacts } from "../../../src/nudges/checkup";
import { NO_DISMISSALS } from "../../../src/nudges/dismissals";
import { decide, intentFor, nextWakeUp, type NudgeState } from "../../../src/nudges/engine";

const NOW = Date.UTC(2026, 10, 26, 12);
const DAY = 24 * 60 * 60 * 1000;

const allOn: CheckupFacts = {
    identityOnAccount: true,
    thisSessionVerified: true,
    recoverySetUp: true,
    secretsMissingHere: false,
    unverifiedDevices: [],
    hasEmail: true,
    emailChangesAllowed: true,
};

const summary = (facts: Partial<CheckupFacts>, config: AccountSecurityConfig = DEFAULT_CONFIG): string => {
    const c = computeCheckup({ ...allOn, ...facts }, config);
    return `${c.on}/${c.total} ${c.protections.map((p) => `${p.id}:${p.state}`).join(" ")}`;
};

describe("the security checkup's count", () => {
    it("counts the four protections, each off with its one fix", () => {
        expect(summary({})).toBe("4/4 recovery:on this_session:on other_sessions:on email:on");
        const c = computeCheckup(
            { ...allOn, recoverySetUp: false, unverifiedDevices: [{}, {}], hasEmail: false },
            DEFAULT_CONFIG,
        );
        expect(c.on).toBe(1);
        expect(c.protections.map((p) => p.fix)).toEqual([
            { section: "backup", step: "set_up" },
            null,
            { section: "sessions" },
            { section: "email" },
        ]);
        expect(c.protections[2]!.count).toBe(2);
    });

    it("recovery counts only when usable here; other sessions are unknown until this one is verified", () => {
        expect(summary({ secretsMissingHere: true })).toMatch(/^3\/4 recovery:off/);
        expect(summary({ thisSessionVerified: false })).toBe(
            "1/4 recovery:off this_session:off other_sessions:unknown email:on",
        );
    });

    it("email counts only where the homeserver allows changes and once it is known", () => {
        expect(summary({ emailChangesAllowed: false })).toBe("3/3 recovery:on this_session:on other_sessions:on");
        expect(summary({ hasEmail: null })).toBe("3/3 recovery:on this_session:on other_sessions:on");
        const noEmailSection = { ...DEFAULT_CONFIG, sections: { ...DEFAULT_CONFIG.sections, email: false } };
        expect(summary({}, noEmailSection)).toBe("3/3 recovery:on this_session:on other_sessions:on");
    });

    it("a deployer drops protections in config; bad values are reported and fall back", () => {
        const reports: string[] = [];
        const config = parseConfig(
            { checkup: { protections: ["recovery", "email"] }, recovery: { check_reminder_days: 30 } },
            (m) => reports.push(m),
        );
        expect(reports).toEqual([]);
        expect(summary({ hasEmail: false }, config)).toBe("1/2 recovery:on email:off");
        expect(config.recovery.check_reminder_days).toBe(30);

        const bad = parseConfig(
            { checkup: { protections: ["recovery", "vpn"] }, recovery: { check_reminder_days: 1e308 } },
            (m) => reports.push(m),
        );
        expect(bad.checkup.protections).toEqual(DEFAULT_CONFIG.checkup.protections);
        expect(bad.recovery.check_reminder_days).toBe(90);
        expect(reports).toHaveLength(2);
        expect(reports.join("\n")).toContain(".checkup.protections");
        expect(reports.join("\n")).toContain(".recovery.check_reminder_days");
    });
});

function state(overrides: Partial<NudgeState> = {}): NudgeState {
    return {
        initialSyncDone: true,
        sessionStartedAt: NOW - 200 * DAY,
        identityOnAccount: true,
        thisSessionVerified: true,
        recoverySetUp: true,
        secretsMissingHere: false,
        inEncryptedRoom: true,
        unverifiedDevices: [],
        hasEmail: true,
        hostRecoveryDisabled: false,
        hostBackupDisabled: false,
        dismissals: NO_DISMISSALS,
        recoveryCheckedAt: NOW - 10 * DAY,
        ...overrides,
    };
}

describe("the 'Do you still have your recovery key?' reminder", () => {
    it("comes check_reminder_days after the last check, at the lowest priority, and opens the check", () => {
        expect(decide(state(), DEFAULT_CONFIG, NOW).nudge).toBeNull();
        // Wakes up by itself when due (no polling).
        expect(nextWakeUp(state(), DEFAULT_CONFIG, NOW)).toBe(NOW + 80 * DAY);
        const due = state({ recoveryCheckedAt: NOW - 90 * DAY });
        expect(decide(due, DEFAULT_CONFIG, NOW).nudge).toMatchObject({
            kind: "check_recovery_key",
            canDismissForever: true,
        });
        expect(intentFor("check_recovery_key", DEFAULT_CONFIG)).toEqual({ section: "backup", tool: "check_key" });
        // Anything else first.
        expect(
            decide({ ...due, unverifiedDevices: [{ deviceId: "X", name: null }] }, DEFAULT_CONFIG, NOW).nudge?.kind,
        ).toBe("unverified_sessions");
    });

    it("never with 0 days, without recovery usable here, or without a date", () => {
        const due = state({ recoveryCheckedAt: NOW - 400 * DAY });
        const never = { ...DEFAULT_CONFIG, recovery: { ...DEFAULT_CONFIG.recovery, check_reminder_days: 0 } };
        expect(decide(due, never, NOW).nudge).toBeNull();
        expect(decide({ ...due, secretsMissingHere: true }, DEFAULT_CONFIG, NOW).nudge?.kind).toBe(
            "backup_out_of_sync",
        );
        expect(decide({ ...due, recoveryCheckedAt: null }, DEFAULT_CONFIG, NOW).nudge).toBeNull();
    });
});
