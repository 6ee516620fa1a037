/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { CONFIG_KEY, DEFAULT_CONFIG, deferredToHost, NUDGE_KINDS, parseConfig } from "../../src/config";
import { HOST_REMINDERS, runtimeGeneration } from "../../src/host/hostReminders";

function parse(raw: unknown) {
    const problems: string[] = [];
    const config = parseConfig(raw, (message) => problems.push(message));
    return { config, problems };
}

describe("parseConfig", () => {
    it("gives every default when config.json has no key for us", () => {
        const { config, problems } = parse(undefined);
        expect(config).toEqual(DEFAULT_CONFIG);
        expect(problems).toEqual([]);
        expect(config.nudges.enabled).toEqual([...NUDGE_KINDS]);
    });

    it("applies valid values and keeps the defaults of fields not given", () => {
        const { config, problems } = parse({
            sections: { admin: false },
            email: { require_email: true, help_url: "https://help.example.org/email" },
            nudges: { snooze_days: 3, enabled: ["add_email"], defer_to_host: ["verify_this_session"] },
        });
        expect(problems).toEqual([]);
        expect(config.sections).toEqual({ backup: true, email: true, sessions: true, admin: false });
        expect(config.email).toEqual({ require_email: true, help_url: "https://help.example.org/email" });
        expect(config.nudges).toMatchObject({ snooze_days: 3, enabled: ["add_email"], grace_period_minutes: 0 });
        expect(config.nudges.defer_to_host).toEqual(["verify_this_session"]);
    });

    it.each([
        [{ enabled: "yes" }, `${CONFIG_KEY}.enabled`, "true or false"],
        [{ sections: { email: 0 } }, `${CONFIG_KEY}.sections.email`, "true or false"],
        [{ entry_point: { space_panel: null } }, `${CONFIG_KEY}.entry_point.space_panel`, "true or false"],
        [{ email: { help_url: "javascript:alert(1)" } }, `${CONFIG_KEY}.email.help_url`, "http(s) URL"],
        [{ email: { help_url: "not a url" } }, `${CONFIG_KEY}.email.help_url`, "http(s) URL"],
        [{ nudges: { snooze_days: -1 } }, `${CONFIG_KEY}.nudges.snooze_days`, "from 0 to 365"],
        [{ nudges: { snooze_days: "7" } }, `${CONFIG_KEY}.nudges.snooze_days`, "from 0 to 365"],
        // 1e308 days is Infinity milliseconds: stored as null in account data, "Later" would be lost.
        [{ nudges: { snooze_days: 1e308 } }, `${CONFIG_KEY}.nudges.snooze_days`, "from 0 to 365"],
        [{ nudges: { snooze_days: 366 } }, `${CONFIG_KEY}.nudges.snooze_days`, "from 0 to 365"],
        [
            { nudges: { grace_period_minutes: Infinity } },
            `${CONFIG_KEY}.nudges.grace_period_minutes`,
            "from 0 to 10080",
        ],
        [{ nudges: { grace_period_minutes: 1e9 } }, `${CONFIG_KEY}.nudges.grace_period_minutes`, "from 0 to 10080"],
        [{ nudges: { grace_period_minutes: NaN } }, `${CONFIG_KEY}.nudges.grace_period_minutes`, "from 0 to 10080"],
        [{ recovery: { allow_passphrase: "yes" } }, `${CONFIG_KEY}.recovery.allow_passphrase`, "true or false"],
        [{ recovery: { passphrase_min_score: 0 } }, `${CONFIG_KEY}.recovery.passphrase_min_score`, "from 1 to 4"],
        [{ recovery: { passphrase_min_score: 5 } }, `${CONFIG_KEY}.recovery.passphrase_min_score`, "from 1 to 4"],
        [{ recovery: { passphrase_min_score: 2.5 } }, `${CONFIG_KEY}.recovery.passphrase_min_score`, "from 1 to 4"],
        [{ recovery: { passphrase_min_score: "3" } }, `${CONFIG_KEY}.recovery.passphrase_min_score`, "from 1 to 4"],
        [{ nudges: { enabled: ["set_up_recovery", "win_a_prize"] } }, `${CONFIG_KEY}.nudges.enabled`, "a list of"],
        [{ nudges: { defer_to_host: "add_email" } }, `${CONFIG_KEY}.nudges.defer_to_host`, "a list of"],
        [{ entry_point: { settings_link: "no" } }, `${CONFIG_KEY}.entry_point.settings_link`, "true or false"],
        [{ nudges: { defer_to_host: "per_version" } }, `${CONFIG_KEY}.nudges.defer_to_host`, '"per_host_version" or'],
        [{ sections: true }, `${CONFIG_KEY}.sections`, "must be an object"],
    ])("reports %j naming the key and field, and uses that field's default", (raw, field, expected) => {
        const { config, problems } = parse(raw);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toContain(`"${field}"`);
        expect(problems[0]).toContain(expected);
        expect(config).toEqual(DEFAULT_CONFIG);
    });

    it("accepts the bounds themselves", () => {
        const { config, problems } = parse({
            recovery: { allow_passphrase: true, passphrase_min_score: 1 },
            nudges: { snooze_days: 365, grace_period_minutes: 10080 },
        });
        expect(problems).toEqual([]);
        expect(config.recovery).toMatchObject({ allow_passphrase: true, passphrase_min_score: 1 });
        expect(config.nudges).toMatchObject({ snooze_days: 365, grace_period_minutes: 10080 });
    });

    it("offers no passphrase by default, and asks for Element's strength (4) when a deployer turns it on", () => {
        expect(parse(undefined).config.recovery).toMatchObject({ allow_passphrase: false, passphrase_min_score: 4 });
        expect(parse({ recovery: { allow_passphrase: true } }).config.recovery.passphrase_min_score).toBe(4);
    });

    it("reports each bad field once and still applies the good ones", () => {
        const { config, problems } = parse({
            enabled: false,
            nudges: { snooze_days: -2, allow_dismiss_forever: false },
        });
        expect(problems).toHaveLength(1);
        expect(config.enabled).toBe(false);
        expect(config.nudges.allow_dismiss_forever).toBe(false);
        expect(config.nudges.snooze_days).toBe(7);
    });

    it.each([[null], ["on"], [[1, 2]], [42]])("treats a non-object %j as all defaults, with one report", (raw) => {
        const { config, problems } = parse(raw);
        expect(problems).toEqual([`"${CONFIG_KEY}" must be an object; using the defaults for it.`]);
        expect(config).toEqual(DEFAULT_CONFIG);
    });

    it("reports unknown options (including names that exist on every JS object)", () => {
        const { problems } = parse({ enabeld: true, constructor: 1, nudges: { toString: "x" } });
        expect(problems.sort()).toEqual([
            `"${CONFIG_KEY}.constructor" is not an option of this module; it is ignored.`,
            `"${CONFIG_KEY}.enabeld" is not an option of this module; it is ignored.`,
            `"${CONFIG_KEY}.nudges.toString" is not an option of this module; it is ignored.`,
        ]);
    });

    it("never shares arrays or objects with DEFAULT_CONFIG or the raw config", () => {
        const enabled = ["add_email"];
        const first = parse({ nudges: { enabled } }).config;
        first.sections.email = false;
        enabled.push("set_up_recovery");
        expect(first.nudges.enabled).toEqual(["add_email"]);
        expect(DEFAULT_CONFIG.sections.email).toBe(true);
        parse(undefined).config.nudges.enabled.pop();
        expect(DEFAULT_CONFIG.nudges.enabled).toHaveLength(NUDGE_KINDS.length);
    });

    it("never throws, whatever it is given", () => {
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        for (const raw of [cyclic, Object.create(null), new Date(), () => 1, Symbol("x")]) {
            expect(() => parse(raw)).not.toThrow();
        }
        // Bad values that JSON.stringify cannot print still produce a readable report.
        const { problems } = parse({ enabled: cyclic, nudges: { snooze_days: BigInt(3), enabled: [cyclic] } });
        expect(problems).toHaveLength(3);
        expect(problems[0]).toContain(`"${CONFIG_KEY}.enabled" must be true or false`);
    });
});

