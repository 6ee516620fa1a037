/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Secure Backup in Chromium: device A writes an encrypted message, sets up recovery through the
 * module and saves the key; device B (a new login, its own browser context) enters the key in the
 * module, becomes verified and reads the old message.
 */
import { setupDevHost } from "./support/devHost";
import { eventually, isThisSessionVerified, nudge, passwordIfAsked } from "./support/flows";
import { backedUpKeyCount, createEncryptedRoom, openRoom, sendMessage } from "./support/rooms";

const host = setupDevHost("backup");

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
        await eventually("the room key in the server backup", async () => (await backedUpKeyCount(a)) >= 1, 40_000);

        // Device B: a new login. It can't read the history until it has the key.
        const b = await host.signIn(account, "device-B");
        await openRoom(b, roomId);
        await b.getByText("Unable to decrypt message").first().waitFor({ timeout: 30_000 });
        await host.screenshot(b, "b1-history-unreadable");

        // B is nudged to verify.
        const card = nudge(b);
        await card.getByText("Verify this session").waitFor({ timeout: 30_000 });
        await host.screenshot(b, "b2-nudged");
        expect(await host.axe(b, "#io-github-element-account-security-layer")).toEqual([]);
        // Secure Backup says why the history is unreadable (the nudge steps aside on that page).
        await host.openPanel(b, "Secure Backup");
        await b.getByRole("button", { name: "Enter recovery key" }).first().waitFor({ timeout: 30_000 });
        await host.screenshot(b, "b2-out-of-sync");
        expect(await host.axe(b, "main")).toEqual([]);
        await b.getByRole("button", { name: "Home", exact: true }).click();

        // The nudge's way: Verify → Sessions → use the recovery key.
        // The nudge opens Account security in the host's dialog, at Sessions.
        await card.getByRole("button", { name: "Verify" }).click();
        const panel = b.getByRole("dialog", { name: "Account security" });
        await panel.getByRole("button", { name: "Use recovery key instead" }).click();
        // It leads straight to the key entry (not to Secure Backup's status, one more click away).
        const keyField = panel.getByLabel("Recovery key or passphrase", { exact: true });
        await keyField.waitFor({ timeout: 30_000 });
        await expect(panel.getByRole("tab", { name: "Secure Backup" }).getAttribute("aria-selected")).resolves.toBe(
            "true",
        );
        await keyField.fill(recoveryKey);
        await host.screenshot(b, "b3-enter-key");
        expect(await host.axe(b, ".mx_Dialog")).toEqual([]);
        await panel.getByRole("button", { name: "Continue" }).click();
        await panel
            .getByText(/This device is verified/)
            .first()
            .waitFor({ timeout: 60_000 });
        await host.screenshot(b, "b4-restored");
        expect(await host.axe(b, ".mx_Dialog")).toEqual([]);
        expect(await isThisSessionVerified(b)).toBe(true);
        await b.getByRole("button", { name: "Close dialog" }).click();

        await openRoom(b, roomId);
        await b.getByRole("list", { name: "Messages" }).getByText(secret).waitFor({ timeout: 60_000 });
        await host.screenshot(b, "b5-history-readable");
    });
});
