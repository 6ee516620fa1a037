/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * Real Element Web builds for the browser tests and `npm start`.
 *
 * Element release archives (`element-web-<version>.tar.xz` from the shared test set, or the official
 * `element-v<version>.tar.gz` from https://github.com/element-hq/element-web/releases) are found in
 * `../shared/element-web/` beside the repo (a fresh CI clone gets a copy of `shared/` there), or where
 * `ELEMENT_WEB_ARCHIVES` (a directory or archive paths, `:`-separated) points. Each one is unpacked
 * ONCE into `node_modules/.cache/element-web/<version>-<checksum>/`: a new archive with the same
 * version gets a new folder, a run after the first costs one checksum per archive (~50 ms).
 *
 * Synchronous on purpose: jest needs the list of builds while it collects tests (`describe.each`).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
    existsSync,
    mkdirSync,
    readdirSync,
    readFileSync,
    renameSync,
    rmSync,
    statSync,
    writeFileSync,
    type Stats,
} from "node:fs";
import { basename, delimiter, join, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "../..");
export const SHARED_ELEMENT_DIR = resolve(REPO_ROOT, "..", "shared", "element-web");

/**
 * In a `git worktree` the checkout is not beside `shared/`; the main checkout is. Its path comes from
 * the `.git` file (`gitdir: <main>/.git/worktrees/<name>`). Null in an ordinary clone.
 */
function mainCheckoutSharedDir(): string | null {
    try {
        const gitFile = readFileSync(join(REPO_ROOT, ".git"), "utf8");
        const match = /^gitdir: (.*)\/\.git\/worktrees\/[^/]+\s*$/m.exec(gitFile);
        return match?.[1] ? resolve(match[1], "..", "shared", "element-web") : null;
    } catch {
        return null;
    }
}
export const ELEMENT_CACHE = join(REPO_ROOT, "node_modules", ".cache", "element-web");

export interface ElementBuild {
    /** e.g. "1.12.10" (from the build's own `version` file, else the archive name). */
    version: string;
    /** The unpacked directory that holds Element's index.html. */
    dir: string;
    /** Where it came from (an archive, or a directory given as ELEMENT_WEB_DIR). */
    source: string;
}

/** `element-web-1.12.10.tar.xz` / `element-v1.12.10.tar.gz` → "1.12.10"; null when not an Element archive. */
export function archiveVersion(file: string): string | null {
    const match = /^element-(?:web-)?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.(?:tar\.xz|tar\.gz|tgz)$/.exec(
        basename(file),
    );
    return match?.[1] ?? null;
}

/** Compares dotted versions numerically (1.12.10 > 1.12.9); pre-release parts compare as text. */
export function compareVersions(a: string, b: string): number {
    const pa = a.split(/[.-]/);
    const pb = b.split(/[.-]/);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const x = pa[i] ?? "";
        const y = pb[i] ?? "";
        const nx = Number(x);
        const ny = Number(y);
        const diff =
            Number.isInteger(nx) && Number.isInteger(ny) && x !== "" && y !== "" ? nx - ny : x.localeCompare(y);
        if (diff !== 0) return diff;
    }
    return 0;
}

function isFile(path: string): Stats | null {
    try {
        const stats = statSync(path);
        return stats.isFile() ? stats : null;
    } catch {
        return null;
    }
}

/** Every Element archive named by ELEMENT_WEB_ARCHIVES (dirs or files), else in ../shared/element-web/. */
export function findElementArchives(env: NodeJS.ProcessEnv = process.env): string[] {
    const places = env.ELEMENT_WEB_ARCHIVES
        ? env.ELEMENT_WEB_ARCHIVES.split(delimiter).filter(Boolean)
        : [
              SHARED_ELEMENT_DIR,
              ...(existsSync(SHARED_ELEMENT_DIR) ? [] : [mainCheckoutSharedDir() ?? SHARED_ELEMENT_DIR]),
          ];
    const found: string[] = [];
    for (const place of places) {
        const path = resolve(REPO_ROOT, place);
        if (isFile(path)) {
            if (archiveVersion(path)) found.push(path);
            continue;
        }
        if (!existsSync(path)) continue;
        for (const name of readdirSync(path).sort()) {
            if (archiveVersion(name) && isFile(join(path, name))) found.push(join(path, name));
        }
    }
    return found.sort((a, b) => compareVersions(archiveVersion(a)!, archiveVersion(b)!));
}

