/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * Sends matrix-js-sdk's log lines (~1,500 per run) to a file instead of the console, where they would
 * bury the test output. Both the per-client logger we pass to `createClient` and the SDK's global
 * loglevel logger (still used by some of its modules) end up in the same file.
 */

import { appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import loglevel from "loglevel";
import type { Logger } from "matrix-js-sdk/lib/logger.js";

let logFile = join(tmpdir(), `acc-sdk-${process.pid}.log`);

/** Where SDK log lines go now. `setupSynapse` points it into the Synapse temp folder. */
export function sdkLogPath(): string {
    return logFile;
}

function format(args: unknown[]): string {
    return args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 3, breakLength: Infinity }))).join(" ");
}

function write(level: string, prefix: string, args: unknown[]): void {
    try {
        appendFileSync(logFile, `${new Date().toISOString()} ${level} ${prefix}${format(args)}\n`);
    } catch {
        // Logging must never fail a test.
    }
}

let globalRouted = false;

/** Routes the SDK's global loglevel loggers to `path` (and all later ones, and their children). */
export function routeSdkLogs(path: string): void {
    logFile = path;
    if (globalRouted) return;
    globalRouted = true;
    const factory: loglevel.MethodFactory = (methodName, _level, loggerName) => {
        const prefix = loggerName ? `[${String(loggerName)}] ` : "";
        return (...args: unknown[]) => write(methodName.toUpperCase(), prefix, args);
    };
    loglevel.methodFactory = factory;
    loglevel.rebuild();
    for (const child of Object.values(loglevel.getLoggers())) {
        child.methodFactory = factory;
        child.rebuild();
    }
}

/** A matrix-js-sdk `Logger` writing to the SDK log file, each line prefixed (e.g. with user and device). */
export function fileLogger(prefix: string): Logger {
    const make = (p: string): Logger => ({
        trace: (...args: unknown[]) => write("TRACE", p, args),
        debug: (...args: unknown[]) => write("DEBUG", p, args),
        info: (...args: unknown[]) => write("INFO", p, args),
        warn: (...args: unknown[]) => write("WARN", p, args),
        error: (...args: unknown[]) => write("ERROR", p, args),
        getChild: (namespace: string) => make(`${p}${namespace} `),
    });
    return make(`[${prefix}] `);
}
