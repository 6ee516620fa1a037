/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The deployer's configuration: one key at the root of Element's config.json.
 *
 *   "io.github.element_account_security": { "nudges": { "snooze_days": 3 } }
 *
 * Every field has a default, so an absent key means "all defaults". Config comes from a file a
 * person edited, so nothing here trusts its type: a bad field logs one error naming the key and the
 * field, and that field falls back to its default while the rest of the config still applies.
 */

// Imported for the declaration merging below, which adds our key to the host's Config type.
import type {} from "@element-hq/element-web-module-api";

/** The config.json key that holds our options. */
export const CONFIG_KEY = "io.github.element_account_security";

/** Reminders the nudge layer can show, in priority order (the first that applies wins). */
export const NUDGE_KINDS = [
    "verify_this_session",
    "set_up_recovery",
    "backup_out_of_sync",
    "unverified_sessions",
    "add_email",
    "check_recovery_key",
] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** The protections the security checkup at the top of the panel counts, in display order. */
export const PROTECTIONS = ["recovery", "this_session", "other_sessions", "email"] as const;
export type ProtectionId = (typeof PROTECTIONS)[number];

/** The longest reminder cadence a deployer can set (ten years): larger numbers are typos. */
export const MAX_CHECK_REMINDER_DAYS = 3650;

/** `nudges.defer_to_host`'s default: leave to Element what the running Element version shows itself. */
export const PER_HOST_VERSION = "per_host_version";

export interface AccountSecurityConfig {
    /** Whether the module does anything at all. Default: true. */
    enabled: boolean;
    /** Which sections of the Account security panel are shown. Default: all true but `admin`. */
    sections: {
        /** Secure Backup (recovery). Default: true. */
        backup: boolean;
        /** Email addresses. Default: true. */
        email: boolean;
        /** This session and the other sessions, with verification. Default: true. */
        sessions: boolean;
        /**
         * The homeserver-admin tools, shown only to server admins. Default: false, because finding out
         * whether the user is a server admin costs a request that every non-admin sees fail (403) in the
         * browser console; a deployer who wants the section for their admins turns it on.
         */
        admin: boolean;
    };
    /** Where the panel can be opened from. */
    entry_point: {
        /** Add an item to Element's space panel (where the host supports it). Default: true. */
        space_panel: boolean;
        /**
         * Add a short "More account protection — Account security → Open" row to Element's own
         * Settings dialog (Encryption tab, and Account tab for email). Element's module API has no slot
         * there, so the row is placed only where the exact DOM it expects is found, and silently left out
         * anywhere else. Default: true.
         */
        settings_link: boolean;
    };
    email: {
        /** Nudge users who have no email address on their account (so password reset works). Default: false. */
        require_email: boolean;
        /** Link shown next to "Didn't get the email?", e.g. your support page. Default: null (no link). */
        help_url: string | null;
    };
    recovery: {
        /**
         * Offer a passphrase as well as a generated recovery key. Default: false, as in current Element:
         * a passphrase-derived key can be guessed offline by whoever reads the account data, so only
         * offer it where the deployer wants it (and then `passphrase_min_score` keeps weak ones out).
         */
        allow_passphrase: boolean;
        /**
         * The least zxcvbn strength score (1–4) a passphrase must reach; 4 means more than 10^10
         * guesses, what Element asks for. Applies only when `allow_passphrase` is true. Default: 4.
         */
        passphrase_min_score: number;
        /**
         * Days after the last successful "Do you still have your recovery key?" check (or the set-up)
         * before a reminder asks again; 0 = never. At most MAX_CHECK_REMINDER_DAYS. Default: 90.
         */
        check_reminder_days: number;
    };
    checkup: {
        /**
         * The protections the security checkup counts ("3 of 4 protections on", also said by the
         * space-panel item's label and badge); drop one to leave it out. `email` is counted only where
         * the homeserver allows email changes. An empty list hides the checkup, and the badge then
         * counts the reminders as before. Default: every entry of PROTECTIONS.
         */
        protections: ProtectionId[];
    };
    nudges: {
        /** Which reminders may be shown. Default: every kind in NUDGE_KINDS. */
        enabled: NudgeKind[];
        /** How long "Later" hides a reminder, in days, 0 to 365 (stored in account data, so all sessions agree). Default: 7. */
        snooze_days: number;
        /** Minutes after login before any reminder appears, 0 to 10080 (a week). Default: 0. */
        grace_period_minutes: number;
        /** Offer "Don't remind me" on optional reminders (recovery, unverified sessions, email). Default: true. */
        allow_dismiss_forever: boolean;
        /**
         * Reminders the host (Element) already shows itself; we stay quiet on these, so that each problem
         * has exactly one reminder on screen. `"per_host_version"`: the kinds measured for the Element
         * version the module runs in (see hostReminders.ts and element-config/README.md); a list names
         * them explicitly (`[]`: show every reminder ourselves). Default: "per_host_version".
         */
        defer_to_host: NudgeKind[] | typeof PER_HOST_VERSION;
    };
}

