/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The Admin section in Chromium: a server admin looks up an account, adds an address after a
 * confirmation, is refused another account's address, removes one with the last-address warning.
 * A user who is not a server admin never sees the tab.
 */
import { readFileSync } from "node:fs";

import { setupDevHost } from "./support/devHost";

const host = setupDevHost("admin");

describe("the Admin section in the browser", () => {
    it("is not there for someone who is not a server admin", async () => {
        const account = await host.newAccount("plain");
        const page = await host.signIn(account);
        // Wait for the panel's one access check to be answered, not for a fixed time (too short on a
        // loaded machine, and then the test would pass before the tab could have appeared).
        const accessCheck = page.waitForResponse(
            (response) => /\/_synapse\/admin\/v1\/users\/[^/]+\/admin$/.test(new URL(response.url()).pathname),
            { timeout: 30_000 },
        );
        await host.openPanel(page);
        expect((await accessCheck).status()).toBe(403);
        // Two frames: the answer has reached React and been drawn.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await page.getByRole("tab", { name: "Email addresses" }).waitFor();
        expect(await page.getByRole("tab", { name: "Server admin" }).count()).toBe(0);
    });

    it("lets a server admin add and remove an account's addresses, safely", async () => {
        const stamp = Date.now().toString(36);
        const admin = await host.server.register(`admin-${stamp}`, `pw-admin-${stamp}`, true);
        const target = await host.newAccount("target");
        const other = await host.newAccount("other");
        const page = await host.signIn(admin);
        await host.openPanel(page, "Server admin");

        // The other account gets an address first (through the same section).
        const taken = `${other.username}@example.org`;
        const lookUp = async (who: string): Promise<void> => {
            await page.getByRole("textbox", { name: "User" }).fill(who);
            await page.getByRole("button", { name: "Look up" }).click();
            await page.getByRole("heading", { name: new RegExp(`^${who.replace(/[.]/g, "\\.")}`) }).waitFor();
        };
        const add = async (address: string): Promise<void> => {
            await page.getByRole("button", { name: "Add email address" }).click();
            await page.getByRole("textbox", { name: "Email address" }).fill(address);
            await page.getByRole("button", { name: "Continue" }).click();
        };
        await lookUp(other.userId);
        await add(taken);
        await page.getByRole("button", { name: "Add address" }).click();
        await page.getByText(`${taken} was added to ${other.userId}.`).waitFor();

        // The target, by its localpart.
        await page.getByRole("textbox", { name: "User" }).fill(target.username);
        await page.getByRole("button", { name: "Look up" }).click();
        await page.getByText("This account has no email address", { exact: false }).waitFor();
        await host.screenshot(page, "1-account-without-email");
        expect(await host.axe(page, "main")).toEqual([]);

        const mine = `${target.username}@example.org`;
        await add(mine);
        await page.getByRole("heading", { name: `Add ${mine} to ${target.userId}?` }).waitFor();
        await host.screenshot(page, "2-confirm-add");
        expect(await host.axe(page, "main")).toEqual([]);
        await page.getByRole("button", { name: "Add address" }).click();
        const list = page.getByRole("list", { name: `Email addresses of ${target.userId}` });
        await list.getByText(mine).waitFor();
        await expect(
            list
                .getByText(/^Added .* · Validated /)
                .first()
                .isVisible(),
        ).resolves.toBe(true);
        await host.screenshot(page, "3-added");

        // Another account's address is refused and stays there.
        await add(taken);
        await page
            .getByText(`${other.userId} already uses this address, so it was left there.`, { exact: false })
            .waitFor();
        await host.screenshot(page, "4-refused");
        expect(await host.axe(page, "main")).toEqual([]);
        await page.getByRole("button", { name: "Cancel" }).click();

        // Removing the only address warns first.
        await page.getByRole("button", { name: `Remove ${mine} from ${target.userId}` }).click();
        await page.getByText("This is the account's only email address").waitFor();
        await host.screenshot(page, "5-confirm-remove-last");
        await page.getByRole("button", { name: "Remove address" }).click();
        await page.getByText(`${mine} was removed from ${target.userId}.`).waitFor();

        // The other account still has its address.
        await lookUp(other.userId);
        await page
            .getByRole("list", { name: `Email addresses of ${other.userId}` })
            .getByText(taken)
            .waitFor();
    });

    it("shows a server admin the server's security posture, and the HTML report to download", async () => {
        const stamp = Date.now().toString(36);
        const admin = await host.server.register(`posture-${stamp}`, `pw-posture-${stamp}`, true);
        const page = await host.signIn(admin);
        await host.openPanel(page, "Server admin");
        await page.getByRole("button", { name: "Check all accounts" }).click();
        const table = page.getByRole("table", { name: /accounts checked$/ });
        await table.waitFor({ timeout: 60_000 });
        await expect(table.getByRole("row", { name: /Email address/ }).textContent()).resolves.toMatch(/ of /);
        await host.screenshot(page, "6-posture");
        expect(await host.axe(page, "main")).toEqual([]);

        // The download is made in the browser: the same self-contained page as the CLI's --html.
        const download = page.waitForEvent("download");
        await page.getByRole("link", { name: "Download the report (HTML)" }).click();
        const file = await (await download).path();
        const html = readFileSync(file, "utf8");
        expect(html).toContain("<svg");
        expect(html).toContain(admin.userId);
        expect(html).not.toMatch(/(src|href)="https?:/);
    });
});
