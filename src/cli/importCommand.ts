/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * `import <file>`: many accounts at once, safely and resumably. Each account is one task (read the
 * account, look up owners of its new addresses, one PUT with the merged list); tasks run with bounded
 * concurrency; every row's outcome is appended to the report file the moment it is known.
 */

import * as fs from "node:fs";

import { describeFailure } from "../matrix/errors";
import { describePlan } from "../matrix/admin/plan";
import { AccountChangedError, applyPlan, planChange } from "../matrix/admin/provision";
import type { CliContext } from "./context";
import { CliError, EXIT } from "./context";
import { detectFormat, parseImport, type ImportFormat } from "./importRows";
import { prepareImport, type ImportTask } from "./importPlan";
import type { CliIO } from "./io";
import { runPool } from "./pool";
import { formatDuration, Progress } from "./progress";
import { readReport, ReportWriter, type ReportEntry, type RowStatus } from "./report";

export interface ImportOptions {
    file: string;
    format?: ImportFormat;
    reportPath?: string;
    concurrency: number;
    create: boolean;
    replace: boolean;
    force: boolean;
    dryRun: boolean;
    progress: boolean;
}

export const DEFAULT_CONCURRENCY = 8;

/** What one task settled, row by row. */
type Outcome = Omit<ReportEntry, "time">;

function failureText(error: unknown): string {
    if (error instanceof AccountChangedError) return `${error.message} (rerun to retry)`;
    const failure = describeFailure(error);
    if (failure.kind === "server") {
        const message = (error as { data?: { error?: unknown } }).data?.error;
        return typeof message === "string" ? `${failure.detail}: ${message}` : failure.detail;
    }
    return `${failure.kind}: ${failure.detail}`;
}

async function runTask(context: CliContext, task: ImportTask, options: ImportOptions, io: CliIO): Promise<Outcome[]> {
    const request = {
        userId: task.userId,
        add: options.replace ? task.addresses : task.pending.map((row) => row.address),
        replace: options.replace,
        force: options.force,
        createIfMissing: options.create,
        displayname: task.displayname,
        // People choose their own display names; an import names only the accounts it creates.
        displaynameOnCreateOnly: true,
    };
    const outcome = (row: ImportTask["pending"][number], status: RowStatus, detail?: string): Outcome => ({
        key: row.key,
        line: row.line,
        user_id: task.userId,
        email: row.address,
        status,
        ...(detail ? { detail } : {}),
    });
    try {
        const plan = await planChange(context.api, request);
        if (options.dryRun) {
            for (const text of describePlan(plan)) io.stdout.write(text + "\n");
        } else if (!plan.missingUser) {
            await applyPlan(context.api, plan, {});
        }
        return task.pending.map((row) => {
            if (plan.missingUser)
                return outcome(row, "failed", "the account does not exist (use --create to create it)");
            const refused = plan.refused.find((r) => r.address === row.address);
            if (refused)
                return outcome(row, "refused", `belongs to ${refused.owner}; left there (use --force to move it)`);
            const moved = plan.moved.find((m) => m.address === row.address);
            if (moved) return outcome(row, "done", `moved from ${moved.from}`);
            if (plan.alreadyPresent.includes(row.address)) return outcome(row, "unchanged");
            return outcome(row, "done", plan.createUser ? "account created" : undefined);
        });
    } catch (error) {
        const detail = failureText(error);
        return task.pending.map((row) => outcome(row, "failed", detail));
    }
}

