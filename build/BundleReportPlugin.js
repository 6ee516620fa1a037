/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Prints the raw and gzipped size of every emitted .js file and fails the build when the bundle
// breaks its budget or contains code it must never contain (the host provides React, ReactDOM's
// client renderer and the Matrix client; a second copy would be a second React or a second device).
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

/**
 * Bundled module paths that must never appear: React itself, ReactDOM's renderer, the Matrix SDK (the
 * host has its client; we bundle only its pure passphrase derivation, a file without imports).
 */
const FORBIDDEN = [
    { name: "React", pattern: /node_modules\/react\/(?!jsx-runtime|cjs\/react-jsx-runtime)/ },
    { name: "ReactDOM client", pattern: /node_modules\/react-dom\/(client|cjs\/react-dom-client)/ },
    { name: "React scheduler", pattern: /node_modules\/scheduler\// },
    { name: "matrix-js-sdk", pattern: /node_modules\/matrix-js-sdk\/(?!lib\/crypto-api\/key-passphrase\.js$)/ },
];

function gzipSize(buffer) {
    return zlib.gzipSync(buffer, { level: 9 }).length;
}

function kb(bytes) {
    return `${(bytes / 1024).toFixed(1)} KB`;
}

class BundleReportPlugin {
    /**
     * @param {{ entry: string, entryBudgetGz?: number, totalBudgetGz?: number, checkForbidden?: boolean,
     *   firstOpen?: { module: RegExp, budgetGz: number, loadedBefore?: RegExp }, reportFile?: string }} options
     *   firstOpen: the lazy import behind the panel's first view (the chunk group holding `module`):
     *   the code a user waits for when the chunks were not prefetched — without the chunks of
     *   `loadedBefore`'s group, a lazy import that always comes first (the reminders, fetched as soon
     *   as someone is signed in, before the entry point can be clicked). reportFile: where the figures
     *   go as JSON (for tests and the benchmark; not in dist/, which is deployed).
     */
    constructor(options) {
        this.options = options;
    }

    apply(compiler) {
        compiler.hooks.thisCompilation.tap("BundleReportPlugin", (compilation) => {
            compilation.hooks.processAssets.tap(
                { name: "BundleReportPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
                (assets) => this.report(compilation, assets),
            );
        });
    }

    report(compilation, assets) {
        const { entry, entryBudgetGz, totalBudgetGz, checkForbidden, firstOpen, reportFile } = this.options;
        const rows = [];
        for (const [file, source] of Object.entries(assets)) {
            if (!file.endsWith(".js")) continue;
            const buffer = Buffer.from(source.source());
            rows.push({ file, raw: buffer.length, gz: gzipSize(buffer) });
        }
        rows.sort((a, b) => (a.file === entry ? -1 : b.file === entry ? 1 : a.file.localeCompare(b.file)));
        const total = rows.reduce((sum, row) => ({ raw: sum.raw + row.raw, gz: sum.gz + row.gz }), { raw: 0, gz: 0 });
        const out = compilation.getLogger("BundleReportPlugin");
        const width = Math.max(10, ...rows.map((row) => row.file.length));
        const lines = rows.map(
            (row) => `  ${row.file.padEnd(width)}  ${kb(row.raw).padStart(9)} raw  ${kb(row.gz).padStart(9)} gz`,
        );
        lines.push(`  ${"total".padEnd(width)}  ${kb(total.raw).padStart(9)} raw  ${kb(total.gz).padStart(9)} gz`);
        const fail = (message) => compilation.errors.push(new Error(message));
        let firstOpenFigures = null;
        if (firstOpen) {
            const loaded = firstOpen.loadedBefore ? firstOpenFiles(compilation, firstOpen.loadedBefore) : [];
            const files = firstOpenFiles(compilation, firstOpen.module).filter((file) => !loaded.includes(file));
            const gz = rows.filter((row) => files.includes(row.file)).reduce((sum, row) => sum + row.gz, 0);
            firstOpenFigures = { files, gz, budgetGz: firstOpen.budgetGz, loadedBefore: loaded };
            lines.push(
                `  ${"first open".padEnd(width)}  ${"".padStart(13)}  ${kb(gz).padStart(9)} gz  (${files.join(", ")})`,
            );
            if (files.length === 0)
                fail(`No chunk holds ${firstOpen.module}: the first-open budget cannot be checked.`);
            if (gz > firstOpen.budgetGz) {
                fail(
                    `The panel's first view needs ${kb(gz)} gzipped (${files.join(", ")}); the budget is ${kb(firstOpen.budgetGz)}.`,
                );
            }
        }
        // console.log rather than the infrastructure logger: the figures should show at the default stats level.
        console.log(`\n${compilation.outputOptions.path}:\n${lines.join("\n")}\n`);
        if (reportFile) {
            fs.mkdirSync(path.dirname(reportFile), { recursive: true });
            fs.writeFileSync(
                reportFile,
                JSON.stringify({ files: rows, total, firstOpen: firstOpenFigures }, null, 4) + "\n",
            );
        }

        const entryRow = rows.find((row) => row.file === entry);
        if (entryBudgetGz && entryRow && entryRow.gz > entryBudgetGz) {
            fail(`${entry} is ${kb(entryRow.gz)} gzipped; the budget is ${kb(entryBudgetGz)}.`);
        }
        if (totalBudgetGz && total.gz > totalBudgetGz) {
            fail(`The bundle is ${kb(total.gz)} gzipped in total; the budget is ${kb(totalBudgetGz)}.`);
        }
        if (checkForbidden) {
            for (const resource of bundledResources(compilation)) {
                const found = FORBIDDEN.find(({ pattern }) => pattern.test(resource));
                if (found) fail(`The bundle must not contain ${found.name}, but includes ${resource}.`);
            }
        }
    }
}

/**
 * The .js files of the lazy chunk group that holds `modulePattern` (the chunk itself and the split
 * chunks it needs, e.g. compound-web's): what one import() of it fetches.
 */
function firstOpenFiles(compilation, modulePattern) {
    const { chunkGraph } = compilation;
    const holds = (chunk) => {
        for (const module of chunkGraph.getChunkModulesIterable(chunk)) {
            const inner = module.modules ?? [module];
            if (inner.some((m) => m.resource && modulePattern.test(m.resource.replaceAll("\\", "/")))) return true;
        }
        return false;
    };
    const files = new Set();
    for (const group of compilation.chunkGroups) {
        if (group.isInitial() || !group.chunks.some(holds)) continue;
        for (const chunk of group.chunks) for (const file of chunk.files) if (file.endsWith(".js")) files.add(file);
    }
    return [...files].sort();
}

/** The file of every module in the compilation, looking inside concatenated (scope-hoisted) modules. */
function bundledResources(compilation) {
    const resources = new Set();
    const visit = (module) => {
        if (module.modules) for (const inner of module.modules) visit(inner);
        if (module.resource) resources.add(module.resource.replaceAll("\\", "/"));
    };
    for (const module of compilation.modules) visit(module);
    return resources;
}

module.exports = { BundleReportPlugin, FORBIDDEN };
