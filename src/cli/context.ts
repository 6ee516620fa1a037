/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * What every command needs: the homeserver URL, the admin token and a checked Admin API client.
 * The token comes from the environment or a file, never from the command line (argv is visible to
 * every user of the machine in `ps` and lands in shell history), and is never printed.
 */

import * as fs from "node:fs";

import { describeFailure } from "../matrix/errors";
import { checkAdminAccess, explainAccess } from "../matrix/admin/access";
import { fetchTransport } from "../matrix/admin/fetchTransport";
import { SynapseAdminApi } from "../matrix/admin/SynapseAdminApi";
import { serverNameOf } from "../matrix/admin/userId";

export const TOKEN_ENV = "SYNAPSE_ADMIN_TOKEN";
export const URL_ENV = "SYNAPSE_URL";

/** A failure that ends the command with a message and an exit code (no stack trace). */
export class CliError extends Error {
    public constructor(
        message: string,
        public readonly exitCode: number = EXIT.CANNOT_RUN,
    ) {
        super(message);
        this.name = "CliError";
    }
}

export const EXIT = {
    OK: 0,
    /** Some rows / addresses failed or were refused. */
    FAILURES: 1,
    /** Wrong usage (unknown option, missing argument). */
    USAGE: 2,
    /** Cannot run at all: no token, not an admin, server unreachable, delegated auth. */
    CANNOT_RUN: 3,
    /** Interrupted with Ctrl-C. */
    INTERRUPTED: 130,
} as const;

export interface CliContext {
    api: SynapseAdminApi;
    homeserverUrl: string;
    /** The admin the token belongs to. */
    adminUserId: string;
    /** The part after ":" in user ids of this server (used to complete bare localparts). */
    serverName: string;
    /** Number of 429 answers waited out so far. */
    rateLimited: { count: number; waitedMs: number };
}

export function readToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv): string {
    if (tokenFile !== undefined) {
        let text: string;
        try {
            text = fs.readFileSync(tokenFile, "utf8");
        } catch (error) {
            throw new CliError(`Cannot read the token file ${tokenFile}: ${(error as Error).message}`);
        }
        const token = text.trim();
        if (!token) throw new CliError(`The token file ${tokenFile} is empty.`);
        return token;
    }
    const token = env[TOKEN_ENV]?.trim();
    if (!token) {
        throw new CliError(
            `No admin access token. Put it in the ${TOKEN_ENV} environment variable or in a file named by --token-file (never on the command line).`,
        );
    }
    return token;
}

/** Explains a failure of the very first request (wrong URL, bad token) in plain words. */
export function explainConnectFailure(error: unknown, homeserverUrl: string): string {
    const failure = describeFailure(error);
    switch (failure.kind) {
        case "unreachable":
            return `Cannot reach ${homeserverUrl} (${failure.detail}). Check --homeserver / ${URL_ENV}.`;
        case "timeout":
            return `${homeserverUrl} did not answer in time.`;
        case "rate_limited":
            return `${homeserverUrl} keeps rate-limiting us; try again later.`;
        case "server":
            if (failure.errcode === "M_UNKNOWN_TOKEN" || failure.httpStatus === 401)
                return `${homeserverUrl} does not accept the access token (${failure.errcode ?? "HTTP 401"}): it is wrong, expired or logged out.`;
            return `${homeserverUrl} answered with an error: ${failure.detail}.`;
        case "bug":
            // Not the homeserver: the stack went to stderr once (reportBug); the code matches it.
            return `Something went wrong in the admin tool (${failure.code}) before ${homeserverUrl} answered.`;
    }
}

/**
 * Whether `hostname` (as `new URL()` normalises it: IPv4 in dotted decimal, IPv6 in brackets) is this
 * machine's loopback: 127.0.0.0/8, [::1] or "localhost". Traffic to it never leaves the machine.
 */
export function isLoopbackHost(hostname: string): boolean {
    const host = hostname.toLowerCase();
    return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The homeserver base URL to use, or a usage error. Plain http:// would send the admin token (it
 * can do anything on the server) readable to anyone on the path, so it is refused unless the host
 * is loopback or the admin says so with --allow-insecure-http (then `warn` is told).
 */
export function checkHomeserverUrl(
    raw: string | undefined,
    options: { allowInsecureHttp?: boolean; warn?: (message: string) => void } = {},
): string {
    const homeserverUrl = (raw ?? "").trim().replace(/\/+$/, "");
    if (!homeserverUrl)
        throw new CliError(`Which homeserver? Give --homeserver https://… or set ${URL_ENV}.`, EXIT.USAGE);
    let url: URL | undefined;
    try {
        url = /^https?:\/\//i.test(homeserverUrl) ? new URL(homeserverUrl) : undefined;
    } catch {
        url = undefined;
    }
    if (!url) throw new CliError(`--homeserver must be an http(s) URL, got "${homeserverUrl}".`, EXIT.USAGE);
    if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
        if (!options.allowInsecureHttp) {
            throw new CliError(
                `Refusing to send the admin access token unencrypted to ${url.host}: use https://. ` +
                    `Plain http:// is accepted only for this machine (localhost, 127.0.0.1, [::1]) or with ` +
                    `--allow-insecure-http, when the network to the server is trusted.`,
                EXIT.USAGE,
            );
        }
        options.warn?.(`Warning: the admin access token goes to ${url.host} unencrypted (--allow-insecure-http).\n`);
    }
    return homeserverUrl;
}

export async function connect(options: {
    homeserver: string | undefined;
    tokenFile: string | undefined;
    env: NodeJS.ProcessEnv;
    requireAdmin?: boolean;
    allowInsecureHttp?: boolean;
    /** Longest wait for one answer (default 30 s). */
    timeoutMs?: number;
    warn?: (message: string) => void;
}): Promise<CliContext> {
    // Checked before the token is even read: nothing is sent to a URL that fails these checks.
    const homeserverUrl = checkHomeserverUrl(options.homeserver ?? options.env[URL_ENV], options);
    const token = readToken(options.tokenFile, options.env);
    const rateLimited = { count: 0, waitedMs: 0 };
    const api = new SynapseAdminApi(fetchTransport(homeserverUrl, token, { timeoutMs: options.timeoutMs }), {
        timeoutMs: options.timeoutMs,
        onRateLimited: (ms) => {
            rateLimited.count++;
            rateLimited.waitedMs += ms;
        },
    });

    let adminUserId: string;
    try {
        adminUserId = await api.whoami();
    } catch (error) {
        throw new CliError(explainConnectFailure(error, homeserverUrl));
    }
    let access;
    try {
        access = await checkAdminAccess(api, adminUserId);
    } catch (error) {
        throw new CliError(explainConnectFailure(error, homeserverUrl));
    }
    const explanation = explainAccess(access, homeserverUrl);
    if (explanation !== null) throw new CliError(explanation);
    const serverName = serverNameOf(adminUserId);
    return { api, homeserverUrl, adminUserId, serverName, rateLimited };
}
