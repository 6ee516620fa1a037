/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import * as fs from "node:fs";
import { parseArgs } from "node:util";

import { CliError, connect, EXIT, TOKEN_ENV, URL_ENV } from "./context";
import { DEFAULT_CONCURRENCY, importCommand } from "./importCommand";
import type { CliIO } from "./io";
import { DEFAULT_REPORT_PATH, DEFAULT_STALE_DAYS, reportCommand } from "./reportCommand";
import { changeUser, resolveUser, showUser } from "./userCommands";

export const USAGE = `Usage: element-account-security-admin [options] <command>

Provision Matrix accounts with email addresses through Synapse's Admin API, safely:
existing addresses are kept (merge), an address that belongs to another account is refused
unless --force, and --dry-run prints exactly what would change.

Commands:
  user show <user>                      Show an account and its email addresses
  user add-email <user> <address>...    Add addresses (keeps the existing ones)
  user remove-email <user> <address>... Remove addresses
  user create <user> [--email <address>]... [--displayname <name>] [--password-file <path>]
  import <file>                         Add addresses from CSV or JSON Lines:
                                          user_id,email[,displayname]  (one address per row)
  report [--users <file>]               Security posture of every local account (or those in the file):
                                          email, cross-signing, recovery, devices (unverified, stale)

Options:
  --homeserver <url>     Homeserver base URL (or ${URL_ENV})
  --token-file <path>    File holding an admin access token (or ${TOKEN_ENV}); never on the command line
  --allow-insecure-http  Accept an http:// homeserver that is not this machine (the token travels
                         unencrypted); without it only https:// or http://localhost / 127.x / [::1]
  --dry-run              Print what would change; change nothing
  --force                Move an address away from the account that has it (import: one account at a time)
  --json                 Machine-readable output (user show, add-email, remove-email, create)
  --create               import: create accounts that do not exist yet
  --replace              import: drop addresses the file does not list for an account
  --format csv|jsonl     import: file format (default: from the file name or content)
  --report <path>        import: report file (default <file>.report.jsonl); rerun resumes from it
  --concurrency <n>      import, report: accounts processed at once (default ${DEFAULT_CONCURRENCY})
  --no-progress          import, report: no progress bar
  --output <path>        report: JSON Lines report (default ${DEFAULT_REPORT_PATH}; CSV beside it);
                         rerun resumes from it
  --stale-days <n>       report: a device unseen for this many days is stale (default ${DEFAULT_STALE_DAYS})
  --html <path>          report: also write a self-contained HTML page (charts, sortable table)
  --compare <old.jsonl>  report: show the change against an earlier report
  --aggregate-only       report: leave user IDs out of the HTML page
  -h, --help             This help

Exit codes: 0 ok, 1 some changes refused or failed, 2 usage error, 3 cannot run (token, access, server).`;

const OPTIONS = {
    homeserver: { type: "string" },
    "token-file": { type: "string" },
    "allow-insecure-http": { type: "boolean" },
    "dry-run": { type: "boolean" },
    force: { type: "boolean" },
    json: { type: "boolean" },
    create: { type: "boolean" },
    replace: { type: "boolean" },
    format: { type: "string" },
    report: { type: "string" },
    concurrency: { type: "string" },
    "no-progress": { type: "boolean" },
    users: { type: "string" },
    output: { type: "string" },
    "stale-days": { type: "string" },
    html: { type: "string" },
    compare: { type: "string" },
    "aggregate-only": { type: "boolean" },
    email: { type: "string", multiple: true },
    displayname: { type: "string" },
    "password-file": { type: "string" },
    help: { type: "boolean", short: "h" },
} as const;

type OptionName = keyof typeof OPTIONS;
const COMMON: OptionName[] = ["homeserver", "token-file", "allow-insecure-http", "help"];
const ALLOWED: Record<string, OptionName[]> = {
    "user show": [...COMMON, "json"],
    "user add-email": [...COMMON, "json", "dry-run", "force"],
    "user remove-email": [...COMMON, "json", "dry-run"],
    "user create": [...COMMON, "json", "dry-run", "force", "email", "displayname", "password-file"],
    import: [...COMMON, "dry-run", "force", "create", "replace", "format", "report", "concurrency", "no-progress"],
    report: [
        ...COMMON,
        "users",
        "output",
        "stale-days",
        "html",
        "compare",
        "aggregate-only",
        "concurrency",
        "no-progress",
    ],
};