export const DEFAULT_CONFIG: AccountSecurityConfig = {
    enabled: true,
    sections: { backup: true, email: true, sessions: true, admin: false },
    entry_point: { space_panel: true, settings_link: true },
    email: { require_email: false, help_url: null },
    recovery: { allow_passphrase: false, passphrase_min_score: 4, check_reminder_days: 90 },
    checkup: { protections: [...PROTECTIONS] },
    nudges: {
        enabled: [...NUDGE_KINDS],
        snooze_days: 7,
        grace_period_minutes: 0,
        allow_dismiss_forever: true,
        defer_to_host: PER_HOST_VERSION,
    },
};

declare module "@element-hq/element-web-module-api" {
    interface Config {
        [CONFIG_KEY]?: Partial<AccountSecurityConfig>;
    }
}

type Report = (message: string) => void;
type Check<T> = (value: unknown) => value is T;

const isBoolean: Check<boolean> = (v): v is boolean => typeof v === "boolean";
/**
 * A number from `min` to `max` (whole when `integer`). Upper bounds matter: a huge value is not "forever"
 * but a broken one (1e308 days as milliseconds is Infinity, which account data stores as null, and the
 * "Later" is lost), so absurd values are refused like wrong types.
 */
const numberIn =
    (min: number, max: number, integer = false): Check<number> =>
    (v): v is number =>
        typeof v === "number" && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v));

/** Upper bounds of the numeric options (see numberIn). */
export const LIMITS = {
    snooze_days: 365,
    grace_period_minutes: 7 * 24 * 60,
} as const;
const isHttpUrlOrNull: Check<string | null> = (v): v is string | null => {
    if (v === null) return true;
    if (typeof v !== "string") return false;
    try {
        return ["http:", "https:"].includes(new URL(v).protocol);
    } catch {
        return false;
    }
};
const isProtectionList: Check<ProtectionId[]> = (v): v is ProtectionId[] =>
    Array.isArray(v) && v.every((id) => (PROTECTIONS as readonly unknown[]).includes(id));
const isNudgeList: Check<NudgeKind[]> = (v): v is NudgeKind[] =>
    Array.isArray(v) && v.every((kind) => (NUDGE_KINDS as readonly unknown[]).includes(kind));
const isNudgeListOrPerHost: Check<NudgeKind[] | typeof PER_HOST_VERSION> = (
    v,
): v is NudgeKind[] | typeof PER_HOST_VERSION => v === PER_HOST_VERSION || isNudgeList(v);

