/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { DEFAULT_CONFIG, type AccountSecurityConfig } from "../../../src/config";
import { NO_DISMISSALS, dismissForever, parseDismissals, snooze } from "../../../src/nudges/dismissals";
import { decide, nextWakeUp, sectionFor, type NudgeState } from "../../../src/nudges/engine";

const NOW = Date.UTC(2026, 10, 26, 12);
const DAY = 24 * 60 * 60 * 1000;

/** A healthy account: nothing to say. Each test breaks one thing. */
function healthy(overrides: Partial<NudgeState> = {}): NudgeState {
    return {
        initialSyncDone: true,
        sessionStartedAt: NOW - DAY,
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
        ...overrides,
    };
}

function config(nudges: Partial<AccountSecurityConfig["nudges"]> = {}, requireEmail = false): AccountSecurityConfig {
    return {
        ...DEFAULT_CONFIG,
        email: { ...DEFAULT_CONFIG.email, require_email: requireEmail },
        nudges: { ...DEFAULT_CONFIG.nudges, ...nudges },
    };
}

const kindOf = (state: NudgeState, cfg = config(), now = NOW): string | null =>
    decide(state, cfg, now).nudge?.kind ?? null;

describe("nudge engine", () => {
    it("says nothing for a healthy account", () => {
        expect(decide(healthy(), config({}, true), NOW)).toEqual({ nudge: null, attention: [] });
    });

    it("says nothing before the initial sync, whatever the state", () => {
        const state = healthy({ initialSyncDone: false, thisSessionVerified: false });
        expect(decide(state, config(), NOW)).toEqual({ nudge: null, attention: [] });
    });

    it("asks an unverified session to verify itself first, and nothing else meanwhile", () => {
        const state = healthy({
            thisSessionVerified: false,
            recoverySetUp: false,
            unverifiedDevices: [{ deviceId: "PHONE", name: "Phone" }],
        });
        const decision = decide(state, config(), NOW);
        expect(decision.nudge).toEqual({ kind: "verify_this_session", canDismissForever: false });
        // An unverified session cannot judge other sessions or set up recovery for the identity.
        expect(decision.attention).toEqual(["verify_this_session"]);
    });

    it("offers recovery only once the user is in an encrypted room", () => {
        expect(
            kindOf(
                healthy({
                    identityOnAccount: false,
                    thisSessionVerified: false,
                    recoverySetUp: false,
                    inEncryptedRoom: false,
                }),
            ),
        ).toBeNull();
        expect(kindOf(healthy({ identityOnAccount: false, thisSessionVerified: false, recoverySetUp: false }))).toBe(
            "set_up_recovery",
        );
        expect(kindOf(healthy({ recoverySetUp: false }))).toBe("set_up_recovery");
    });

    it("honours what the user turned off in Element", () => {
        expect(kindOf(healthy({ recoverySetUp: false, hostRecoveryDisabled: true }))).toBeNull();
        expect(kindOf(healthy({ recoverySetUp: false, hostBackupDisabled: true }))).toBeNull();
        expect(kindOf(healthy({ secretsMissingHere: true, hostBackupDisabled: true }))).toBeNull();
        expect(kindOf(healthy({ secretsMissingHere: true }))).toBe("backup_out_of_sync");
    });

    it("names the unverified sessions and follows the priority order", () => {
        const devices = [{ deviceId: "PHONE", name: "Phone" }];
        const state = healthy({ unverifiedDevices: devices, hasEmail: false, secretsMissingHere: true });
        expect(decide(state, config({}, true), NOW)).toEqual({
            nudge: { kind: "backup_out_of_sync", canDismissForever: false },
            attention: ["backup_out_of_sync", "unverified_sessions", "add_email"],
        });
        expect(decide({ ...state, secretsMissingHere: false }, config({}, true), NOW).nudge).toEqual({
            kind: "unverified_sessions",
            devices,
            canDismissForever: true,
        });
    });

    it("asks for an email only when the deployer requires one and the account has none", () => {
        expect(kindOf(healthy({ hasEmail: false }))).toBeNull();
        expect(kindOf(healthy({ hasEmail: false }), config({}, true))).toBe("add_email");
        expect(kindOf(healthy({ hasEmail: null }), config({}, true))).toBeNull();
    });

    it("shows only the kinds the deployer enabled, and stays quiet on those deferred to the host", () => {
        const state = healthy({ recoverySetUp: false, unverifiedDevices: [{ deviceId: "A", name: null }] });
        expect(kindOf(state, config({ enabled: ["unverified_sessions"] }))).toBe("unverified_sessions");
        const deferred = decide(state, config({ defer_to_host: ["set_up_recovery"] }), NOW);
        expect(deferred.nudge?.kind).toBe("unverified_sessions");
        // The badge still counts it: our panel can fix it even though Element reminds the user.
        expect(deferred.attention).toContain("set_up_recovery");
    });

    it("waits for the grace period after login", () => {
        const state = healthy({ recoverySetUp: false, sessionStartedAt: NOW - 10 * 60 * 1000 });
        expect(kindOf(state, config({ grace_period_minutes: 30 }))).toBeNull();
        expect(kindOf(state, config({ grace_period_minutes: 5 }))).toBe("set_up_recovery");
        expect(nextWakeUp(state, config({ grace_period_minutes: 30 }), NOW)).toBe(NOW + 20 * 60 * 1000);
    });

    it("'Later' hides a reminder until the snooze ends, then it returns", () => {
        const state = healthy({ recoverySetUp: false, dismissals: snooze(NO_DISMISSALS, "set_up_recovery", 7, NOW) });
        expect(kindOf(state)).toBeNull();
        expect(decide(state, config(), NOW).attention).toEqual(["set_up_recovery"]);
        expect(kindOf(state, config(), NOW + 6 * DAY)).toBeNull();
        expect(kindOf(state, config(), NOW + 7 * DAY + 1)).toBe("set_up_recovery");
        expect(nextWakeUp(state, config(), NOW)).toBe(NOW + 7 * DAY);
    });

    it("a snoozed reminder lets the next one through", () => {
        const state = healthy({
            secretsMissingHere: true,
            unverifiedDevices: [{ deviceId: "A", name: "Laptop" }],
            dismissals: snooze(NO_DISMISSALS, "backup_out_of_sync", 1, NOW),
        });
        expect(kindOf(state)).toBe("unverified_sessions");
    });

    it("'Don't remind me' silences optional reminders for good, and drops them from the badge", () => {
        const state = healthy({
            recoverySetUp: false,
            dismissals: dismissForever(NO_DISMISSALS, "set_up_recovery", NOW),
        });
        expect(decide(state, config(), NOW + 1000 * DAY)).toEqual({ nudge: null, attention: [] });
        // Verifying this session is never optional: a stray entry does not silence it.
        const unverified = healthy({
            thisSessionVerified: false,
            dismissals: dismissForever(NO_DISMISSALS, "verify_this_session", NOW),
        });
        expect(kindOf(unverified)).toBe("verify_this_session");
    });

    it("offers 'Don't remind me' only for optional reminders and only where the deployer allows it", () => {
        const state = healthy({ recoverySetUp: false });
        expect(decide(state, config(), NOW).nudge?.canDismissForever).toBe(true);
        expect(decide(state, config({ allow_dismiss_forever: false }), NOW).nudge?.canDismissForever).toBe(false);
    });

    it("a dismissal about named sessions does not cover a session that appears later", () => {
        const laptop = { deviceId: "LAPTOP", name: "Laptop" };
        const phone = { deviceId: "PHONE", name: "Phone" };
        const dismissals = snooze(NO_DISMISSALS, "unverified_sessions", 7, NOW, ["LAPTOP"]);
        expect(kindOf(healthy({ unverifiedDevices: [laptop], dismissals }))).toBeNull();
        const decision = decide(healthy({ unverifiedDevices: [laptop, phone], dismissals }), config(), NOW);
        expect(decision.nudge?.devices).toEqual([laptop, phone]);
    });
});

