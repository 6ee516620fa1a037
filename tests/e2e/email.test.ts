/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The seed flow end to end in Chromium: Account security → Email → add → the mail arrives in the
 * sink → a second tab opens the link from the /mail page and sees Synapse's validation page → back,
 * Continue → password → the address is listed. A reload while waiting keeps the pending add.
 */
import { setupDevHost } from "./support/devHost";

const host = setupDevHost("email");

describe("email addresses in the browser", () => {
    it("adds an address through the verification email, surviving a reload mid-way", async () => {
        const account = await host.newAccount("email");
        const address = `${account.username}@example.org`;
        const page = await host.signIn(account);

        await host.openPanel(page, "Email addresses");
        // No address yet: the field shows right away, with no "Add" button and nothing to cancel.
        await page.getByRole("textbox", { name: "Email address" }).waitFor();
        expect(await page.getByRole("button", { name: "Add email address" }).count()).toBe(0);
        expect(await page.getByRole("button", { name: "Cancel" }).count()).toBe(0);
        await host.screenshot(page, "1-no-address");
        expect(await host.axe(page, "main")).toEqual([]);

        // The /mail page is open before anything is sent: the mail must appear there by itself.
        const mailTab = await page.context().newPage();
        await mailTab.goto(`${host.server.url}/mail`);
        await page.bringToFront();

        await page.getByRole("textbox", { name: "Email address" }).fill(address);
        await host.screenshot(page, "2-enter-address");
        expect(await host.axe(page, "main")).toEqual([]);
        await page.getByRole("button", { name: "Send verification email" }).click();
        await page.getByRole("heading", { name: "Check your email" }).waitFor();
        await host.screenshot(page, "3-check-your-email");
        expect(await host.axe(page, "main")).toEqual([]);

        // Reload mid-way: the pending add is still there (same session, same link still valid).
        await page.reload();
        await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 60_000 });
        await host.openPanel(page, "Email addresses");
        await page.getByRole("heading", { name: "Check your email" }).waitFor();
        await expect(page.getByText(address).first().isVisible()).resolves.toBe(true);

        // Continue before clicking the link: a plain message, not a raw MatrixError.
        await page.getByRole("button", { name: "Continue" }).click();
        const password = page.getByLabel("Your account password", { exact: true }).and(page.locator("input"));
        const notYet = page.getByText("Not confirmed yet");
        await password.or(notYet).first().waitFor();
        if (await password.isVisible()) {
            await password.fill(account.password);
            await page.getByRole("button", { name: "Confirm" }).click();
        }
        await notYet.waitFor();
        await host.screenshot(page, "4-not-clicked-yet");

        // The mail arrives in the sink and shows up on the open /mail tab; that tab opens its link.
        const mail = await host.server.mailSink.waitForMail(address);
        const link = mail.links.find((l) => l.includes("submit_token"));
        expect(link).toBeDefined();
        expect(link!.startsWith(host.server.url)).toBe(true);
        await mailTab.bringToFront();
        await mailTab.getByText(address).first().waitFor();
        await host.screenshot(mailTab, "5-mail-page");
        const [validationTab] = await Promise.all([
            page.context().waitForEvent("page"),
            mailTab.getByRole("link", { name: link! }).first().click(),
        ]);
        await validationTab.waitForLoadState();
        await expect(validationTab.locator("body").innerText()).resolves.toMatch(/validated|verified/i);
        await host.screenshot(validationTab, "6-validation-page");

        // Back in the first tab: Continue → password → listed.
        await page.bringToFront();
        await page.getByRole("button", { name: "Continue" }).click();
        const list = page.getByRole("list", { name: "Email addresses on your account" });
        await password.or(list).first().waitFor();
        if (await password.isVisible()) {
            await password.fill(account.password);
            await host.screenshot(page, "7-confirm-password");
            await page.getByRole("button", { name: "Confirm" }).click();
        }
        await list.getByText(address).waitFor();
        await host.screenshot(page, "8-address-listed");
        expect(await host.axe(page, "main")).toEqual([]);

        // Removing the only address warns first.
        await list.getByRole("button", { name: `Remove ${address}` }).click();
        await page.getByRole("heading", { name: `Remove ${address}?` }).waitFor();
        await page.getByText("This is your only email address").waitFor();
        await host.screenshot(page, "9-confirm-remove-last");
        expect(await host.axe(page, "main")).toEqual([]);
        await page.getByRole("button", { name: "Remove address" }).click();
        await page.getByText(`${address} was removed from your account.`).waitFor();
        await host.screenshot(page, "10-removed");
    });
});
