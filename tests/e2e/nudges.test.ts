/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Nudges in the browser: "Later" on one session is stored in account data, so another session of
 * the same account does not show the same reminder again; every nudge passes an accessibility scan.
 */
import { setupDevHost } from "./support/devHost";
import { nudge } from "./support/flows";
import { createEncryptedRoom, sendMessage } from "./support/rooms";

const host = setupDevHost("nudges");

describe("nudges in the browser", () => {
    it("respects a snooze from session A in session B", async () => {
        const account = await host.newAccount("nudge");
        const a = await host.signIn(account, "session-A");
        // Recovery matters once there is encrypted history to lose.
        await createEncryptedRoom(a);
        await sendMessage(a, "something worth keeping");
        const cardA = nudge(a);
        await cardA.getByText("Set up recovery").waitFor({ timeout: 30_000 });
        await host.screenshot(a, "a1-set-up-recovery");
        expect(await host.axe(a, "#io-github-element-account-security-layer")).toEqual([]);
        // The space-panel item, named by its label as Element names it, says how many things to review;
        // the badge's number on the icon is no text of its own, so the name and the visible text agree.
        const spaceItem = a.getByRole("navigation", { name: "Spaces" }).getByRole("button", {
            name: /^Account security, (\d+ to review|\d+ of \d+ protections on)$/,
        });
        await spaceItem.waitFor({ timeout: 15_000 });
        await host.screenshot(a, "a1a-space-item-badge");
        expect(await host.axe(a, "nav")).toEqual([]);

        // Its button leads straight to the set-up's first step, not to the status one click before it.
        await cardA.getByRole("button", { name: "Set up", exact: true }).click();
        const panelA = a.getByRole("dialog", { name: "Account security" });
        await panelA.getByRole("button", { name: "Generate a recovery key" }).waitFor({ timeout: 30_000 });
        await host.screenshot(a, "a1b-set-up-step");
        await a.getByRole("button", { name: "Close dialog" }).click();

        await cardA.getByRole("button", { name: "Later" }).click();
        // The next reminder in line takes its place (the dev config requires an email address).
        await cardA.getByText("Add an email address").waitFor({ timeout: 30_000 });
        await host.screenshot(a, "a2-add-email");
        expect(await host.axe(a, "#io-github-element-account-security-layer")).toEqual([]);

        const b = await host.signIn(account, "session-B");
        const cardB = nudge(b);
        await cardB.getByText("Add an email address").waitFor({ timeout: 30_000 });
        await expect(cardB.getByText("Set up recovery").count()).resolves.toBe(0);
        await host.screenshot(b, "b1-snooze-respected");
    });
});
