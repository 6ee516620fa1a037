/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Runs once before the integration project: makes sure the pinned Synapse venv exists, so
// `npm test` works on a fresh clone with no manual step (a fast no-op when it is already there),
// and removes Synapse temp folders that failing runs kept more than a day ago.
const { execFileSync } = require("node:child_process");
const { readdirSync, readFileSync, rmSync, statSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

const DAY_MS = 24 * 60 * 60 * 1000;

function isRunning(pidFile) {
    try {
        process.kill(Number(readFileSync(pidFile, "utf8").trim()), 0);
        return true;
    } catch {
        return false;
    }
}

function removeStaleFolders() {
    const root = process.env.TESTBED_DIR ?? tmpdir();
    for (const name of readdirSync(root)) {
        if (!name.startsWith("acc-synapse-")) continue;
        const dir = join(root, name);
        try {
            if (Date.now() - statSync(dir).mtimeMs < DAY_MS) continue;
            if (isRunning(join(dir, "testbed.pid"))) continue;
            rmSync(dir, { recursive: true, force: true });
        } catch {
            // Someone else's folder or already gone: not ours to worry about.
        }
    }
}

module.exports = async function globalSetup() {
    const started = Date.now();
    execFileSync(join(__dirname, "../../scripts/setup-synapse.sh"), { stdio: "inherit" });
    const ms = Date.now() - started;
    if (ms > 1000) console.info(`Synapse venv ready in ${ms} ms`);
    removeStaleFolders();
};
