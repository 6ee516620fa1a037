/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * A tour of the panel states the flow tests do not stop at, for screenshots and the accessibility
 * scan: Sessions on a verified session with an unverified one beside it (and its nudge), Sessions
 * on the unverified one, Secure Backup's details and its confirmation screens, and the panel in German.
 */
import { setupDevHost } from "./support/devHost";
import { nudge, setUpRecovery } from "./support/flows";
import { createEncryptedRoom, sendMessage } from "./support/rooms";

const host = setupDevHost("panels");

describe("panel states in the browser", () => {
    it("shows sessions, backup details and confirmations accessibly, in English and German", async () => {
        const account = await host.newAccount("tour");
        const a = await host.signIn(account, "session-A");
        await createEncryptedRoom(a);
        await sendMessage(a, "history to protect");
        await setUpRecovery(host, a, account.password, "backup");
        expect(await host.axe(a, "main")).toEqual([]);

        // A second, unverified session of the same account.
        const b = await host.signIn(account, "session-B");

        // On A: the unverified-sessions reminder, then Sessions listing B as not verified.
        await a.getByRole("button", { name: "Home", exact: true }).click();
        const cardA = nudge(a);
        await cardA.getByText(/unverified session/i).waitFor({ timeout: 30_000 });
        await host.screenshot(a, "nudge-unverified-sessions");
        expect(await host.axe(a, "#io-github-element-account-security-layer")).toEqual([]);
        await host.openPanel(a, "Sessions");
        await a.getByRole("heading", { name: "Your other sessions" }).waitFor({ timeout: 30_000 });
        await a.getByRole("main").getByText("Not verified").first().waitFor({ timeout: 30_000 });
        await host.screenshot(a, "sessions-verified-with-unverified-other");
        expect(await host.axe(a, "main")).toEqual([]);

        // On B: this session is not verified yet.
        await host.openPanel(b, "Sessions");
        await b.getByRole("button", { name: "Verify with another device" }).waitFor({ timeout: 30_000 });
        await host.screenshot(b, "sessions-this-session-unverified");
        expect(await host.axe(b, "main")).toEqual([]);

        // Secure Backup on A: the details, then the confirmation before turning key storage off.
        await a.getByRole("tab", { name: "Secure Backup" }).click();
        await a.getByText("Details").click();
        await a.getByText("Backup version").waitFor();
        await host.screenshot(a, "backup-details");
        expect(await host.axe(a, "main")).toEqual([]);
        await a.getByRole("button", { name: "Turn off key storage" }).click();
        await a.getByText("Turn off key storage?").waitFor();
        await host.screenshot(a, "backup-confirm-key-storage-off");
        expect(await host.axe(a)).toEqual([]);
        await a.getByRole("button", { name: "Cancel" }).first().click();
        await a.getByRole("button", { name: "Reset encryption" }).first().click();
        await a.getByText("Reset your encryption?").waitFor();
        await host.screenshot(a, "backup-confirm-reset");
        expect(await host.axe(a)).toEqual([]);
        await a.getByRole("button", { name: "Cancel" }).first().click();
        await a.getByText("Your messages are backed up").waitFor();

        // The same panel in German (the host's language setting, as Element's would be).
        await a.getByLabel("Language").selectOption("de");
        await a.waitForEvent("load");
        // The host page's own words follow the language too, as Element's would.
        await a.getByRole("button", { name: "Abmelden" }).waitFor({ timeout: 60_000 });
        expect(await a.evaluate(() => document.documentElement.lang)).toBe("de");
        await a.getByRole("heading", { name: "Räume" }).waitFor();
        await expect(a.getByRole("button", { name: "Sign out" }).count()).resolves.toBe(0);
        await a.evaluate(() => (window.location.hash = "#/account-security"));
        await a.getByRole("tablist").waitFor();
        await host.screenshot(a, "german");
        expect(await host.axe(a, "main")).toEqual([]);
    });
});
