/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * `report`: the security posture of every local account (or those in a file). One JSON line per
 * account is appended to the report the moment it is known, which also makes the run resumable like
 * `import`: a rerun skips the accounts already assessed and retries the ones that failed. At the end:
 * the CSV (rewritten from the JSON Lines), the summary table on stdout and, with --html, the page.
 */

import * as fs from "node:fs";

import { collectPosture } from "../matrix/admin/postureCollect";
import {
    percent,
    PROTECTIONS,
    share,
    summarize,
    type AccountRecord,
    type PostureSummary,
} from "../matrix/admin/posture";
import { readPostureReport, recordLine, reportMeta, toCsv } from "../matrix/admin/postureFiles";
import { ENGLISH_LABELS, renderHtmlReport } from "../matrix/admin/reportHtml";
import { normalizeUserId } from "../matrix/admin/userId";
import { CliError, EXIT, type CliContext } from "./context";
import type { CliIO } from "./io";
import { formatDuration, Progress } from "./progress";

export interface ReportOptions {
    /** A file of user ids (one per line, or the first column of a CSV); otherwise every account. */
    usersFile?: string;
    /** The JSON Lines report (the CSV goes next to it). */
    output: string;
    staleDays: number;
    concurrency: number;
    html?: string;
    compare?: string;
    aggregateOnly: boolean;
    progress: boolean;
}

export const DEFAULT_STALE_DAYS = 90;
export const DEFAULT_REPORT_PATH = "posture-report.jsonl";

/** The CSV next to the JSON Lines file: "x.jsonl" → "x.csv". */
export function csvPathFor(output: string): string {
    return output.replace(/\.jsonl?$/i, "") + ".csv";
}

function readUsersFile(file: string, serverName: string): string[] {
    let content: string;
    try {
        content = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, EXIT.USAGE);
    }
    const users: string[] = [];
    const problems: string[] = [];
    content.split(/\r?\n/).forEach((line, index) => {
        const first = line.split(",")[0]!.trim().replace(/^"|"$/g, "");
        if (first === "" || first.startsWith("#") || (index === 0 && first === "user_id")) return;
        const id = normalizeUserId(first, serverName);
        if ("error" in id) problems.push(`line ${index + 1}: ${id.error}`);
        else users.push(id.userId);
    });
    if (problems.length > 0)
        throw new CliError(
            `${file} has lines that are not user ids of this server:\n  ${problems.join("\n  ")}`,
            EXIT.USAGE,
        );
    return users;
}

/** The summary as the table printed on stdout. */
export function formatSummary(summary: PostureSummary, previous?: PostureSummary | null): string[] {
    const l = ENGLISH_LABELS;
    const lines = [
        `${l.title(summary.homeserver)}: ${summary.assessed} ${summary.assessed === 1 ? "account" : "accounts"} assessed` +
            (summary.failed
                ? `, ${summary.failed} could not be assessed (the report is INCOMPLETE)`
                : summary.complete
                  ? ""
                  : " so far (interrupted: the report is INCOMPLETE)") +
            ` (${summary.generatedAt})`,
        "",
    ];
    const width = Math.max(...PROTECTIONS.map((p) => l.protection[p].length));
    lines.push(
        `${"Protection".padEnd(width)}  ${"Accounts".padStart(13)}  ${"Share".padStart(6)}` +
            (previous ? `  ${"Before".padStart(6)}  ${"Change".padStart(10)}` : ""),
    );
    for (const p of PROTECTIONS) {
        const now = share(summary.counts[p], summary.assessed);
        let row = `${l.protection[p].padEnd(width)}  ${`${summary.counts[p]}/${summary.assessed}`.padStart(13)}  ${percent(now).padStart(6)}`;
        if (previous) {
            const before = share(previous.counts[p], previous.assessed);
            const points = (Math.round((now - before) * 1000) / 10).toFixed(1);
            row += `  ${percent(before).padStart(6)}  ${`${Number(points) > 0 ? "+" : ""}${points} pts`.padStart(10)}`;
        }
        lines.push(row);
    }
    const d = summary.devices;
    lines.push(
        "",
        `Devices: ${d.total}; not verified by their owner: ${d.unverified} (${percent(share(d.unverified, d.total))}); ` +
            `stale (unseen for ${summary.staleDays} days): ${d.stale} (${percent(share(d.stale, d.total))})`,
    );
    if (summary.failures.length > 0) {
        lines.push("", `Could not be assessed (${summary.failures.length}):`);
        for (const f of summary.failures.slice(0, 50)) lines.push(`  ${f.user_id}: ${f.reason}`);
        if (summary.failures.length > 50) lines.push(`  … and ${summary.failures.length - 50} more in the report`);
    }
    return lines;
}

function readPrevious(file: string): PostureSummary {
    let content: string;
    try {
        content = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, EXIT.USAGE);
    }
    const { meta, records } = readPostureReport(content);
    if (records.size === 0) throw new CliError(`${file} is not a posture report (no account lines).`, EXIT.USAGE);
    return summarize(records.values(), {
        homeserver: meta?.homeserver ?? "?",
        staleDays: meta?.stale_days ?? 0,
        generatedAt: meta?.started_at ?? new Date(0).toISOString(),
    });
}

