/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { pathToFileURL } from "node:url";

export const DIST = path.resolve(__dirname, "../../../dist");
export const LIB = path.resolve(__dirname, "../../../lib");

/**
 * Imports the built dist/index.js the way Element does: a native ES module import() by URL, so
 * import.meta.url and the lazy chunks next to it work as in a browser. Needs jest to run with
 * --experimental-vm-modules (the npm scripts set it).
 */
export async function importBuiltModule(): Promise<{ default: unknown }> {
    const file = path.join(DIST, "index.js");
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
    if (typeof (vm as { SourceTextModule?: unknown }).SourceTextModule !== "function") {
        throw new Error(
            "Loading the built ES module needs jest under --experimental-vm-modules: " +
                "run `npm run test:unit` (it sets NODE_OPTIONS), not plain `jest`.",
        );
    }
    return import(pathToFileURL(file).href);
}

/**
 * A real ModuleLoader that claims another engine version: the published loader's code with its
 * version string replaced (the loader hard-codes the version it checks against).
 */
export async function importLoaderClaimingVersion(
    packageDir: string,
    realVersion: string,
    claimedVersion: string,
): Promise<{
    ModuleLoader: new (api: unknown) => LoaderLike;
    ModuleIncompatibleError: new (...args: never[]) => Error;
}> {
    const source = fs.readFileSync(path.join(packageDir, "lib/element-web-plugin-engine.js"), "utf8");
    const patched = source
        .replaceAll(`"${realVersion}"`, `"${claimedVersion}"`)
        .replaceAll(realVersion, claimedVersion);
    if (!patched.includes(claimedVersion)) throw new Error(`no version ${realVersion} found in the loader`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eas-loader-"));
    const file = path.join(dir, `engine-${claimedVersion}.mjs`);
    fs.writeFileSync(file, patched.replace(/\/\/# sourceMappingURL=.*$/m, ""));
    return import(pathToFileURL(file).href);
}

export interface LoaderLike {
    load(moduleExport: unknown): Promise<void>;
    start(): Promise<void>;
}
