/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The module in every real Element Web build found (../shared/element-web/ or ELEMENT_WEB_ARCHIVES):
 * Element loads it from config.json, it says so in the console, and its entry point is where that
 * Element's module API allows — a space-panel item (module API 1.9, Element 1.12.10) or the module's
 * own button (module API 1.4, Element 1.12.0) — and opens Account security.
 */
import { readdirSync } from "node:fs";

import { elementBuilds } from "../support/elementWeb";
import { moduleLoadedLine, setupElementHost } from "./support/elementHost";

const builds = elementBuilds();

describe("real Element Web builds", () => {
    it("finds at least one Element Web build to test in", () => {
        // None found: put element-web-<version>.tar.xz (or an official element-v<version>.tar.gz)
        // in ../shared/element-web/, or point ELEMENT_WEB_ARCHIVES at a folder or archive.
        expect(builds.map((build) => build.version)).not.toEqual([]);
    });
});

if (builds.length > 0) {
    describe.each(builds)("Element Web $version", (build) => {
        const element = setupElementHost("smoke", build);

        it(`serves Element ${build.version} with a config.json for this homeserver, the module, wasm typed, nothing outside`, async () => {
            const { url } = element.server;
            const config = (await (await fetch(`${url}/config.json`)).json()) as Record<string, unknown>;
            expect(config.default_server_config).toEqual({
                "m.homeserver": { base_url: url, server_name: "localhost" },
            });
            expect(config.disable_guests).toBe(true);
            expect(config.modules).toEqual(["/modules/account-security/index.js"]);
            expect(config).toHaveProperty(["io.github.element_account_security"]);
            const module = await fetch(`${url}/modules/account-security/index.js`);
            expect(module.headers.get("content-type")).toMatch(/^text\/javascript/);
            const wasm = readdirSync(build.dir, { recursive: true, encoding: "utf8" }).find((f) => f.endsWith(".wasm"));
            expect(wasm).toBeDefined();
            const served = await fetch(`${url}/${wasm}`);
            expect(served.headers.get("content-type")).toBe("application/wasm");
            for (const escape of ["/..%2Fpackage.json", "/..%2F..%2F..%2F..%2Fpackage.json"]) {
                expect((await fetch(`${url}${escape}`)).status).toBe(404);
            }
        });

        it(`loads the module in Element ${build.version}: log line and entry point`, async () => {
            const account = await element.newAccount("smoke");
            const page = await element.signIn(account);
            const record = element.record(page);

            expect(moduleLoadedLine(record)).toContain(
                element.hasSpacePanel
                    ? "[account-security] loaded: entry point space panel item, page #/account-security"
                    : "[account-security] loaded: entry point button in the nudge layer",
            );
            // Element's own start-up errors happen with or without a module; they were seen and filtered.
            expect(record.knownStartupErrors).toBeLessThanOrEqual(3);

            const entry = element.entryPoint(page);
            await entry.waitFor();
            if (element.hasSpacePanel) {
                // In the space panel (Element's navigation), not in the module's own layer.
                await expect(
                    page
                        .getByRole("navigation")
                        .getByRole("button", { name: /^Account security/ })
                        .count(),
                ).resolves.toBe(1);
            }
            await element.screenshot(page, "entry-point");
            await element.openPanel(page);
            if (element.hasSpacePanel) expect(page.url()).toContain("#/account-security");
            else await page.getByRole("dialog").getByRole("heading", { name: "Account security" }).waitFor();
            await element.screenshot(page, "panel");
        });
    });
}
