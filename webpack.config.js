/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Two builds from one codebase:
//  - runtime (dist/index.js): an ES module that Element Web's module loader import()s from config.json's
//    "modules" list. React comes from window.React (the module API contract); panels are lazy chunks that
//    load from next to index.js (publicPath "auto" resolves against import.meta.url).
//  - legacy (lib/legacy.js): the RuntimeModule that older Element Web bundles at build time from
//    build_config.yaml. Element's own webpack compiles it, so react, react-dom and the module API stay
//    imports that resolve to Element's copies; it is a single CommonJS file (no chunks to serve).
const path = require("node:path");
const fs = require("node:fs");
const webpack = require("webpack");

const { BundleReportPlugin } = require("./build/BundleReportPlugin");

const KB = 1024;

const typescriptRule = {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
        loader: "ts-loader",
        // Type errors are reported by `npm run typecheck` (tsc --noEmit over the whole repo).
        options: { transpileOnly: true, compilerOptions: { noEmit: false, sourceMap: true } },
    },
};

// compound-web's stylesheet is imported by lazy panel code only, so style-loader injects it when a
// panel first opens, never at load().
// sideEffects: compound-web declares "sideEffects": false, which would otherwise let webpack drop the import.
// url: false — compound-web's stylesheet only has a data: URL and a #fragment; left as they are, they
// need no asset modules and no document.baseURI/self.location runtime (lib/legacy.js must load in any
// environment Element's build evaluates it in).
const cssRule = {
    test: /\.css$/,
    sideEffects: true,
    use: ["style-loader", { loader: "css-loader", options: { url: false } }],
};

const resolve = { extensions: [".ts", ".tsx", ".js", ".json"] };

/** Writes dist/package.json so tools that read dist/ directly (Node, jest) treat its .js files as ES modules. */
class MarkDirectoryAsEsmPlugin {
    apply(compiler) {
        compiler.hooks.afterEmit.tap("MarkDirectoryAsEsmPlugin", (compilation) => {
            const file = path.join(compilation.outputOptions.path, "package.json");
            fs.writeFileSync(file, JSON.stringify({ type: "module", sideEffects: false }, null, 4) + "\n");
        });
    }
}

/** @type {import("webpack").Configuration} */
const runtime = {
    name: "runtime",
    mode: "production",
    devtool: "source-map",
    entry: { index: "./src/index.ts" },
    experiments: { outputModule: true },
    output: {
        path: path.resolve(__dirname, "dist"),
        filename: "[name].js",
        chunkFilename: "[name].[contenthash:8].js",
        library: { type: "module" },
        module: true,
        chunkFormat: "module",
        chunkLoading: "import",
        publicPath: "auto",
        clean: true,
    },
    externalsType: "window",
    externals: { react: "React" },
    resolve,
    module: { rules: [typescriptRule, cssRule] },
    performance: { hints: false },
    plugins: [
        // Keeps the panel areas' non-English strings out of index.js (see src/i18n/panelStrings.ts).
        new webpack.NormalModuleReplacementPlugin(/^\.\/panelStrings$/, (resource) => {
            if (/[\\/]src[\\/]i18n[\\/]index\.ts$/.test(resource.contextInfo?.issuer ?? "")) {
                resource.request = "./panelStrings.lazy";
            }
        }),
        new BundleReportPlugin({
            entry: "index.js",
            entryBudgetGz: 30 * KB,
            totalBudgetGz: 150 * KB,
            checkForbidden: true,
        }),
        new MarkDirectoryAsEsmPlugin(),
    ],
};

/** @type {import("webpack").Configuration} */
const legacy = {
    name: "legacy",
    mode: "production",
    devtool: "source-map",
    entry: { legacy: "./src/legacy.ts" },
    output: {
        path: path.resolve(__dirname, "lib"),
        filename: "[name].js",
        library: { type: "commonjs2" },
        // One file: Element's build bundles it, and there is nowhere to serve chunks from.
        asyncChunks: false,
        // Loadable wherever Element's build or tests evaluate it (not only where `self` exists).
        globalObject: "globalThis",
        publicPath: "",
        // lib/cli is the admin CLI, compiled by tsc after webpack.
        clean: { keep: /^cli\// },
    },
    target: "web",
    externalsType: "commonjs",
    externals: [
        ({ request }, callback) =>
            /^(react|react-dom)(\/|$)|^@matrix-org\/react-sdk-module-api(\/|$)/.test(request ?? "")
                ? callback(null, request)
                : callback(),
    ],
    resolve,
    module: { rules: [typescriptRule, cssRule] },
    performance: { hints: false },
    plugins: [new BundleReportPlugin({ entry: "legacy.js" })],
};

module.exports = [runtime, legacy];
