/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Before/after screenshots for docs/screenshots/ (issue 13): the module's page, its email form and its
 * "Confirm it's you" password prompt, in real Element Web (the newest archive found, light theme).
 *
 *     npx tsx scripts/docs-screenshots.ts after                   # this checkout's dist/ (npm run build)
 *     npx tsx scripts/docs-screenshots.ts before /tmp/before/dist # another build of the module
 *
 * Writes docs/screenshots/<label>-page.png, <label>-email-form.png, <label>-password-prompt.png.
 * The account's address is typed in the form as a user would; the names are fresh for every run.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";

import { chromium, type Page } from "playwright-core";

import { REPO_ROOT, startDevServer } from "../dev/server";
import { CHROMIUM_ARGS, ensureChromium } from "../tests/support/browser";
import { newestElement } from "../tests/support/elementWeb";

async function main(): Promise<void> {
    const [label, moduleDist] = process.argv.slice(2);
    if (!label) throw new Error("usage: docs-screenshots.ts <label> [module dist/]");
    const element = newestElement();
    if (!element) throw new Error("no Element Web archive found (see tests/support/elementWeb.ts)");
    const out = join(REPO_ROOT, "docs", "screenshots");
    mkdirSync(out, { recursive: true });
    const server = await startDevServer({
        port: 0,
        element,
        moduleDist,
        moduleConfig: { email: { require_email: true } },
        build: { module: false, hostPage: false },
        log: () => undefined,
    });
    const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
    try {
        const username = `docs-${label}-${Date.now().toString(36)}`;
        const account = await server.register(username, `pw-${username}`);
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "light" });
        const page = await context.newPage();
        await page.goto(`${server.url}/#/login`);
        await page.getByLabel("Username", { exact: true }).fill(account.username);
        await page.getByLabel("Password", { exact: true }).fill(account.password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("button", { name: "User menu" }).waitFor({ timeout: 90_000 });
        await dismissPopups(page);

        const shot = (name: string): string => join(out, `${label}-${name}.png`);
        await page
            .getByRole("button", { name: /^Account security/ })
            .first()
            .click();
        await page.getByRole("heading", { name: "Account security" }).first().waitFor({ timeout: 30_000 });
        await page.getByRole("button", { name: "Set up recovery" }).first().waitFor({ timeout: 30_000 });
        await page.mouse.move(700, 1);
        await page.screenshot({ path: shot("page"), animations: "disabled", caret: "hide" });

        // Taller for the panel's own shots: what is below Element's scroll area is not painted.
        await page.setViewportSize({ width: 1280, height: 1200 });
        const panel = page.locator('section[aria-label="Account security"]').first();
        const address = `${account.username}@example.org`;
        await page.getByRole("tab", { name: "Email addresses" }).click();
        await page.getByRole("button", { name: "Add email address" }).click();
        await page.getByLabel("Email address", { exact: true }).fill(address);
        await page.getByLabel("Email address", { exact: true }).blur();
        await panel.screenshot({ path: shot("email-form"), animations: "disabled", caret: "hide" });

        await page.getByRole("button", { name: "Send verification email" }).click();
        await page.getByRole("heading", { name: "Check your email" }).waitFor({ timeout: 30_000 });
        const mail = await server.mailSink.waitForMail(address);
        const linkTab = await context.newPage();
        await linkTab.goto(mail.links.find((link) => link.includes("submit_token"))!);
        await linkTab.close();
        await page.getByRole("button", { name: "Continue" }).click();
        await page
            .getByLabel("Your account password", { exact: true })
            .and(page.locator("input"))
            .waitFor({ timeout: 30_000 });
        await panel.screenshot({ path: shot("password-prompt"), animations: "disabled", caret: "hide" });
        process.stdout.write(`${["page", "email-form", "password-prompt"].map(shot).join("\n")}\n`);
    } finally {
        await browser.close();
        await server.stop();
    }
}

async function dismissPopups(page: Page): Promise<void> {
    const dismiss = page
        .getByRole("alert")
        .filter({ hasText: "Enable desktop notifications" })
        .getByRole("button", { name: "Dismiss" });
    await dismiss.waitFor({ timeout: 5_000 }).catch(() => undefined);
    if (await dismiss.isVisible()) await dismiss.click().catch(() => undefined);
    const ok = page.getByRole("dialog").getByRole("button", { name: "OK", exact: true });
    for (let i = 0; i < 3 && (await ok.first().isVisible()); i++) {
        await ok
            .first()
            .click({ timeout: 3_000 })
            .catch(() => undefined);
    }
}

main().then(
    () => process.exit(0),
    (error: unknown) => {
        console.error(error);
        process.exit(1);
    },
);
