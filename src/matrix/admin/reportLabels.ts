/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { Protection } from "./posture";

/** Every word of the page, so the module can hand in its translation. */
export interface ReportLabels {
    lang: string;
    title: (homeserver: string) => string;
    generated: (date: string, assessed: number, staleDays: number) => string;
    complete: string;
    incomplete: (failed: number) => string;
    protectionsHeading: string;
    protectionsChart: string;
    protection: Record<Protection, string>;
    accountsColumn: string;
    shareColumn: string;
    previousColumn: string;
    changeColumn: string;
    previousLegend: (date: string) => string;
    devicesHeading: string;
    devicesTotal: string;
    devicesUnverified: string;
    devicesStale: string;
    countColumn: string;
    failuresHeading: string;
    failuresAggregate: (count: number, reason: string) => string;
    accountsHeading: string;
    aggregateOnly: string;
    column: {
        user_id: string;
        has_email: string;
        has_cross_signing: string;
        has_recovery: string;
        devices: string;
        unverified_devices: string;
        stale_devices: string;
    };
    yes: string;
    no: string;
    sortHint: string;
}

export const ENGLISH_LABELS: ReportLabels = {
    lang: "en",
    title: (homeserver) => `Account security on ${homeserver}`,
    generated: (date, assessed, staleDays) =>
        `Generated ${date} · ${assessed} accounts assessed · a device counts as stale when unseen for ${staleDays} days`,
    complete: "Complete: every account was assessed.",
    incomplete: (failed) =>
        `Incomplete: ${failed} ${failed === 1 ? "account" : "accounts"} could not be assessed (listed below).`,
    protectionsHeading: "Protections",
    protectionsChart: "Share of accounts with each protection",
    protection: {
        email: "Email address (password reset works)",
        cross_signing: "Cross-signing (devices can be verified)",
        recovery: "Recovery set up (history survives the last device)",
        all_devices_verified: "No unverified device",
        no_stale_devices: "No stale device",
    },
    accountsColumn: "Accounts",
    shareColumn: "Share",
    previousColumn: "Before",
    changeColumn: "Change",
    previousLegend: (date) => `Lighter bar: the earlier report (${date})`,
    devicesHeading: "Devices",
    devicesTotal: "All devices",
    devicesUnverified: "Not verified by their owner",
    devicesStale: "Stale",
    countColumn: "Devices",
    failuresHeading: "Accounts that could not be assessed",
    failuresAggregate: (count, reason) => `${count} × ${reason}`,
    accountsHeading: "Accounts",
    aggregateOnly: "This report leaves out user IDs (aggregate only).",
    column: {
        user_id: "Account",
        has_email: "Email",
        has_cross_signing: "Cross-signing",
        has_recovery: "Recovery",
        devices: "Devices",
        unverified_devices: "Unverified",
        stale_devices: "Stale",
    },
    yes: "yes",
    no: "no",
    sortHint: "Select a column heading to sort by it.",
};
