/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * What the built bundles contain, read from their source maps (every bundled module is listed there):
 * never React, ReactDOM's renderer or matrix-js-sdk (the host provides them; a second matrix-js-sdk
 * would mean a second client), and within the size budget.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

import { DIST, LIB } from "./importBuilt";

const KB = 1024;

function jsFiles(dir: string): string[] {
    return fs.readdirSync(dir).filter((file) => file.endsWith(".js"));
}

function bundledSources(dir: string): string[] {
    return jsFiles(dir).flatMap((file) => {
        const map = JSON.parse(fs.readFileSync(path.join(dir, `${file}.map`), "utf8")) as { sources: string[] };
        return map.sources;
    });
}

function gzipSize(file: string): number {
    return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

const FORBIDDEN: Array<[string, RegExp]> = [
    ["React", /node_modules\/react\/(?!jsx-runtime|cjs\/react-jsx-runtime)/],
    ["ReactDOM's client renderer", /node_modules\/react-dom\/(client|cjs\/react-dom-client)/],
    ["React's scheduler", /node_modules\/scheduler\//],
    // The client never: only the SDK's pure passphrase derivation, a file without imports (passphraseKey.ts).
    ["matrix-js-sdk", /node_modules\/matrix-js-sdk\/(?!lib\/crypto-api\/key-passphrase\.js$)/],
];

describe.each([
    ["dist (runtime)", DIST],
    ["lib (build-time)", LIB],
])("%s", (_name, dir) => {
    const sources = bundledSources(dir);

    it("has source maps listing our own code", () => {
        expect(sources.some((source) => source.includes("src/config.ts"))).toBe(true);
    });

    it.each(FORBIDDEN)("contains no %s", (_what, pattern) => {
        expect(sources.filter((source) => pattern.test(source))).toEqual([]);
    });
});

describe("runtime bundle size (issue 2, item 10; issue 17)", () => {
    it("the file Element imports is at most 20.5 KB gzipped and holds no panel code", () => {
        expect(gzipSize(path.join(DIST, "index.js"))).toBeLessThanOrEqual(20.5 * KB);
        const map = JSON.parse(fs.readFileSync(path.join(DIST, "index.js.map"), "utf8")) as { sources: string[] };
        expect(
            map.sources.filter((source) =>
                /compound-web|src\/panel\/PanelRoot|src\/views\/panel\/Account/.test(source),
            ),
        ).toEqual([]);
    });

    it("keeps the reminders' engine, view-model and card out of index.js, in a chunk of their own", () => {
        const sourcesOf = (file: string): string[] =>
            (JSON.parse(fs.readFileSync(path.join(DIST, `${file}.map`), "utf8")) as { sources: string[] }).sources;
        const reminders = /src\/(nudges\/engine|viewmodels\/NudgeViewModel|views\/nudges\/NudgeView)\.tsx?$/;
        expect(sourcesOf("index.js").filter((source) => reminders.test(source))).toEqual([]);
        const chunk = jsFiles(DIST).find((file) => file.startsWith("reminders."));
        expect(chunk && sourcesOf(chunk).filter((source) => reminders.test(source))).toHaveLength(3);
    });

    it("keeps the panel areas' German strings out of index.js, in a lazy chunk of their own", () => {
        // (JSON modules are inlined without a source-map entry, so this looks for the strings themselves.)
        const strings = path.resolve(__dirname, "../../../src/i18n/strings");
        const samples = ["backup", "email", "sessions", "admin"].flatMap((area) =>
            Object.values(JSON.parse(fs.readFileSync(path.join(strings, "de", `${area}.json`), "utf8")) as string[])
                .filter((text) => text.length > 25 && !/['"\\]/.test(text))
                .slice(0, 3),
        );
        expect(samples.length).toBeGreaterThanOrEqual(8);
        const entry = fs.readFileSync(path.join(DIST, "index.js"), "utf8");
        const chunk = jsFiles(DIST).find((file) => file.startsWith("strings-de."));
        expect(chunk).toBeDefined();
        const chunkText = fs.readFileSync(path.join(DIST, chunk!), "utf8");
        expect(samples.filter((text) => entry.includes(text))).toEqual([]);
        expect(samples.filter((text) => !chunkText.includes(text))).toEqual([]);
        // English stays complete in the entry: nothing ever shows as a raw key.
        const english = JSON.parse(fs.readFileSync(path.join(strings, "en", "backup.json"), "utf8")) as object;
        const sample = Object.values(english).find((text: string) => text.length > 25 && !/['"\\]/.test(text));
        expect(entry).toContain(sample);
    });

    it("everything together is at most 150 KB gzipped", () => {
        const total = jsFiles(DIST).reduce((sum, file) => sum + gzipSize(path.join(DIST, file)), 0);
        expect(total).toBeLessThanOrEqual(150 * KB);
    });

    it("marks dist/ as ES modules and loads React from window.React", () => {
        expect(JSON.parse(fs.readFileSync(path.join(DIST, "package.json"), "utf8"))).toMatchObject({ type: "module" });
        expect(fs.readFileSync(path.join(DIST, "index.js"), "utf8")).toMatch(/window\.React\b|window\["React"\]/);
    });
});

describe("the panel's first open (issue 16)", () => {
    // Written by the build (build/BundleReportPlugin.js): the chunks one import() of the panel fetches.
    const report = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../.tmp/bundle-report.json"), "utf8")) as {
        firstOpen: { files: string[] };
    };
    const files = report.firstOpen.files;
    const sourcesOf = (file: string): string[] =>
        (JSON.parse(fs.readFileSync(path.join(DIST, `${file}.map`), "utf8")) as { sources: string[] }).sources;

    it("fetches at most 60 KB gzipped before the panel's first view shows", () => {
        expect(files.length).toBeGreaterThan(0);
        const gz = files.reduce((sum, file) => sum + gzipSize(path.join(DIST, file)), 0);
        expect(gz).toBeLessThanOrEqual(60 * KB);
    });

    it("holds the panel and Secure Backup, the first tab; the other sections come in chunks of their own", () => {
        const sources = files.flatMap(sourcesOf);
        expect(sources.some((source) => source.includes("src/panel/PanelRoot.tsx"))).toBe(true);
        expect(sources.some((source) => source.includes("src/views/backup/"))).toBe(true);
        expect(sources.filter((source) => /src\/views\/(email|sessions|admin)\//.test(source))).toEqual([]);
        for (const section of ["email", "sessions", "admin"]) {
            const chunk = jsFiles(DIST).find((file) => file.startsWith(`section-${section}.`));
            expect(chunk && sourcesOf(chunk).some((source) => source.includes(`src/views/${section}/`))).toBe(true);
        }
    });

    it("bundles only the compound-web parts the views use, and none of its rules for Element's html and body", () => {
        const text = jsFiles(DIST)
            .map((file) => fs.readFileSync(path.join(DIST, file), "utf8"))
            .join("\n");
        // Form controls no view uses (they came with compound-web's Form object before).
        expect(
            jsFiles(DIST)
                .flatMap(sourcesOf)
                .filter((source) => /Form\/Controls\/(EditInPlace|MFA)/.test(source)),
        ).toEqual([]);
        expect(text).not.toContain("font-size: var(--cpd-font-size-root)");
        // The stylesheet is there, cut per component (Button's rules travel with Button).
        expect(text).toMatch(/\._button_[a-z0-9]{5}_\d+/);
    });
});
