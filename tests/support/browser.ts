/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * Which Chromium the browser tests and `npm start`'s smoke check drive, so that a fresh machine
 * needs no `apt-get install chromium` first: `CHROMIUM` (a path), else the system's chromium or
 * Google Chrome, else Playwright's own Chromium (downloaded by `playwright-core install chromium` on
 * first use, where the network allows). When none can be had it fails with ONE line naming the
 * command to run.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

import { chromium } from "playwright-core";

const REPO_ROOT = resolve(__dirname, "../..");

/** Flags that keep a headless Chromium quiet and working as root in a container. */
export const CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

const SYSTEM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

function executable(path: string): boolean {
    try {
        accessSync(path, constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

function onPath(name: string): string | null {
    for (const dir of (process.env.PATH ?? "").split(delimiter)) {
        if (dir && executable(join(dir, name))) return join(dir, name);
    }
    return null;
}

/** Playwright's own Chromium for this playwright-core version, if it is installed. */
function playwrightChromium(): string | null {
    try {
        const path = chromium.executablePath();
        return path && existsSync(path) ? path : null;
    } catch {
        return null;
    }
}

export class NoBrowserError extends Error {}

/** A Chromium that exists now, or null (no download). */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
    if (env.CHROMIUM) {
        if (!executable(env.CHROMIUM)) throw new NoBrowserError(`CHROMIUM=${env.CHROMIUM} is not an executable file`);
        return env.CHROMIUM;
    }
    for (const name of SYSTEM_NAMES) {
        const found = onPath(name);
        if (found) return found;
    }
    return playwrightChromium();
}

/**
 * findChromium(), else installs Playwright's Chromium once (≈150 MB, into ~/.cache/ms-playwright).
 * Throws a NoBrowserError whose message is the one line to show the user.
 */
export function ensureChromium(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
    const found = findChromium();
    if (found) return found;
    log("No Chromium or Chrome found: downloading Playwright's Chromium (playwright-core install chromium)…");
    const result = spawnSync(join(REPO_ROOT, "node_modules", ".bin", "playwright-core"), ["install", "chromium"], {
        stdio: ["ignore", "inherit", "inherit"],
        timeout: 10 * 60_000,
    });
    const installed = result.status === 0 ? playwrightChromium() : null;
    if (installed) return installed;
    throw new NoBrowserError(
        "No browser for the tests: run `sudo apt-get install chromium` (or set CHROMIUM=/path/to/chrome)",
    );
}

/** The version line of a browser binary, for logs ("Chromium 140.0…"). */
export function browserVersion(path: string): string {
    try {
        return execFileSync(path, ["--version"], { encoding: "utf8", timeout: 10_000 }).trim();
    } catch {
        return path;
    }
}
