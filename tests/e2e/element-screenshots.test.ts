/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Screenshots as tests, in real Element 1.12.0 and 1.12.10, light and dark: the panel (Secure Backup,
 * the email form), the reminder card and the row in Element's Settings, each compared with a checked-in
 * reference (tests/e2e/screenshots/) within a pixel tolerance, and each checked with axe (no serious or
 * critical violation). Only the module's own parts are captured (small PNGs); dynamic text (the
 * account's address) is masked.
 *
 *     npm run test:screenshots            # compare
 *     npm run test:screenshots -- -u      # refresh the references (jest's --updateSnapshot)
 *
 * A difference leaves <name>-actual.png and <name>-diff.png in test-results/screenshots/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import type { Locator } from "playwright-core";

import { elementBuilds, REPO_ROOT } from "../support/elementWeb";
import { setupElementHost } from "./support/elementHost";

const REFERENCES = join(REPO_ROOT, "tests", "e2e", "screenshots");
const RESULTS = join(REPO_ROOT, "test-results", "screenshots");
/** Share of pixels that may differ (anti-aliasing, caret), and pixelmatch's per-pixel colour threshold. */
const MAX_DIFF_RATIO = 0.01;
const PIXEL_THRESHOLD = 0.1;

function updating(): boolean {
    const state = expect.getState() as { snapshotState?: { _updateSnapshot?: string } };
    return state.snapshotState?._updateSnapshot === "all" || process.env.UPDATE_SCREENSHOTS === "1";
}

async function matchesReference(target: Locator, name: string, mask: Locator[] = []): Promise<void> {
    // The pointer away from everything: Element's tooltips (the space-panel item's) must not be captured.
    await target.page().mouse.move(700, 1);
    const actual = await target.screenshot({ mask, animations: "disabled", caret: "hide", scale: "css" });
    const reference = join(REFERENCES, `${name}.png`);
    if (updating()) {
        mkdirSync(REFERENCES, { recursive: true });
        writeFileSync(reference, actual);
        return;
    }
    mkdirSync(RESULTS, { recursive: true });
    if (!existsSync(reference)) {
        writeFileSync(join(RESULTS, `${name}-actual.png`), actual);
        throw new Error(`No reference ${reference}: run "npm run test:screenshots -- -u" and review it`);
    }
    const a = PNG.sync.read(actual);
    const b = PNG.sync.read(readFileSync(reference));
    if (a.width !== b.width || a.height !== b.height) {
        writeFileSync(join(RESULTS, `${name}-actual.png`), actual);
        throw new Error(`${name}: ${a.width}×${a.height}, reference ${b.width}×${b.height}`);
    }
    const diff = new PNG({ width: a.width, height: a.height });
    const different = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: PIXEL_THRESHOLD });
    if (different > a.width * a.height * MAX_DIFF_RATIO) {
        writeFileSync(join(RESULTS, `${name}-actual.png`), actual);
        writeFileSync(join(RESULTS, `${name}-diff.png`), PNG.sync.write(diff));
        throw new Error(`${name}: ${different} pixels differ from the reference (see ${RESULTS})`);
    }
}

const builds = elementBuilds();

if (builds.length > 0) {
    describe.each(builds)("Element Web $version", (build) => {
        const element = setupElementHost("screens", build, { moduleConfig: { email: { require_email: true } } });

        it(`matches the reference screenshots, light and dark, and axe finds nothing serious (${build.version})`, async () => {
            const account = await element.newAccount("screens");
            const page = await element.signIn(account);
            const panel = page.locator('section[aria-label="Account security"] > div').first();
            const card = page.getByRole("region", { name: "Account security reminder" });

            const states = async (theme: "light" | "dark"): Promise<void> => {
                const name = (what: string): string => `${build.version}-${theme}-${what}`;
                await card.getByText("Add an email address").waitFor({ timeout: 60_000 });
                await matchesReference(card, name("reminder"));
                await expect(element.axe(page, "#io-github-element-account-security-layer")).resolves.toEqual([]);

                await element.openPanel(page);
                await panel.getByRole("button", { name: "Set up recovery" }).first().waitFor({ timeout: 30_000 });
                await matchesReference(panel, name("backup"));
                await expect(element.axe(page, 'section[aria-label="Account security"]')).resolves.toEqual([]);

                await page.getByRole("tab", { name: "Email addresses" }).click();
                // No address yet: the field shows without an "Add" click (and without Cancel).
                const field = page.getByLabel("Email address", { exact: true });
                await field.fill(`${account.username}@example.org`);
                await field.blur();
                await matchesReference(panel, name("email-form"), [field]);
                await expect(element.axe(page, 'section[aria-label="Account security"]')).resolves.toEqual([]);
                await page.getByRole("tab", { name: "Secure Backup" }).click();
                await element.closePanel(page);

                await page.getByRole("button", { name: "User menu" }).click();
                await page.getByRole("menuitem", { name: /All settings/ }).click();
                await page
                    .locator(".mx_UserSettingsDialog")
                    .getByRole("tab", { name: "Encryption", exact: true })
                    .click();
                const row = page.locator('[data-account-security-settings-link="backup"]');
                // Element renders the tab's sections one after another; the row goes last once they are in.
                await page.locator(".mx_UserSettingsDialog").getByRole("heading", { name: "Advanced" }).waitFor();
                await row.waitFor();
                await row.scrollIntoViewIfNeeded();
                await matchesReference(row, name("settings-row"));
                await expect(element.axe(page, '[data-account-security-settings-link="backup"]')).resolves.toEqual([]);
                await page.keyboard.press("Escape");
                await page.locator(".mx_UserSettingsDialog").waitFor({ state: "detached" });
            };

            await states("light");
            // Element follows the system theme by default: switch the emulated system to dark.
            await page.emulateMedia({ colorScheme: "dark" });
            await page.locator("body.cpd-theme-dark").waitFor({ timeout: 30_000 });
            await states("dark");
        });
    });
}