describe("where a reminder leads", () => {
    it("opens the section that fixes it, and is not shown when the deployer switched that section off", () => {
        const sections = (overrides: Partial<AccountSecurityConfig["sections"]>): AccountSecurityConfig => ({
            ...config(),
            sections: { ...DEFAULT_CONFIG.sections, ...overrides },
        });
        expect(sectionFor("verify_this_session", config())).toBe("sessions");
        expect(sectionFor("unverified_sessions", config())).toBe("sessions");
        expect(sectionFor("set_up_recovery", config())).toBe("backup");
        expect(sectionFor("add_email", config())).toBe("email");
        // Without the Sessions section, the recovery key in Secure Backup still verifies this session.
        expect(sectionFor("verify_this_session", sections({ sessions: false }))).toBe("backup");
        expect(kindOf(healthy({ thisSessionVerified: false }), sections({ sessions: false }))).toBe(
            "verify_this_session",
        );
        const devices = [{ deviceId: "A", name: "Laptop" }];
        expect(decide(healthy({ unverifiedDevices: devices }), sections({ sessions: false }), NOW)).toEqual({
            nudge: null,
            attention: [],
        });
        expect(
            kindOf(healthy({ hasEmail: false }), {
                ...sections({ email: false }),
                email: { require_email: true, help_url: null },
            }),
        ).toBeNull();
    });
});

describe("dismissals in account data", () => {
    it("reads back what it wrote and ignores junk", () => {
        const written = dismissForever(snooze(NO_DISMISSALS, "add_email", 3, NOW), "unverified_sessions", NOW, ["A"]);
        expect(parseDismissals(JSON.parse(JSON.stringify(written)))).toEqual(written);
        expect(parseDismissals(null)).toEqual(NO_DISMISSALS);
        expect(parseDismissals({ snoozed: { add_email: { at: "soon" }, bogus: { at: 1 } }, dismissed: 5 })).toEqual(
            NO_DISMISSALS,
        );
    });
});
