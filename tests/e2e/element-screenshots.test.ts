/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Screenshots as tests, in real Element 1.12.0 and 1.12.10, light and dark: the panel (Secure Backup,
 * the email form, "Check your email", the "Confirm it's you" password prompt, the recovery set-up's
 * key shown and typed back, the recovery key entry on a second device, Sessions with that unverified
 * second session), the reminder card and the row in Element's Settings, each compared with a checked-in
 * reference (tests/e2e/screenshots/) within a pixel tolerance, and each checked with axe (no serious or
 * critical violation). Only the module's own parts are captured (small PNGs); dynamic text (the
 * account's address, the recovery key, session names, IDs and dates) is masked. One account and two
 * sign-ins per Element version.
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
import type { Locator, Page } from "playwright-core";

import { elementBuilds, REPO_ROOT } from "../support/elementWeb";
import { leaveConfirmIdentityScreen } from "./support/elementFlows";
import { setupElementHost } from "./support/elementHost";
import { passwordIfAsked } from "./support/flows";

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

/** Element follows the system theme by default: the emulated system's colour scheme switches it. */
async function setTheme(page: Page, theme: "light" | "dark"): Promise<void> {
    await page.emulateMedia({ colorScheme: theme });
    await page.locator(theme === "dark" ? "body.cpd-theme-dark" : "body:not(.cpd-theme-dark)").waitFor({
        timeout: 30_000,
    });
}

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
            await setTheme(page, "dark");
            await states("dark");

            // The steps of a flow: each state is captured in light and dark where it stands.
            const both = async (target: Locator, what: string, mask: Locator[] = []): Promise<void> => {
                const on = target.page();
                for (const theme of ["light", "dark"] as const) {
                    await setTheme(on, theme);
                    await matchesReference(target, `${build.version}-${theme}-${what}`, mask);
                    await expect(element.axe(on, 'section[aria-label="Account security"]')).resolves.toEqual([]);
                }
            };

            // Email: "Check your email", then (the link opened) the password prompt "Confirm it's you".
            await element.openPanel(page, "Email addresses");
            const address = `${account.username}@example.org`;
            // No address yet: the field shows without an "Add" click.
            await page.getByLabel("Email address", { exact: true }).fill(address);
            await panel.getByRole("button", { name: "Send verification email" }).click();
            await panel.getByRole("heading", { name: "Check your email" }).waitFor({ timeout: 30_000 });
            await both(panel, "email-check-inbox", [panel.getByText(address)]);
            const mail = await element.server.mailSink.waitForMail(address);
            const linkTab = await page.context().newPage();
            await linkTab.goto(mail.links.find((link) => link.includes("submit_token"))!);
            await linkTab.close();
            await panel.getByRole("button", { name: "Continue" }).click();
            const password = page.getByLabel("Your account password", { exact: true }).and(page.locator("input"));
            await password.waitFor({ timeout: 30_000 });
            await both(panel, "password-prompt", [panel.getByText(address)]);
            await password.fill(account.password);
            await page.getByRole("button", { name: "Confirm" }).click();
            await panel.getByRole("list", { name: "Email addresses on your account" }).getByText(address).waitFor();

            // Recovery set-up: the key shown (masked), then the step that asks for it back.
            await page.getByRole("tab", { name: "Secure Backup" }).click();
            await panel.getByRole("button", { name: "Set up recovery" }).first().click({ timeout: 30_000 });
            await panel.getByRole("button", { name: "Generate a recovery key" }).click();
            const keyText = panel.getByTestId("recovery-key");
            await keyText.waitFor({ timeout: 30_000 });
            await both(panel, "recovery-key-shown", [keyText]);
            const key = (await keyText.innerText()).trim();
            await panel.getByRole("button", { name: "I've saved it" }).click();
            const keyField = panel.getByLabel("Recovery key", { exact: true });
            await keyField.waitFor();
            await both(panel, "recovery-key-saved");
            await keyField.fill(key);
            await panel.getByRole("button", { name: "Finish set-up" }).click();
            const healthy = panel.getByText("Your messages are backed up");
            await passwordIfAsked(page, account.password, healthy);
            await healthy.waitFor({ timeout: 60_000 });
            await element.closePanel(page);

            // A second device, past Element's "Confirm your identity": the module's recovery key entry.
            const second = await element.signIn(account, "second");
            await leaveConfirmIdentityScreen(second);
            await element.dismissElementPopups(second);
            await element.openPanel(second, "Secure Backup");
            const secondPanel = second.locator('section[aria-label="Account security"] > div').first();
            await secondPanel.getByRole("button", { name: "Enter recovery key" }).first().click({ timeout: 30_000 });
            await secondPanel.getByLabel("Recovery key or passphrase", { exact: true }).waitFor();
            await both(secondPanel, "recovery-key-entry", [secondPanel.getByText(/^Last checked/)]);

            // Back on the first device: Sessions names the second one, not verified (names, IDs and
            // dates masked: they change with every run).
            // Element's own "New login. Was this you?" toast (with the time and port) is answered first.
            await page
                .locator(".mx_ToastContainer")
                .getByRole("button", { name: "Yes, it was me" })
                .click({ timeout: 60_000 });
            // Tall enough for the whole list: what is below Element's scroll area is not painted.
            await page.setViewportSize({ width: 1280, height: 1400 });
            await element.openPanel(page, "Sessions");
            await panel
                .getByRole("button", { name: /^Verify/ })
                .first()
                .waitFor({ timeout: 60_000 });
            await both(panel, "sessions-unverified-other", [
                panel.getByText(/^Session ID: /),
                panel.getByText(/^Last active /),
                panel.getByText(/Chrom|localhost|127\.0\.0\.1|Unnamed session/),
            ]);
        });
    });
}
