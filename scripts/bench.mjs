/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// `npm run bench`: the built bundle's size (raw and gzipped) and how long load() takes in jsdom
// through the real ModuleLoader of module API 2.1.0 (median of N runs, each with a fresh stub Api).
//   node scripts/bench.mjs [runs]      (run `npm run build` first)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

process.env.NODE_ENV ??= "production"; // React's production build, as in Element
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const require = createRequire(import.meta.url);
const runs = Number(process.argv[2] ?? 50);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (!fs.existsSync(path.join(dist, "index.js"))) {
    console.error("dist/index.js is missing: run `npm run build` first.");
    process.exit(1);
}

// ---- sizes
const files = fs.readdirSync(dist).filter((file) => file.endsWith(".js"));
const sizes = files
    .map((file) => {
        const buffer = fs.readFileSync(path.join(dist, file));
        return { file, raw: buffer.length, gz: zlib.gzipSync(buffer, { level: 9 }).length };
    })
    .sort((a, b) => (a.file === "index.js" ? -1 : b.file === "index.js" ? 1 : b.raw - a.raw));
const total = sizes.reduce((sum, s) => ({ raw: sum.raw + s.raw, gz: sum.gz + s.gz }), { raw: 0, gz: 0 });
console.log("Bundle (dist/):");
for (const s of sizes) {
    const role = s.file === "index.js" ? "imported by Element at startup" : "lazy chunk";
    console.log(`  ${s.file.padEnd(24)} ${kb(s.raw).padStart(9)} raw ${kb(s.gz).padStart(9)} gz   ${role}`);
}
console.log(`  ${"total".padEnd(24)} ${kb(total.raw).padStart(9)} raw ${kb(total.gz).padStart(9)} gz`);

// ---- a browser-like global scope (jsdom), with Element's React on window.React
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><html><body><div id='matrixchat'></div></body></html>", {
    url: "https://element.example.org/",
    pretendToBeVisual: true,
});
for (const key of Object.getOwnPropertyNames(dom.window)) {
    if (key in globalThis) continue;
    try {
        globalThis[key] = dom.window[key];
    } catch {
        // read-only globals of Node (navigator, crypto...) stay as they are
    }
}
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const React = require("react");
const { createRoot } = require("react-dom/client");
dom.window.React = React;

const { ModuleLoader, Watchable } = await import("@element-hq/element-web-module-api");

/** A fresh stub of module API 2.1.0 (members load() may use), counting what it is asked to do. */
function stubApi() {
    const rootNode = document.createElement("div");
    document.body.append(rootNode);
    const roots = [];
    return {
        roots,
        api: {
            config: { get: () => undefined },
            i18n: { language: "en", register: () => {}, translate: (key) => key },
            rootNode,
            createRoot: (element) => {
                const rootHandle = createRoot(element);
                roots.push(rootHandle);
                return rootHandle;
            },
            openDialog: () => ({ finished: new Promise(() => {}), close: () => {} }),
            profile: new Watchable({}),
            navigation: { toMatrixToLink: () => {}, registerLocationRenderer: () => {}, openRoom: () => {} },
            extras: { setSpacePanelItem: () => {}, getVisibleRoomBySpaceKey: () => {} },
            client: {
                accountData: { get: () => new Watchable(undefined), set: async () => {}, delete: async () => {} },
            },
        },
    };
}

// Count requests: load() must make none.
let requests = 0;
globalThis.fetch = dom.window.fetch = () => {
    requests++;
    return Promise.reject(new Error("no network in the bench"));
};
const realOpen = dom.window.XMLHttpRequest.prototype.open;
dom.window.XMLHttpRequest.prototype.open = function (...args) {
    requests++;
    return realOpen.apply(this, args);
};

const importStart = performance.now();
const built = await import(pathToFileURL(path.join(dist, "index.js")).href);
const importMs = performance.now() - importStart;

// load() logs one info line per run; keep the last one instead of printing it 51 times.
const consoleInfo = console.info;
let lastInfo = "";
console.info = (...args) => {
    lastInfo = args.join(" ");
};
const times = [];
for (let i = 0; i < runs + 1; i++) {
    const { api, roots } = stubApi();
    const loader = new ModuleLoader(api);
    await loader.load(built);
    const start = performance.now();
    await loader.start(); // calls our load()
    const elapsed = performance.now() - start;
    if (i > 0) times.push(elapsed); // run 0 warms up the JIT
    for (const rootHandle of roots) rootHandle.unmount();
}
console.info = consoleInfo;
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const p90 = times[Math.floor(times.length * 0.9)];

console.log(`\nload() in jsdom (module API 2.1.0 loader, ${runs} runs after 1 warm-up):`);
console.log(`  import of index.js: ${importMs.toFixed(1)} ms (first evaluation)`);
console.log(`  load(): median ${median.toFixed(2)} ms, p90 ${p90.toFixed(2)} ms, min ${times[0].toFixed(2)} ms`);
console.log(`  requests made during import + load(): ${requests}`);
console.log(`  load() logged: ${lastInfo}`);
if (requests > 0) process.exitCode = 1;
