#!/usr/bin/env node
/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/* The `element-account-security-admin` executable: wires the real process to runCli. */

import { runCli } from "./cli";

const controller = new AbortController();
process.once("SIGINT", () => {
    process.stderr.write("\nStopping after the rows in progress… (Ctrl-C again to quit now)\n");
    controller.abort();
    process.once("SIGINT", () => process.exit(130));
});

runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signal: controller.signal,
}).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(`Unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
        process.exitCode = 3;
    },
);
