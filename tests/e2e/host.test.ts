/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The development host itself, in Chromium: the module is loaded by Element's real ModuleLoader,
 * reachable from the space panel as a full page, a reload resumes the same device (IndexedDB), and
 * signing out and in as someone else switches the module to the new account.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

import { REPO_ROOT } from "../../dev/server";
import { setupDevHost } from "./support/devHost";
import { nudge, setUpRecovery } from "./support/flows";

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

    it("serves one origin: config with this homeserver, the module, the wasm, and nothing outside its folders", async () => {
        const { url } = host.server;
        const config = (await (await fetch(`${url}/config.json`)).json()) as Record<string, unknown>;
        expect(config.default_server_config).toEqual({ "m.homeserver": { base_url: url, server_name: "localhost" } });
        expect(config.modules).toEqual(["/modules/account-security/index.js"]);
        const module = await fetch(`${url}/modules/account-security/index.js`);
        expect(module.status).toBe(200);
        expect(module.headers.get("content-type")).toMatch(/^text\/javascript/);
        const versions = await fetch(`${url}/_matrix/client/versions`);
        expect(((await versions.json()) as { versions: string[] }).versions.length).toBeGreaterThan(0);
        for (const escape of [
            "/modules/account-security/..%2F..%2Fpackage.json",
            "/_dev/host/..%2F..%2Fpackage.json",
        ]) {
            expect((await fetch(`${url}${escape}`)).status).toBe(404);
        }
        // The rust crypto wasm must come as application/wasm, or instantiateStreaming refuses it.
        const wasm = readdirSync(join(REPO_ROOT, ".tmp/host-page/assets")).find((name) => name.endsWith(".wasm"));
        expect(wasm).toBeDefined();
        const served = await fetch(`${url}/_dev/host/assets/${wasm}`);
        expect(served.headers.get("content-type")).toBe("application/wasm");
    });

    it("creates an account from the sign-in page (the dev server registers it with Synapse)", async () => {
        const page = await host.newPage("register");
        const username = `new-${Date.now().toString(36)}`;
        await page.getByLabel("Username").fill(username);
        await page.getByLabel("Password").fill(`pw-${username}`);
        await host.screenshot(page, "sign-in");
        expect(await host.axe(page)).toEqual([]);
        await page.getByRole("button", { name: "Create account" }).click();
        await page.getByText(`@${username}:localhost`).first().waitFor({ timeout: 60_000 });

        // Taken names are refused with a plain message.
        await page.getByRole("button", { name: "Sign out" }).click();
        await page.getByLabel("Username").fill(username);
        await page.getByLabel("Password").fill("another-password");
        await page.getByRole("button", { name: "Create account" }).click();
        await page.getByRole("alert").getByText("That username is taken.").waitFor();
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

    it("frames module dialogs like Element: title, Close dialog, Escape, focus kept inside", async () => {
        const account = await host.newAccount("dialog");
        const page = await host.signIn(account);
        // A fresh account without email gets the add-email reminder (dev/config.json requires email).
        const card = nudge(page);
        await card.getByRole("button", { name: "Add email" }).click();
        const dialog = page.getByRole("dialog", { name: "Account security" });
        await dialog.waitFor();
        await host.screenshot(page, "dialog-frame");
        expect(await host.axe(page, ".mx_Dialog")).toEqual([]);

        for (let i = 0; i < 15; i++) {
            await page.keyboard.press("Tab");
            expect(await page.evaluate(() => !!document.activeElement?.closest(".mx_Dialog"))).toBe(true);
        }
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "detached" });

        await card.getByRole("button", { name: "Add email" }).click();
        await dialog.getByRole("button", { name: "Close dialog" }).click();
        await dialog.waitFor({ state: "detached" });
    });

    it("asks for the recovery key when the SDK needs secret storage, like Element's prompt", async () => {
        const account = await host.newAccount("prompt");
        const page = await host.signIn(account);
        const recoveryKey = await setUpRecovery(host, page, account.password);

        // Something (here: the test) reads a secret: the host's callback asks the user.
        const read = page.evaluate(async () => {
            type Client = { secretStorage: { get(name: string): Promise<string | undefined> } };
            const client = (window as unknown as { mxMatrixClientPeg: { get(): Client } }).mxMatrixClientPeg.get();
            const secret = await client.secretStorage.get("m.cross_signing.master");
            return typeof secret === "string" && secret.length > 0;
        });
        const prompt = page.getByRole("dialog", { name: "Enter your recovery key" });
        await prompt.waitFor();
        await prompt.getByLabel("Recovery key").fill("not my recovery key");
        await prompt.getByRole("button", { name: "Continue" }).click();
        await prompt.getByRole("alert").waitFor();
        await host.screenshot(page, "recovery-key-prompt-wrong-key");
        expect(await host.axe(page, ".mx_Dialog")).toEqual([]);
        await prompt.getByLabel("Recovery key").fill(recoveryKey);
        await prompt.getByRole("button", { name: "Continue" }).click();
        await expect(read).resolves.toBe(true);
        await prompt.waitFor({ state: "detached" });
    });
});
