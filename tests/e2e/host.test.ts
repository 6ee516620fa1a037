/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The development host itself, in Chromium: the module is loaded by Element's real ModuleLoader,
 * reachable from the space panel as a full page, a reload resumes the same device (IndexedDB), and
 * signing out and in as someone else switches the module to the new account.
 */
import { setupDevHost } from "./support/devHost";

const host = setupDevHost("host");

describe("development host", () => {
    it("loads the module with the real ModuleLoader and opens Account security from the space panel", async () => {
        const account = await host.newAccount("host");
        const page = await host.signIn(account);

        const status = await page.evaluate(
            () => (window as unknown as { mxDevHost: { moduleErrors: string[] } }).mxDevHost,
        );
        expect(status.moduleErrors).toEqual([]);

        await host.openPanel(page);
        expect(await page.evaluate(() => window.location.hash)).toBe("#/account-security");
        await expect(page.getByRole("tab").count()).resolves.toBeGreaterThan(0);
        await host.screenshot(page, "panel-first-open");
        expect(await host.axe(page, "main")).toEqual([]);
    });

    it("resumes the same session after a reload and switches account after signing out", async () => {
        const first = await host.newAccount("first");
        const second = await host.newAccount("second");
        const page = await host.signIn(first);
        const deviceBefore = await page.evaluate(() =>
            (window as unknown as { mxMatrixClientPeg: { get(): { getDeviceId(): string } } }).mxMatrixClientPeg
                .get()
                .getDeviceId(),
        );

        await page.reload();
        await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 60_000 });
        const deviceAfter = await page.evaluate(() =>
            (window as unknown as { mxMatrixClientPeg: { get(): { getDeviceId(): string } } }).mxMatrixClientPeg
                .get()
                .getDeviceId(),
        );
        expect(deviceAfter).toBe(deviceBefore);

        await page.getByRole("button", { name: "Sign out" }).click();
        await page.getByLabel("Username").waitFor();
        expect(
            await page.evaluate(() =>
                (window as unknown as { mxMatrixClientPeg: { get(): unknown } }).mxMatrixClientPeg.get(),
            ),
        ).toBeNull();

        await page.getByLabel("Username").fill(second.username);
        await page.getByLabel("Password").fill(second.password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByText(second.userId).first().waitFor({ timeout: 60_000 });
        await host.openPanel(page);
        await host.screenshot(page, "switched-account");
    });
});
