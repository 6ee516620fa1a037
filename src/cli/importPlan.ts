/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Turns parsed import rows into work: one task per account (so two rows for one account never race
 * each other's read-modify-write), minus the rows a previous run already settled, plus an immediate
 * "invalid" outcome for every row that cannot be applied. Pure; unit-tested.
 */

import { canonicalAddress, emailProblem } from "../matrix/email/address";
import { normalizeUserId } from "../matrix/admin/userId";
import type { BadRow, ImportRow } from "./importRows";
import { rowKey, type ReportEntry } from "./report";

export { normalizeUserId };

export interface ImportTask {
    userId: string;
    /** Rows of this account not settled yet: each gets one report line after the task. */
    pending: Array<ImportRow & { key: string; address: string }>;
    /** Every valid address the file gives this account (settled ones too: kept with --replace). */
    addresses: string[];
    /** The last display name the file gives this account, if any. */
    displayname?: string;
}

export interface PreparedImport {
    tasks: ImportTask[];
    /** Outcomes known without asking the server (unreadable rows, bad ids, bad addresses, conflicts). */
    invalid: Array<Omit<ReportEntry, "time">>;
    /** Rows a previous run settled (skipped now). */
    alreadySettled: number;
    /** Rows repeating an earlier row of the file (same account and address): not applied twice. */
    duplicates: number;
    /** Rows that will be sent to the server in this run. */
    pendingRows: number;
}

export function prepareImport(
    rows: readonly ImportRow[],
    bad: readonly BadRow[],
    serverName: string,
    settled: ReadonlySet<string>,
): PreparedImport {
    const result: PreparedImport = { tasks: [], invalid: [], alreadySettled: 0, duplicates: 0, pendingRows: 0 };
    for (const row of bad) {
        result.invalid.push({
            key: `line:${row.line}`,
            line: row.line,
            status: "invalid",
            detail: `${row.error}: ${row.raw}`,
        });
    }

    type Valid = ImportRow & { key: string; address: string };
    const valid: Valid[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
        const id = normalizeUserId(row.userId, serverName);
        const problem = emailProblem(row.email);
        const base = { line: row.line, user_id: row.userId, email: row.email, status: "invalid" as const };
        if ("error" in id) {
            result.invalid.push({ ...base, key: `line:${row.line}`, detail: id.error });
            continue;
        }
        if (problem !== null) {
            result.invalid.push({
                ...base,
                user_id: id.userId,
                key: `line:${row.line}`,
                detail: `not an email address: ${problem}`,
            });
            continue;
        }
        const address = canonicalAddress(row.email);
        const key = rowKey(id.userId, address);
        if (seen.has(key)) {
            result.duplicates++;
            continue;
        }
        seen.set(key, row.line);
        valid.push({ ...row, userId: id.userId, key, address });
    }

    // One address for two accounts in the same file: whichever ran last would silently win (and with
    // concurrency, neither check would see the other). Refuse all of them; the deployer must decide.
    const accountsByAddress = new Map<string, Valid[]>();
    for (const row of valid) accountsByAddress.set(row.address, [...(accountsByAddress.get(row.address) ?? []), row]);
    const conflicted = new Set<Valid>();
    for (const [address, list] of accountsByAddress) {
        if (list.length < 2) continue;
        const where = list.map((r) => `line ${r.line} (${r.userId})`).join(", ");
        for (const row of list) {
            conflicted.add(row);
            result.invalid.push({
                key: row.key,
                line: row.line,
                user_id: row.userId,
                email: address,
                status: "invalid",
                detail: `${address} is given to several accounts in this file: ${where}`,
            });
        }
    }

    const tasks = new Map<string, ImportTask>();
    for (const row of valid) {
        if (conflicted.has(row)) continue;
        let task = tasks.get(row.userId);
        if (!task) {
            task = { userId: row.userId, pending: [], addresses: [] };
            tasks.set(row.userId, task);
        }
        task.addresses.push(row.address);
        if (row.displayname) task.displayname = row.displayname;
        if (settled.has(row.key)) result.alreadySettled++;
        else task.pending.push(row);
    }
    result.tasks = [...tasks.values()].filter((task) => task.pending.length > 0);
    result.pendingRows = result.tasks.reduce((sum, task) => sum + task.pending.length, 0);
    return result;
}