describe("nudges.defer_to_host", () => {
    it('defaults to "per_host_version": what the running Element shows itself', () => {
        const { config } = parse(undefined);
        expect(config.nudges.defer_to_host).toBe("per_host_version");
        expect(deferredToHost(config, ["set_up_recovery"])).toEqual(["set_up_recovery"]);
        expect(deferredToHost(config, [])).toEqual([]);
    });

    it("an explicit list overrides the host's, [] included", () => {
        const { config } = parse({ nudges: { defer_to_host: [] } });
        expect(deferredToHost(config, HOST_REMINDERS["element-api-1.9"])).toEqual([]);
        const named = parse({ nudges: { defer_to_host: ["add_email"] } }).config;
        expect(deferredToHost(named, HOST_REMINDERS["element-api-1.9"])).toEqual(["add_email"]);
    });

    it("tells the Element generation from what the module API offers", () => {
        expect(runtimeGeneration({ locationRenderer: false, legacyModule: true })).toBe("element-api-1.4");
        expect(runtimeGeneration({ locationRenderer: true, legacyModule: true })).toBe("element-api-1.9");
        expect(runtimeGeneration({ locationRenderer: true, legacyModule: false })).toBe("element-api-2");
        // Element 1.12.x shows these itself (measured in tests/e2e/element-at-home.test.ts).
        for (const kinds of Object.values(HOST_REMINDERS)) {
            expect([...kinds].sort()).toEqual(["set_up_recovery", "unverified_sessions"]);
        }
    });
});
