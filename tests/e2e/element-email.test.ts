/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The seed's email flow in the module inside REAL Element, with a page reload in the middle (Element's
 * own flow loses a pending add when Settings closes; the module's survives), and afterwards the address
 * is where Element users look for it: Element's own Settings → Account.
 */
import { elementBuilds } from "../support/elementWeb";
import { closeElementDialog, modulePanel, openElementSettings } from "./support/elementFlows";
import { passwordIfAsked } from "./support/flows";
import { setupElementHost } from "./support/elementHost";

describe.each(elementBuilds())("Element Web $version", (build) => {
    const element = setupElementHost("email", build);

    it(`adds an email address in the module across a reload; Element ${build.version}'s Settings → Account lists it`, async () => {
        const account = await element.newAccount("email");
        const address = `${account.username}@example.org`;
        const page = await element.signIn(account);

        await element.openPanel(page, "Email addresses");
        const panel = modulePanel(page);
        // No address yet: the field is there without an "Add" click.
        await panel.getByRole("textbox", { name: "Email address" }).fill(address);
        await panel.getByRole("button", { name: "Send verification email" }).click();
        await panel.getByRole("heading", { name: "Check your email" }).waitFor({ timeout: 30_000 });
        await element.screenshot(page, "1-check-your-email");

        // The user reloads Element while the mail is on its way: the pending add is still there.
        await page.reload();
        await page.getByRole("button", { name: "User menu" }).waitFor({ timeout: 60_000 });
        await element.dismissElementPopups(page);
        await element.openPanel(page, "Email addresses");
        await panel.getByRole("heading", { name: "Check your email" }).waitFor({ timeout: 30_000 });
        await panel.getByText(address).first().waitFor();
        await element.screenshot(page, "2-after-reload-still-pending");

        // The link in the mail, opened in another tab of the same browser.
        const mail = await element.server.mailSink.waitForMail(address);
        const link = mail.links.find((l) => l.includes("submit_token"));
        expect(link).toBeDefined();
        const linkTab = await page.context().newPage();
        await linkTab.goto(link!);
        await expect(linkTab.locator("body").innerText()).resolves.toMatch(/validated|verified/i);
        await linkTab.close();

        await page.bringToFront();
        await panel.getByRole("button", { name: "Continue" }).click();
        const list = panel.getByRole("list", { name: "Email addresses on your account" });
        await passwordIfAsked(page, account.password, list);
        await list.getByText(address).waitFor({ timeout: 30_000 });
        await element.screenshot(page, "3-listed-in-module");
        await element.closePanel(page);

        // Element's own Settings → Account shows the address the module added.
        const settings = await openElementSettings(page, "Account");
        await settings.getByText(address).first().waitFor({ timeout: 30_000 });
        await element.screenshot(page, "4-listed-in-element-settings");
        await closeElementDialog(page);
    });
});
