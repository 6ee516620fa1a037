/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/* The posture report's files: JSON Lines (the records, and the state a resumed run starts from) and CSV. */
import type { AccountRecord } from "./posture";

const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);

/** The first line of a report file: what it is about, so a resume cannot mix two servers. */
export interface PostureReportMeta {
    report: "element-account-security/posture";
    version: 1;
    homeserver: string;
    stale_days: number;
    started_at: string;
}

export function reportMeta(homeserver: string, staleDays: number, startedAt = new Date()): PostureReportMeta {
    return {
        report: "element-account-security/posture",
        version: 1,
        homeserver,
        stale_days: staleDays,
        started_at: startedAt.toISOString(),
    };
}

function isRecord(value: unknown): value is AccountRecord {
    if (!isObject(value) || typeof value.user_id !== "string") return false;
    if (value.status === "failed") return typeof value.reason === "string";
    return (
        value.status === "ok" &&
        typeof value.has_email === "boolean" &&
        typeof value.has_cross_signing === "boolean" &&
        typeof value.has_recovery === "boolean" &&
        typeof value.devices === "number" &&
        typeof value.unverified_devices === "number" &&
        typeof value.stale_devices === "number"
    );
}

/**
 * Reads a JSON Lines report: its meta line (if any) and the latest record per account. Lines that do
 * not parse (a line cut short by a crash) are counted and skipped; their accounts are simply redone.
 */
export function readPostureReport(content: string): {
    meta: PostureReportMeta | null;
    records: Map<string, AccountRecord>;
    damagedLines: number;
} {
    let meta: PostureReportMeta | null = null;
    const records = new Map<string, AccountRecord>();
    let damagedLines = 0;
    for (const line of content.split("\n")) {
        if (line.trim() === "") continue;
        let value: unknown;
        try {
            value = JSON.parse(line);
        } catch {
            damagedLines++;
            continue;
        }
        if (isObject(value) && value.report === "element-account-security/posture") {
            meta ??= value as unknown as PostureReportMeta;
        } else if (isRecord(value)) {
            records.set(value.user_id, value);
        } else {
            damagedLines++;
        }
    }
    return { meta, records, damagedLines };
}

/** One record as a JSON line: exactly the record's fields (nothing else is ever kept). */
export function recordLine(record: AccountRecord): string {
    const clean: AccountRecord =
        record.status === "ok"
            ? {
                  user_id: record.user_id,
                  status: "ok",
                  has_email: record.has_email,
                  has_cross_signing: record.has_cross_signing,
                  has_recovery: record.has_recovery,
                  devices: record.devices,
                  unverified_devices: record.unverified_devices,
                  stale_devices: record.stale_devices,
              }
            : { user_id: record.user_id, status: "failed", reason: record.reason };
    return JSON.stringify(clean);
}

export const CSV_COLUMNS = [
    "user_id",
    "status",
    "has_email",
    "has_cross_signing",
    "has_recovery",
    "devices",
    "unverified_devices",
    "stale_devices",
    "failure",
] as const;

function csvCell(value: string | number | boolean): string {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The records as CSV (a header, one line per account, sorted by user id). */
export function toCsv(records: Iterable<AccountRecord>): string {
    const sorted = [...records].sort((a, b) => a.user_id.localeCompare(b.user_id));
    const lines = [CSV_COLUMNS.join(",")];
    for (const r of sorted) {
        const cells =
            r.status === "ok"
                ? [
                      r.user_id,
                      r.status,
                      r.has_email,
                      r.has_cross_signing,
                      r.has_recovery,
                      r.devices,
                      r.unverified_devices,
                      r.stale_devices,
                      "",
                  ]
                : [r.user_id, r.status, "", "", "", "", "", "", r.reason];
        lines.push(cells.map(csvCell).join(","));
    }
    return lines.join("\r\n") + "\r\n";
}
