/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The import's report file: one JSON line per row outcome, appended as soon as the row is settled.
 * It is also the resume state: a rerun skips every row already recorded as done or unchanged, so a
 * killed import continues where it stopped and never applies a row twice.
 *
 * Crash safety: each outcome is one write() of one complete line to a file opened for appending, so
 * a killed process leaves at worst a partial last line, which `readReport` ignores (that row is simply
 * redone; applying a row is idempotent because plans merge with what the account already has).
 */

import * as fs from "node:fs";

export type RowStatus =
    /** The address was added (or moved, with --force). */
    | "done"
    /** The account already had the address: nothing to do. */
    | "unchanged"
    /** Another account has the address; left there. */
    | "refused"
    /** The row could not be read or is invalid (bad user id, bad address, conflicting rows). */
    | "invalid"
    /** The homeserver refused or failed the change. */
    | "failed";

/** Statuses a rerun does not repeat. */
export const SETTLED: ReadonlySet<RowStatus> = new Set(["done", "unchanged"]);

export interface ReportEntry {
    /** The row's identity across runs: "<user id> <canonical email>" (or "line:<n>" for unreadable rows). */
    key: string;
    line: number;
    user_id?: string;
    email?: string;
    status: RowStatus;
    /** Why, for every status but done/unchanged; for moved addresses, whom they were taken from. */
    detail?: string;
    /** ISO time the outcome was recorded. */
    time: string;
}

export const IMPORT_REPORT = "element-account-security/import";

/** The first line of a new report: which homeserver it is about, so a resume never mixes two. */
export interface ImportReportMeta {
    report: typeof IMPORT_REPORT;
    homeserver: string;
}

export function rowKey(userId: string, canonicalEmail: string): string {
    return `${userId} ${canonicalEmail}`;
}

/**
 * The keys of settled rows in an existing report (empty when there is none). Unparsable lines, such
 * as a line cut short by a crash, are skipped: their rows are not settled and will be redone.
 */
export function readReport(content: string): {
    /** The homeserver the report was made against (reports written before this was recorded have none). */
    homeserver: string | null;
    settled: Set<string>;
    /** Keys already recorded as invalid (not written again on a rerun). */
    invalid: Set<string>;
    entries: number;
    damagedLines: number;
} {
    const settled = new Set<string>();
    const invalid = new Set<string>();
    let entries = 0;
    let damagedLines = 0;
    let homeserver: string | null = null;
    for (const text of content.split("\n")) {
        if (text.trim() === "") continue;
        try {
            const entry = JSON.parse(text) as Partial<ReportEntry> & Partial<ImportReportMeta>;
            if (entry.report === IMPORT_REPORT && typeof entry.homeserver === "string") {
                homeserver ??= entry.homeserver;
                continue;
            }
            if (typeof entry.key !== "string" || typeof entry.status !== "string") throw new Error("not an entry");
            entries++;
            if (SETTLED.has(entry.status as RowStatus)) settled.add(entry.key);
            if (entry.status === "invalid") invalid.add(entry.key);
        } catch {
            damagedLines++;
        }
    }
    return { homeserver, settled, invalid, entries, damagedLines };
}

/** Appends outcomes to the report file, one synchronous write per line. */
export class ReportWriter {
    private readonly fd: number;

    public constructor(path: string, homeserver?: string) {
        let prefix = "";
        let empty = true;
        try {
            // A crash may have left a partial last line: start ours on a fresh line.
            const existing = fs.readFileSync(path, "utf8");
            if (existing.length > 0 && !existing.endsWith("\n")) prefix = "\n";
            empty = existing.trim().length === 0;
        } catch {
            // No report yet.
        }
        this.fd = fs.openSync(path, "a");
        if (prefix) fs.writeSync(this.fd, prefix);
        if (empty && homeserver !== undefined) {
            const meta: ImportReportMeta = { report: IMPORT_REPORT, homeserver };
            fs.writeSync(this.fd, JSON.stringify(meta) + "\n");
        }
    }

    public write(entry: Omit<ReportEntry, "time">): void {
        fs.writeSync(this.fd, JSON.stringify({ ...entry, time: new Date().toISOString() }) + "\n");
    }

    public close(): void {
        try {
            fs.fsyncSync(this.fd);
        } finally {
            fs.closeSync(this.fd);
        }
    }
}
