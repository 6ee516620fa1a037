/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { NudgeKind } from "../config";

/**
 * Which of our reminders the host already shows itself, per Element version, so that by default
 * (`nudges.defer_to_host: "per_host_version"`) each problem has exactly one reminder on screen.
 *
 * Measured in the real production builds of Element Web 1.12.0 (module API 1.4.1) and 1.12.10 (1.9.0)
 * with Synapse (tests/e2e/element-at-home.test.ts). Both show, one toast at a time:
 * - "Set up recovery" once the user is in an encrypted room and has no recovery → `set_up_recovery`;
 * - "New login. Was this you?" on the other devices when an unverified session appears →
 *   `unverified_sessions`.
 * Not left to Element: `verify_this_session`. Element asks a new device with the full page "Confirm
 * your identity" (our layer stays empty while it shows: host/elementFullPage.ts), but after "Skip
 * verification for now" it showed no "Verify this session" toast in either build (watched for a
 * minute), so the module's reminder is then the only one.
 * What Element lacks stays ours: "Later" kept in account data (so every device agrees), the email
 * reminder, backup out of sync (Element 1.12.x has no toast for a backup this device cannot use),
 * the badge (which still counts every problem) and the names of the sessions in the panel.
 *
 * The module API object carries no version number: the generation is read from what it offers.
 */
export type HostGeneration =
    /** Module API 1.4–1.8 (Element 1.12.0–1.12.9): `_registerLegacyModule`, no location renderer. */
    | "element-api-1.4"
    /** Module API 1.9–1.x (Element 1.12.10 and later 1.x APIs): location renderer and `_registerLegacyModule`. */
    | "element-api-1.9"
    /** Module API 2.x (Element after the legacy module system went): no `_registerLegacyModule`. */
    | "element-api-2"
    /** A build-time module (`build_config.yaml`) inside Element 1.12.x. */
    | "element-build-time";

const ELEMENT_1_12_REMINDERS: readonly NudgeKind[] = ["set_up_recovery", "unverified_sessions"];

/**
 * Element 2.x was not measured here; its source still has the same toasts (SetupEncryptionToast,
 * UnverifiedSessionToast), so it gets the same list. A deployer who sees otherwise sets
 * `nudges.defer_to_host` explicitly.
 */
export const HOST_REMINDERS: Readonly<Record<HostGeneration, readonly NudgeKind[]>> = {
    "element-api-1.4": ELEMENT_1_12_REMINDERS,
    "element-api-1.9": ELEMENT_1_12_REMINDERS,
    "element-api-2": ELEMENT_1_12_REMINDERS,
    "element-build-time": ELEMENT_1_12_REMINDERS,
};

/** The generation of a runtime module API object, from the features it offers. */
export function runtimeGeneration(offers: { locationRenderer: boolean; legacyModule: boolean }): HostGeneration {
    if (!offers.legacyModule) return "element-api-2";
    return offers.locationRenderer ? "element-api-1.9" : "element-api-1.4";
}
