/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Bundles the development host page (dev/host-page): the stand-in for Element Web that `npm start`
// and the browser tests serve. It is Element's side of the contract, so unlike the module it bundles
// React, react-dom/client and matrix-js-sdk (with the rust crypto wasm, emitted as a file next to the
// bundle and fetched by `initAsync`). Never part of dist/. Stylesheets (Element's design tokens, Inter,
// the host's own style.css) are plain <link>s that dev/server.ts serves from node_modules and this folder.
const path = require("node:path");

const root = path.resolve(__dirname, "..");

/** @returns {import("webpack").Configuration} */
module.exports = (_env, argv = {}) => ({
    mode: argv.mode ?? "development",
    context: root,
    target: "web",
    entry: { host: "./dev/host-page/index.tsx" },
    output: {
        path: path.join(root, ".tmp", "host-page"),
        publicPath: "/_dev/host/",
        filename: "[name].js",
        chunkFilename: "[name].[contenthash].js",
        assetModuleFilename: "assets/[name].[contenthash][ext]",
        clean: true,
    },
    devtool: "source-map",
    resolve: { extensions: [".tsx", ".ts", ".mjs", ".js"] },
    module: {
        rules: [
            {
                test: /\.tsx?$/,
                loader: "ts-loader",
                exclude: /node_modules/,
                options: {
                    transpileOnly: true,
                    configFile: path.join(root, "tsconfig.json"),
                    compilerOptions: { noEmit: false, sourceMap: true },
                },
            },
        ],
    },
    performance: { hints: false },
    stats: "errors-warnings",
});
