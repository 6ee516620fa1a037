/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Runs once before the integration project: makes sure the pinned Synapse venv exists, so
// `npm test` works on a fresh clone with no manual step (a fast no-op when it is already there).
const { execFileSync } = require("node:child_process");
const { join } = require("node:path");

module.exports = async function globalSetup() {
    const started = Date.now();
    execFileSync(join(__dirname, "../../scripts/setup-synapse.sh"), { stdio: "inherit" });
    const ms = Date.now() - started;
    if (ms > 1000) console.info(`Synapse venv ready in ${ms} ms`);
};