function sha256(file: string): string {
    return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** The directory in `root` that holds index.html (an archive has one top-level folder). */
function findIndexDir(root: string): string | null {
    if (existsSync(join(root, "index.html"))) return root;
    for (const name of readdirSync(root)) {
        const dir = join(root, name);
        if (statSync(dir).isDirectory() && existsSync(join(dir, "index.html"))) return dir;
    }
    return null;
}

function readVersionFile(dir: string, fallback: string): string {
    try {
        const text = readFileSync(join(dir, "version"), "utf8").trim().replace(/^v/, "");
        return text || fallback;
    } catch {
        return fallback;
    }
}

/**
 * Unpacks `archive` into the cache unless a previous run already did (same checksum), and returns the
 * build. Safe when several jest workers or `npm start` race: each unpacks into its own temp folder and
 * renames it into place; whoever loses the rename uses the winner's copy.
 */
export function unpackElementArchive(archive: string, cacheRoot = ELEMENT_CACHE): ElementBuild {
    const nameVersion = archiveVersion(archive) ?? "unknown";
    const target = join(cacheRoot, `${nameVersion}-${sha256(archive).slice(0, 16)}`);
    if (!existsSync(join(target, ".complete"))) {
        mkdirSync(cacheRoot, { recursive: true });
        const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
        mkdirSync(temp, { recursive: true });
        try {
            // GNU tar picks xz or gzip from the archive itself (-a is for creating; -x auto-detects).
            execFileSync("tar", ["-xf", archive, "-C", temp], { stdio: ["ignore", "ignore", "pipe"] });
            writeFileSync(join(temp, ".complete"), `${archive}\n`);
            try {
                renameSync(temp, target);
            } catch (error) {
                // Another process finished first (target exists and is complete): use its copy.
                if (!existsSync(join(target, ".complete"))) throw error;
            }
        } finally {
            rmSync(temp, { recursive: true, force: true });
        }
        // Older unpackings of the same version (a replaced archive) are dead weight now.
        for (const name of readdirSync(cacheRoot)) {
            const dir = join(cacheRoot, name);
            if (name.startsWith(`${nameVersion}-`) && dir !== target && !name.includes(".tmp-")) {
                rmSync(dir, { recursive: true, force: true });
            }
        }
    }
    const dir = findIndexDir(target);
    if (!dir) throw new Error(`${archive} does not contain an Element Web build (no index.html)`);
    return { version: readVersionFile(dir, nameVersion), dir, source: archive };
}

/** An already unpacked Element (e.g. ELEMENT_WEB_DIR), or throws naming what is wrong. */
export function elementFromDir(dirPath: string): ElementBuild {
    const root = resolve(REPO_ROOT, dirPath);
    if (!existsSync(root)) throw new Error(`ELEMENT_WEB_DIR=${dirPath}: no such directory`);
    const dir = findIndexDir(root);
    if (!dir) throw new Error(`ELEMENT_WEB_DIR=${dirPath}: no Element Web index.html there`);
    return { version: readVersionFile(dir, basename(dir)), dir, source: dir };
}

/** Every Element build the tests run in, oldest first (unpacked on first use). */
export function elementBuilds(env: NodeJS.ProcessEnv = process.env): ElementBuild[] {
    return findElementArchives(env).map((archive) => unpackElementArchive(archive));
}

/**
 * The Element `npm start` serves: ELEMENT_WEB_DIR, else ELEMENT_WEB_ARCHIVE, else the newest archive
 * found (see findElementArchives); null when there is none.
 */
export function newestElement(env: NodeJS.ProcessEnv = process.env): ElementBuild | null {
    if (env.ELEMENT_WEB_DIR) return elementFromDir(env.ELEMENT_WEB_DIR);
    if (env.ELEMENT_WEB_ARCHIVE) {
        const archive = resolve(REPO_ROOT, env.ELEMENT_WEB_ARCHIVE);
        if (!isFile(archive)) throw new Error(`ELEMENT_WEB_ARCHIVE=${env.ELEMENT_WEB_ARCHIVE}: no such file`);
        return unpackElementArchive(archive);
    }
    const archives = findElementArchives(env);
    return archives.length ? unpackElementArchive(archives[archives.length - 1]!) : null;
}

/**
 * Element's config.json for a server at `origin` (Synapse proxied there): the sign-in form points at
 * it, guests are off (Element would otherwise register a guest at start), and the module is listed
 * with its config under our key.
 */
export function elementConfig(origin: string, moduleConfig: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        default_server_config: { "m.homeserver": { base_url: origin, server_name: "localhost" } },
        disable_guests: true,
        disable_custom_urls: false,
        // No phone-home to matrix.org / vector.im from a test or the demo.
        bug_report_endpoint_url: null,
        show_labs_settings: false,
        modules: ["/modules/account-security/index.js"],
        "io.github.element_account_security": moduleConfig,
    };
}

/**
 * Element's own start-up errors in these builds: three uncaught
 * `ReferenceError: Cannot access 'B' before initialization`, with or without any module (see
 * ../shared/element-web/README.md). Tests filter exactly these by message; any other page error counts.
 */
export function isKnownElementStartupError(error: { message: string; stack?: string }): boolean {
    // Only Element's own 'B', and never one thrown from the module's files.
    return (
        /^(ReferenceError: )?Cannot access 'B' before initialization$/.test(error.message.trim()) &&
        !(error.stack ?? "").includes("/modules/account-security/")
    );
}