/** What each field must be, with the words used in the error message. */
const SCHEMA = {
    enabled: [isBoolean, "true or false"],
    sections: {
        backup: [isBoolean, "true or false"],
        email: [isBoolean, "true or false"],
        sessions: [isBoolean, "true or false"],
        admin: [isBoolean, "true or false"],
    },
    entry_point: { space_panel: [isBoolean, "true or false"], settings_link: [isBoolean, "true or false"] },
    email: {
        require_email: [isBoolean, "true or false"],
        help_url: [isHttpUrlOrNull, "an http(s) URL or null"],
    },
    recovery: {
        allow_passphrase: [isBoolean, "true or false"],
        passphrase_min_score: [numberIn(1, 4, true), "a whole number from 1 to 4"],
        check_reminder_days: [
            numberIn(0, MAX_CHECK_REMINDER_DAYS),
            `a number of days from 0 (never) to ${MAX_CHECK_REMINDER_DAYS}`,
        ],
    },
    checkup: { protections: [isProtectionList, `a list of ${PROTECTIONS.join(", ")}`] },
    nudges: {
        enabled: [isNudgeList, `a list of ${NUDGE_KINDS.join(", ")}`],
        snooze_days: [numberIn(0, LIMITS.snooze_days), `a number of days from 0 to ${LIMITS.snooze_days}`],
        grace_period_minutes: [
            numberIn(0, LIMITS.grace_period_minutes),
            `a number of minutes from 0 to ${LIMITS.grace_period_minutes}`,
        ],
        allow_dismiss_forever: [isBoolean, "true or false"],
        defer_to_host: [isNudgeListOrPerHost, `"${PER_HOST_VERSION}" or a list of ${NUDGE_KINDS.join(", ")}`],
    },
} as const;

type Schema = { readonly [field: string]: readonly [Check<unknown>, string] | Schema };

/** The bad value for an error message; JSON.stringify throws on cycles and BigInt, and load() must not. */
function describeValue(value: unknown): string {
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return Object.prototype.toString.call(value);
    }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function merge(schema: Schema, defaults: Record<string, unknown>, raw: unknown, path: string, report: Report): unknown {
    if (raw === undefined) return defaults;
    if (!isPlainObject(raw)) {
        report(`"${path}" must be an object; using the defaults for it.`);
        return defaults;
    }
    const result: Record<string, unknown> = { ...defaults };
    for (const [field, rule] of Object.entries(schema)) {
        const fieldPath = `${path}.${field}`;
        const value = raw[field];
        if (Array.isArray(rule)) {
            const [check, expected] = rule as readonly [Check<unknown>, string];
            if (value === undefined) continue;
            if (check(value)) result[field] = Array.isArray(value) ? [...value] : value;
            else report(`"${fieldPath}" must be ${expected}, got ${describeValue(value)}; using the default.`);
        } else {
            result[field] = merge(rule as Schema, defaults[field] as Record<string, unknown>, value, fieldPath, report);
        }
    }
    for (const field of Object.keys(raw)) {
        if (!Object.hasOwn(schema, field)) report(`"${path}.${field}" is not an option of this module; it is ignored.`);
    }
    return result;
}

/**
 * Turns whatever config.json holds under CONFIG_KEY into a complete, valid config. Never throws.
 * `report` receives one message per problem (the entry logs them with console.error).
 */
export function parseConfig(raw: unknown, report: Report): AccountSecurityConfig {
    // A JSON round trip, not structuredClone: the defaults are plain JSON, and structuredClone is
    // missing from jsdom and from browsers older than 2022 (load() must not fail there).
    const defaults = JSON.parse(JSON.stringify(DEFAULT_CONFIG)) as Record<string, unknown>;
    return merge(SCHEMA as Schema, defaults, raw, CONFIG_KEY, report) as AccountSecurityConfig;
}

/**
 * The reminders to leave to the host: the deployer's list, or with "per_host_version" the kinds the
 * host says it shows itself (`hostShows`, from host/hostReminders.ts; empty on an unknown host).
 */
export function deferredToHost(config: AccountSecurityConfig, hostShows: readonly NudgeKind[]): NudgeKind[] {
    const setting = config.nudges.defer_to_host;
    return setting === PER_HOST_VERSION ? [...hostShows] : [...setting];
}
