/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The one-account commands: show, add-email, remove-email, create. Unlike `import`, each is all or
 * nothing: if any address is refused or invalid, nothing at all is changed and the exit code is 1.
 */

import { describeFailure } from "../matrix/errors";
import { describePlan, planProblems, type EmailChangeRequest } from "../matrix/admin/plan";
import { AccountChangedError, applyPlanChecked, planChange } from "../matrix/admin/provision";
import type { AdminUser } from "../matrix/admin/types";
import { CliError, EXIT, type CliContext } from "./context";
import { normalizeUserId } from "../matrix/admin/userId";
import type { CliIO } from "./io";

export function resolveUser(raw: string | undefined, context: CliContext): string {
    if (!raw) throw new CliError("Which account? Give a user id like @alice:" + context.serverName, EXIT.USAGE);
    const id = normalizeUserId(raw, context.serverName);
    if ("error" in id) throw new CliError(id.error, EXIT.USAGE);
    return id.userId;
}

const when = (ms: number | undefined): string =>
    ms === undefined || ms === null
        ? "never"
        : new Date(ms)
              .toISOString()
              .replace("T", " ")
              .replace(/\.\d+Z$/, " UTC");

export function formatUser(user: AdminUser): string[] {
    const lines = [
        user.name,
        `  display name: ${user.displayname ?? "(none)"}`,
        `  server admin: ${user.admin ? "yes" : "no"}, deactivated: ${user.deactivated ? "yes" : "no"}`,
    ];
    // creation_ts is in seconds in Synapse's user record.
    if (user.creation_ts) lines.push(`  created: ${when(user.creation_ts * (user.creation_ts < 1e12 ? 1000 : 1))}`);
    const emails = user.threepids.filter((t) => t.medium === "email");
    lines.push(
        `  email addresses (${emails.length}):${emails.length ? "" : " none: this account cannot reset a lost password"}`,
    );
    for (const t of emails)
        lines.push(`    ${t.address}  added ${when(t.added_at)}, validated ${when(t.validated_at)}`);
    const others = user.threepids.filter((t) => t.medium !== "email");
    for (const t of others) lines.push(`  ${t.medium}: ${t.address}`);
    return lines;
}

export async function showUser(
    context: CliContext,
    raw: string | undefined,
    json: boolean,
    io: CliIO,
): Promise<number> {
    const userId = resolveUser(raw, context);
    const user = await context.api.getUser(userId);
    if (!user) {
        io.stderr.write(`${userId} does not exist.\n`);
        return EXIT.FAILURES;
    }
    io.stdout.write(json ? JSON.stringify(user, null, 2) + "\n" : formatUser(user).join("\n") + "\n");
    return EXIT.OK;
}

/**
 * Plans `request`, prints the plan, and applies it unless it is a dry run or has a problem.
 * Used by add-email, remove-email and create.
 */
export async function changeUser(
    context: CliContext,
    request: EmailChangeRequest,
    options: { dryRun: boolean; json: boolean; mustNotExist?: boolean },
    io: CliIO,
): Promise<number> {
    const plan = await planChange(context.api, request);
    if (options.mustNotExist && !plan.createUser) {
        throw new CliError(
            `${request.userId} already exists; use "user add-email" to give it addresses.`,
            EXIT.FAILURES,
        );
    }
    const problems = planProblems(plan);
    if (options.json && (options.dryRun || problems.length > 0)) {
        io.stdout.write(JSON.stringify({ plan, problems, applied: false }, null, 2) + "\n");
    } else if (!options.json) {
        for (const line of describePlan(plan)) io.stdout.write(line + "\n");
    }
    for (const moved of plan.moved)
        io.stderr.write(`Warning: ${moved.address} will be taken away from ${moved.from}.\n`);
    if (problems.length > 0) {
        for (const problem of problems) io.stderr.write(`Error: ${problem}\n`);
        io.stderr.write("Nothing was changed.\n");
        return EXIT.FAILURES;
    }
    if (plan.before.length > 0 && plan.after.length === 0 && plan.removed.length > 0) {
        io.stderr.write(
            `Warning: ${request.userId} will have no email address left: a lost password cannot be reset.\n`,
        );
    }
    if (options.dryRun) {
        io.stderr.write("Dry run: nothing was changed.\n");
        return EXIT.OK;
    }
    let outcome;
    try {
        outcome = await applyPlanChecked(context.api, plan, request);
    } catch (error) {
        if (error instanceof AccountChangedError)
            throw new CliError(
                `${request.userId} changed since it was read (its addresses were changed meanwhile), so nothing was ` +
                    `written: writing now would drop the new ones. Run the command again.`,
                EXIT.FAILURES,
            );
        throw error;
    }
    if (outcome.kind !== "applied" || "error" in outcome) {
        const error = "error" in outcome ? outcome.error : undefined;
        const failure = describeFailure(error);
        const message = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
        const what = `${failure.kind === "server" ? failure.detail : failure.kind}${typeof message === "string" ? `: ${message}` : ""}`;
        // Which state the account is in, checked by reading it again after the failed write.
        if (outcome.kind === "not_applied")
            throw new CliError(
                `The homeserver did not take the change (${what}). Checked afterwards: nothing was changed; ` +
                    `${request.userId} has exactly the addresses it had before. Run the command again.`,
                EXIT.FAILURES,
            );
        if (outcome.kind === "unknown")
            throw new CliError(
                `The homeserver did not confirm the change (${what}), and reading ${request.userId} afterwards ` +
                    `showed neither the old nor the new addresses. Check with "user show ${request.userId}".`,
                EXIT.FAILURES,
            );
        io.stderr.write(
            `The homeserver answered with an error (${what}), but the change was made: checked afterwards, ` +
                `${request.userId} has exactly the intended addresses.\n`,
        );
    }
    const user: AdminUser | null = outcome.kind === "applied" ? outcome.user : null;
    if (options.json)
        io.stdout.write(JSON.stringify({ plan, problems, applied: plan.hasChanges, user }, null, 2) + "\n");
    else io.stderr.write(plan.hasChanges ? "Done.\n" : "Nothing to change.\n");
    return EXIT.OK;
}
