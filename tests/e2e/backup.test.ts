/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Secure Backup in Chromium: device A writes an encrypted message, sets up recovery through the
 * module and saves the key; device B (a new login, its own browser context) enters the key in the
 * module, becomes verified and reads the old message.
 */
import type { Page } from "playwright-core";

import { setupDevHost } from "./support/devHost";
import { backedUpKeyCount, createEncryptedRoom, openRoom, sendMessage } from "./support/rooms";

const host = setupDevHost("backup");

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (await check()) return;
        await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`Timed out waiting for ${what}`);
}

/** Answers the module's "confirm it's you" step if the server asks for it. */
async function passwordIfAsked(page: Page, password: string, next: ReturnType<Page["getByText"]>): Promise<void> {
    const field = page.getByLabel("Your account password", { exact: true }).and(page.locator("input"));
    await field.or(next).first().waitFor({ timeout: 60_000 });
    if (await field.isVisible()) {
        await field.fill(password);
        await page.getByRole("button", { name: "Confirm" }).click();
    }
}

describe("Secure Backup in the browser", () => {
    it("sets up recovery on device A; device B enters the key, is verified and reads the old message", async () => {
        const account = await host.newAccount("backup");
        const a = await host.signIn(account, "device-A");
        const roomId = await createEncryptedRoom(a);
        const secret = `written before recovery existed ${Date.now()}`;
        await sendMessage(a, secret);

        await host.openPanel(a, "Secure Backup");
        await a.getByRole("button", { name: "Set up recovery" }).first().waitFor({ timeout: 30_000 });
        await host.screenshot(a, "a1-not-set-up");
        expect(await host.axe(a, "main")).toEqual([]);

        await a.getByRole("button", { name: "Set up recovery" }).first().click();
        await a.getByRole("button", { name: "Generate a recovery key" }).waitFor();
        await host.screenshot(a, "a2-choose");
        expect(await host.axe(a)).toEqual([]);
        await a.getByRole("button", { name: "Generate a recovery key" }).click();
        const keyText = a.getByTestId("recovery-key");
        await keyText.waitFor({ timeout: 30_000 });
        const recoveryKey = (await keyText.innerText()).trim();
        expect(recoveryKey).toMatch(/^E[A-Za-z0-9]{3}( [A-Za-z0-9]{4}){11}$/);
        await host.screenshot(a, "a3-save-key");
        expect(await host.axe(a)).toEqual([]);

        await a.getByRole("button", { name: "I've saved it" }).click();
        await a.getByLabel("Recovery key", { exact: true }).fill(recoveryKey);
        await host.screenshot(a, "a4-type-key");
        await a.getByRole("button", { name: "Finish set-up" }).click();
        const healthy = a.getByText("Your messages are backed up");
        await passwordIfAsked(a, account.password, healthy);
        await healthy.waitFor({ timeout: 60_000 });
        await host.screenshot(a, "a5-healthy");
        expect(await host.axe(a, "main")).toEqual([]);
        // No prompt from the host: the module must not trigger Element's secret-storage dialog.
        await expect(a.getByRole("dialog", { name: "Enter your recovery key" }).count()).resolves.toBe(0);

        // The message key reaches the server backup (the SDK uploads after a random delay ≤ 10 s).
        await waitFor("the room key in the server backup", async () => (await backedUpKeyCount(a)) >= 1, 40_000);

        // Device B: a new login. It can't read the history until it has the key.
        const b = await host.signIn(account, "device-B");
        await openRoom(b, roomId);
        await b.getByText("Unable to decrypt message").first().waitFor({ timeout: 30_000 });
        await host.screenshot(b, "b1-history-unreadable");

        await host.openPanel(b, "Secure Backup");
        await b.getByRole("button", { name: "Enter recovery key" }).first().waitFor({ timeout: 30_000 });
        await host.screenshot(b, "b2-out-of-sync");
        expect(await host.axe(b, "main")).toEqual([]);
        await b.getByRole("button", { name: "Enter recovery key" }).first().click();
        await b.getByLabel("Recovery key or passphrase", { exact: true }).fill(recoveryKey);
        await host.screenshot(b, "b3-enter-key");
        expect(await host.axe(b)).toEqual([]);
        await b.getByRole("button", { name: "Continue" }).click();
        await b
            .getByText(/This device is verified/)
            .first()
            .waitFor({ timeout: 60_000 });
        await host.screenshot(b, "b4-restored");
        expect(await host.axe(b, "main")).toEqual([]);

        const verified = await b.evaluate(async () => {
            const client = (window as unknown as { mxMatrixClientPeg: { get(): any } }).mxMatrixClientPeg.get(); // eslint-disable-line @typescript-eslint/no-explicit-any
            const status = await client
                .getCrypto()
                .getDeviceVerificationStatus(client.getSafeUserId(), client.getDeviceId());
            return status?.crossSigningVerified ?? false;
        });
        expect(verified).toBe(true);

        await openRoom(b, roomId);
        await b.getByRole("list", { name: "Messages" }).getByText(secret).waitFor({ timeout: 60_000 });
        await host.screenshot(b, "b5-history-readable");
    });
});