export async function reportCommand(context: CliContext, options: ReportOptions, io: CliIO): Promise<number> {
    const say = (text: string): void => void io.stderr.write(text + "\n");
    const users = options.usersFile ? readUsersFile(options.usersFile, context.serverName) : undefined;
    const previous = options.compare ? readPrevious(options.compare) : null;

    // Resume: the same report file continues, but only for the same server and the same threshold.
    let earlier = new Map<string, AccountRecord>();
    const exists = fs.existsSync(options.output);
    if (exists) {
        const read = readPostureReport(fs.readFileSync(options.output, "utf8"));
        if (read.meta && read.meta.homeserver !== context.homeserverUrl) {
            throw new CliError(
                `${options.output} is a report for ${read.meta.homeserver}, not ${context.homeserverUrl}: ` +
                    `refusing to mix two servers. Choose another --output.`,
                EXIT.USAGE,
            );
        }
        if (read.meta && read.meta.stale_days !== options.staleDays) {
            throw new CliError(
                `${options.output} was started with --stale-days ${read.meta.stale_days}; continue with the same value or choose another --output.`,
                EXIT.USAGE,
            );
        }
        if (!read.meta && read.records.size > 0)
            throw new CliError(
                `${options.output} is not a posture report of this tool; choose another --output.`,
                EXIT.USAGE,
            );
        earlier = read.records;
        if (read.damagedLines > 0) say(`Report: ${read.damagedLines} unreadable line(s) ignored (an interrupted run).`);
    }
    const settled = new Set([...earlier.values()].filter((r) => r.status === "ok").map((r) => r.user_id));

    let fd: number;
    try {
        const needsNewline =
            exists && !fs.readFileSync(options.output, "utf8").endsWith("\n") && fs.statSync(options.output).size > 0;
        fd = fs.openSync(options.output, "a");
        if (needsNewline) fs.writeSync(fd, "\n");
        if (!exists || fs.statSync(options.output).size === 0)
            fs.writeSync(fd, JSON.stringify(reportMeta(context.homeserverUrl, options.staleDays)) + "\n");
    } catch (error) {
        throw new CliError(`Cannot write ${options.output}: ${(error as Error).message}`, EXIT.USAGE);
    }

    let progress: Progress | null = null;
    const started = Date.now();
    let result: Awaited<ReturnType<typeof collectPosture>>;
    try {
        result = await collectPosture({
            api: context.api,
            staleDays: options.staleDays,
            concurrency: options.concurrency,
            userIds: users,
            skip: settled,
            onTotal: (total) => {
                say(
                    `Assessing ${total} accounts` +
                        (settled.size ? ` (${settled.size} already in ${options.output})` : "") +
                        `; concurrency ${options.concurrency}.`,
                );
                progress = new Progress(total, io.stderr, options.progress, undefined, "accounts");
            },
            // One complete line per write to a file opened for appending: a crash loses at most that line.
            onRecord: (record) => {
                fs.writeSync(fd, recordLine(record) + "\n");
                (progress as Progress | null)?.advance(1);
            },
            shouldStop: () => io.signal?.aborted === true,
        });
    } catch (error) {
        fs.closeSync(fd);
        // The account list itself could not be read: nothing to report on.
        throw new CliError(`Cannot list the accounts: ${(error as Error).message}`, EXIT.CANNOT_RUN);
    } finally {
        (progress as Progress | null)?.finish();
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    const seconds = (Date.now() - started) / 1000;

    // The latest record per listed account; accounts gone since an earlier part of the run drop out.
    const listed = new Set(result.listed);
    const merged = new Map<string, AccountRecord>();
    for (const [id, record] of earlier) if (listed.has(id)) merged.set(id, record);
    for (const record of result.records) merged.set(record.user_id, record);
    const interrupted = io.signal?.aborted === true;
    const missing = result.listed.filter((id) => !merged.has(id)).length;
    const summary = summarize(merged.values(), {
        homeserver: context.homeserverUrl,
        staleDays: options.staleDays,
        interrupted: interrupted || missing > 0,
    });

    const csvPath = csvPathFor(options.output);
    fs.writeFileSync(csvPath, toCsv(merged.values()));
    if (options.html) {
        fs.writeFileSync(
            options.html,
            renderHtmlReport({ summary, records: merged.values(), previous, aggregateOnly: options.aggregateOnly }),
        );
    }
    for (const line of formatSummary(summary, previous)) io.stdout.write(line + "\n");
    const rate = seconds > 0 ? result.records.length / seconds : 0;
    say(
        `Finished in ${formatDuration(seconds)} (${rate.toFixed(1)} accounts/s)` +
            (context.rateLimited.count
                ? `; rate-limited ${context.rateLimited.count} times (waited ${formatDuration(context.rateLimited.waitedMs / 1000)})`
                : "") +
            `. Report: ${options.output}, ${csvPath}${options.html ? `, ${options.html}` : ""}.`,
    );
    if (interrupted) {
        say(`Interrupted: ${missing} accounts not assessed yet; rerun the same command to continue.`);
        return EXIT.INTERRUPTED;
    }
    if (!summary.complete) {
        say(
            `The report is incomplete: ${summary.failed} accounts could not be assessed; rerun the same command to retry them.`,
        );
        return EXIT.FAILURES;
    }
    return EXIT.OK;
}