export async function importCommand(context: CliContext, options: ImportOptions, io: CliIO): Promise<number> {
    let content: string;
    try {
        content = fs.readFileSync(options.file, "utf8");
    } catch (error) {
        throw new CliError(`Cannot read ${options.file}: ${(error as Error).message}`, EXIT.USAGE);
    }
    const format = options.format ?? detectFormat(options.file, content);
    const parsed = parseImport(content, format);
    const reportPath = options.reportPath ?? `${options.file}.report.jsonl`;

    let previous: ReturnType<typeof readReport> = {
        homeserver: null,
        settled: new Set<string>(),
        invalid: new Set<string>(),
        entries: 0,
        damagedLines: 0,
    };
    if (fs.existsSync(reportPath)) previous = readReport(fs.readFileSync(reportPath, "utf8"));
    // Resuming against another server would skip its rows as "done" because they were done elsewhere.
    if (previous.homeserver !== null && previous.homeserver !== context.homeserverUrl) {
        throw new CliError(
            `${reportPath} is the report of an import into ${previous.homeserver}, not ${context.homeserverUrl}: ` +
                `refusing to resume from it. Choose another --report.`,
            EXIT.USAGE,
        );
    }
    const prepared = prepareImport(parsed.rows, parsed.bad, context.serverName, previous.settled);

    const say = (text: string): void => void io.stderr.write(text + "\n");
    // Moving an address (--force) changes a second account, which may be another task of this
    // import running at the same time: its PUT, planned before the move, would silently take the
    // address back. One account at a time makes every task see the previous one's result.
    const concurrency = options.force ? 1 : options.concurrency;
    const totalRows = parsed.rows.length + parsed.bad.length;
    say(
        `${options.dryRun ? "Dry run: " : ""}${totalRows} rows (${format}) for ${prepared.tasks.length} accounts to process` +
            (prepared.alreadySettled ? `, ${prepared.alreadySettled} already done in ${reportPath}` : "") +
            (prepared.duplicates ? `, ${prepared.duplicates} duplicate rows ignored` : "") +
            `; concurrency ${concurrency}${options.force && options.concurrency > 1 ? " (--force runs one account at a time)" : ""}.`,
    );
    if (previous.damagedLines > 0)
        say(`Report: ${previous.damagedLines} unreadable line(s) ignored (an interrupted run); those rows are redone.`);

    const writer = options.dryRun ? null : new ReportWriter(reportPath, context.homeserverUrl);
    const counts: Record<RowStatus, number> = { done: 0, unchanged: 0, refused: 0, invalid: 0, failed: 0 };
    const problems: Outcome[] = [];
    const record = (entry: Outcome, write: boolean): void => {
        counts[entry.status]++;
        if (entry.status !== "done" && entry.status !== "unchanged") problems.push(entry);
        if (write) writer?.write(entry);
    };
    for (const entry of prepared.invalid) record(entry, !previous.invalid.has(entry.key));

    const progress = new Progress(prepared.pendingRows, io.stderr, options.progress);
    const started = Date.now();
    try {
        await runPool(
            prepared.tasks,
            concurrency,
            async (task) => {
                for (const entry of await runTask(context, task, options, io)) record(entry, true);
                progress.advance(task.pending.length);
            },
            () => io.signal?.aborted === true,
        );
    } finally {
        progress.finish();
        writer?.close();
    }
    const seconds = (Date.now() - started) / 1000;
    const processed = counts.done + counts.unchanged + counts.refused + counts.failed;
    const rate = seconds > 0 ? processed / seconds : 0;

    const verb = options.dryRun ? "would be " : "";
    say(
        `${options.dryRun ? "Dry run finished" : "Finished"} in ${formatDuration(seconds)} (${rate.toFixed(1)} rows/s): ` +
            `${counts.done} ${verb}added, ${counts.unchanged} already there, ${prepared.alreadySettled} done earlier, ` +
            `${counts.refused} refused, ${counts.invalid} invalid, ${counts.failed} failed.` +
            (context.rateLimited.count
                ? ` Rate-limited ${context.rateLimited.count} times (waited ${formatDuration(context.rateLimited.waitedMs / 1000)}).`
                : ""),
    );
    const shown = problems.slice(0, 50);
    for (const p of shown)
        say(
            `  line ${p.line}: ${p.user_id ?? ""} ${p.email ?? ""}: ${p.status}: ${p.detail ?? ""}`.replace(
                / {2,}/g,
                " ",
            ),
        );
    if (problems.length > shown.length) say(`  … and ${problems.length - shown.length} more in ${reportPath}`);
    if (!options.dryRun)
        say(`Report: ${reportPath}${problems.length ? " (rerun the same command to retry the rows that failed)" : ""}`);

    if (io.signal?.aborted) {
        say("Interrupted: rerun the same command to continue.");
        return EXIT.INTERRUPTED;
    }
    return problems.length > 0 ? EXIT.FAILURES : EXIT.OK;
}
