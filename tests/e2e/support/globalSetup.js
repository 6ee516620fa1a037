/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Runs once before the e2e project: the Synapse venv (as for integration tests), a browser (found, or
// Playwright's Chromium downloaded once — not by every test file at the same time), the real Element
// builds unpacked into their cache, the development host page bundle, and the module bundle if there
// is none yet (`npm test` builds it before jest; run `npm run build` yourself after changing src/ when
// running this project alone).
const { execFileSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "../../..");
const bin = (name) => join(root, "node_modules/.bin", name);

module.exports = async function globalSetup() {
    const started = Date.now();
    execFileSync(join(root, "scripts/setup-synapse.sh"), { stdio: "inherit" });
    // TypeScript modules: jest transforms what globalSetup requires.
    const { ensureChromium, browserVersion, NoBrowserError } = require("../../support/browser");
    const { elementBuilds } = require("../../support/elementWeb");
    try {
        console.info(`e2e: browser ${browserVersion(ensureChromium())}`);
    } catch (error) {
        // One line that names the command, not a stack.
        if (error instanceof NoBrowserError) throw new Error(error.message);
        throw error;
    }
    const builds = elementBuilds();
    console.info(
        builds.length
            ? `e2e: real Element Web ${builds.map((b) => b.version).join(", ")}`
            : "e2e: NO Element Web archive found (../shared/element-web/ or ELEMENT_WEB_ARCHIVES)",
    );
    if (!existsSync(join(root, "dist/index.js"))) {
        execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
    }
    execFileSync(bin("webpack"), ["--config", "dev/webpack.host.config.js", "--mode", "development"], {
        cwd: root,
        stdio: "inherit",
    });
    console.info(`e2e: host page built in ${Date.now() - started} ms`);
};