/** Refuses secrets on the command line before anything else looks at argv (it shows in `ps`). */
function rejectSecretsInArgv(argv: readonly string[]): void {
    for (const arg of argv) {
        const name = arg.split("=")[0];
        if (name === "--token" || name === "--access-token" || name === "--password") {
            throw new CliError(
                `${name} is not accepted: secrets on the command line are visible to other users (ps, shell history). ` +
                    (name === "--password" ? "Use --password-file." : `Set ${TOKEN_ENV} or use --token-file.`),
                EXIT.USAGE,
            );
        }
    }
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
    try {
        rejectSecretsInArgv(argv);
        let parsed;
        try {
            parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
        } catch (error) {
            throw new CliError(`${(error as Error).message}\n\n${USAGE}`, EXIT.USAGE);
        }
        const { values, positionals } = parsed;
        if (values.help || positionals.length === 0) {
            io.stdout.write(USAGE + "\n");
            return positionals.length === 0 && !values.help ? EXIT.USAGE : EXIT.OK;
        }
        const command = positionals[0] === "user" ? `user ${positionals[1] ?? ""}` : (positionals[0] ?? "");
        const args = positionals.slice(positionals[0] === "user" ? 2 : 1);
        const allowed = ALLOWED[command];
        if (!allowed) throw new CliError(`Unknown command "${command.trim()}".\n\n${USAGE}`, EXIT.USAGE);
        for (const name of Object.keys(values) as OptionName[]) {
            if (!allowed.includes(name)) throw new CliError(`--${name} does not apply to "${command}".`, EXIT.USAGE);
        }

        let concurrency = DEFAULT_CONCURRENCY;
        if (values.concurrency !== undefined) {
            concurrency = Number(values.concurrency);
            if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
                throw new CliError("--concurrency must be a whole number from 1 to 64.", EXIT.USAGE);
        }
        if (values.format !== undefined && values.format !== "csv" && values.format !== "jsonl")
            throw new CliError("--format must be csv or jsonl.", EXIT.USAGE);
        let staleDays = DEFAULT_STALE_DAYS;
        if (values["stale-days"] !== undefined) {
            staleDays = Number(values["stale-days"]);
            if (!Number.isInteger(staleDays) || staleDays < 1 || staleDays > 3650)
                throw new CliError("--stale-days must be a whole number of days from 1 to 3650.", EXIT.USAGE);
        }
        if (command === "report" && args.length !== 0)
            throw new CliError("report takes no file argument (use --users <file> to name accounts).", EXIT.USAGE);
        if (command === "import" && args.length !== 1) throw new CliError("import needs exactly one file.", EXIT.USAGE);
        if ((command === "user add-email" || command === "user remove-email") && args.length < 2)
            throw new CliError(`${command} needs a user and at least one address.`, EXIT.USAGE);

        let password: string | undefined;
        if (values["password-file"] !== undefined) {
            try {
                password = fs.readFileSync(values["password-file"], "utf8").replace(/\r?\n$/, "");
            } catch (error) {
                throw new CliError(`Cannot read the password file: ${(error as Error).message}`, EXIT.USAGE);
            }
            if (!password) throw new CliError("The password file is empty.", EXIT.USAGE);
        }

        const context = await connect({
            homeserver: values.homeserver,
            tokenFile: values["token-file"],
            env: io.env,
            allowInsecureHttp: values["allow-insecure-http"] === true,
            warn: (message) => io.stderr.write(message),
        });
        const dryRun = values["dry-run"] === true;
        const json = values.json === true;
        switch (command) {
            case "user show":
                return await showUser(context, args[0], json, io);
            case "user add-email":
                return await changeUser(
                    context,
                    { userId: resolveUser(args[0], context), add: args.slice(1), force: values.force === true },
                    { dryRun, json },
                    io,
                );
            case "user remove-email":
                return await changeUser(
                    context,
                    { userId: resolveUser(args[0], context), add: [], remove: args.slice(1) },
                    { dryRun, json },
                    io,
                );
            case "user create":
                return await changeUser(
                    context,
                    {
                        userId: resolveUser(args[0], context),
                        add: values.email ?? [],
                        force: values.force === true,
                        createIfMissing: true,
                        displayname: values.displayname,
                        password,
                    },
                    { dryRun, json, mustNotExist: true },
                    io,
                );
            case "report":
                return await reportCommand(
                    context,
                    {
                        usersFile: values.users,
                        output: values.output ?? DEFAULT_REPORT_PATH,
                        staleDays,
                        concurrency,
                        html: values.html,
                        compare: values.compare,
                        aggregateOnly: values["aggregate-only"] === true,
                        progress: values["no-progress"] !== true,
                    },
                    io,
                );
            default:
                return await importCommand(
                    context,
                    {
                        file: args[0]!,
                        format: values.format as "csv" | "jsonl" | undefined,
                        reportPath: values.report,
                        concurrency,
                        create: values.create === true,
                        replace: values.replace === true,
                        force: values.force === true,
                        dryRun,
                        progress: values["no-progress"] !== true,
                    },
                    io,
                );
        }
    } catch (error) {
        if (error instanceof CliError) {
            io.stderr.write(`${error.message}\n`);
            return error.exitCode;
        }
        // Unexpected: say what, never dump request details (they could include addresses, not tokens).
        io.stderr.write(`Unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
        return EXIT.CANNOT_RUN;
    }
}
