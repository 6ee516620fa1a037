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
// sourceMap: false — with `devtool` on, css-loader otherwise inlines a base64 source map of the whole
// stylesheet into the JS (it more than doubled the stylesheet's share of the panel chunk).
// compoundCss.js (last in `use`, so it runs first) cuts compound-web's one stylesheet into each
// component's rules, bundled with that component (see build/compoundCss.js).
// Every <style> the module injects carries data-account-security: a deployer (and
// tests/e2e/element-styles.test.ts) can tell the module's CSS from Element's.
const cssRule = {
    test: /\.css$/,
    sideEffects: true,
    use: [
        { loader: "style-loader", options: { attributes: { "data-account-security": "compound-web" } } },
        { loader: "css-loader", options: { url: false, sourceMap: false } },
        { loader: path.resolve(__dirname, "build/compoundCss.js"), options: { mode: "stylesheet" } },
    ],
};

// Each compound-web component's class-name map imports that component's share of the stylesheet.
const compoundModuleCssRule = {
    test: /[\\/]@vector-im[\\/]compound-web[\\/]dist[\\/].*\.module\.js$/,
    use: [{ loader: path.resolve(__dirname, "build/compoundCss.js"), options: { mode: "module" } }],
};

const resolve = {
    extensions: [".ts", ".tsx", ".js", ".json"],
    // Only the compound-web parts the views use (see build/compound-web.mjs).
    alias: { "@vector-im/compound-web$": path.resolve(__dirname, "build/compound-web.mjs") },
};

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
    module: { rules: [typescriptRule, cssRule, compoundModuleCssRule] },
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
            // Issue 17: no larger than before three feature issues landed (the reminders are a chunk now).
            entryBudgetGz: 20.5 * KB,
            totalBudgetGz: 150 * KB,
            checkForbidden: true,
            // Issue 16: what the first click on the entry point needs (the panel on Secure Backup) —
            // the figure a user waits for when the idle-time prefetch has not happened yet.
            // The reminders' chunk comes first (at sign-in): what it shares with the panel is here by then.
            firstOpen: {
                module: /\/src\/host\/runtimePanel\.tsx$/,
                budgetGz: 60 * KB,
                loadedBefore: /\/src\/panel\/NudgeSlot\.tsx$/,
            },
            reportFile: path.resolve(__dirname, ".tmp", "bundle-report.json"),
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
    module: { rules: [typescriptRule, cssRule, compoundModuleCssRule] },
    performance: { hints: false },
    plugins: [new BundleReportPlugin({ entry: "legacy.js" })],
};

module.exports = [runtime, legacy];
