/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Emoji verification between two browser contexts of one account. Session B (a new login) is nudged
 * to verify, starts "Verify with another device" in the module and compares the emoji there.
 * Session A answers where Element users answer: the host's verification-request toast (the module
 * leaves incoming requests to a host that shows such toasts, as Element does), then the emoji.
 */
import { setupDevHost } from "./support/devHost";
import { eventually, isThisSessionVerified, nudge, setUpRecovery } from "./support/flows";

const host = setupDevHost("verification");

describe("emoji verification in the browser", () => {
    it("verifies a new session from an existing one by comparing emoji", async () => {
        const account = await host.newAccount("verify");
        const a = await host.signIn(account, "device-A");
        await setUpRecovery(host, a, account.password);
        expect(await isThisSessionVerified(a)).toBe(true);
        await a.getByRole("button", { name: "Home" }).click();

        const b = await host.signIn(account, "device-B");
        const card = nudge(b);
        await card.getByText("Verify this session").waitFor({ timeout: 30_000 });
        await host.screenshot(b, "b1-nudged");
        expect(await host.axe(b, "#io-github-element-account-security-layer")).toEqual([]);
        // The nudge opens Account security in the host's dialog, at Sessions.
        await card.getByRole("button", { name: "Verify" }).click();
        const panelB = b.getByRole("dialog", { name: "Account security" });
        await panelB.getByRole("button", { name: "Verify with another device" }).click();
        await host.screenshot(b, "b2-waiting");

        // A: the request arrives as a toast; accepting opens the emoji dialog.
        const toast = a.getByRole("alertdialog", { name: "Verification requested" });
        await toast.waitFor({ timeout: 30_000 });
        await host.screenshot(a, "a1-request-toast");
        await toast.getByRole("button", { name: "Verify session" }).click();

        const emojiB = b.getByRole("list", { name: "Emoji to compare" });
        const emojiA = a.getByRole("list", { name: "Emoji to compare" });
        await emojiB.waitFor({ timeout: 30_000 });
        await emojiA.waitFor({ timeout: 30_000 });
        // The same seven emoji, in the same order, on both screens.
        const emojiOf = (texts: string[]): string[] => texts.map((text) => text.trim().split(/\s+/)[0] ?? "");
        const shownB = emojiOf(await emojiB.locator("li").allInnerTexts());
        const shownA = emojiOf(await emojiA.locator("li").allInnerTexts());
        expect(shownB).toHaveLength(7);
        expect(shownA).toEqual(shownB);
        await host.screenshot(b, "b3-compare");
        await host.screenshot(a, "a2-compare");
        expect(await host.axe(b, ".mx_Dialog")).toEqual([]);

        await panelB.getByRole("button", { name: "They match" }).click();
        await a.getByRole("button", { name: "They match" }).click();
        await b.getByText("Verified", { exact: true }).first().waitFor({ timeout: 30_000 });
        await a.getByText(/^Verified!/).waitFor({ timeout: 30_000 });
        await host.screenshot(b, "b4-verified");
        expect(await host.axe(b, ".mx_Dialog")).toEqual([]);
        // A signs B's device (and gossips the cross-signing keys) right after the emoji match.
        await eventually("session B to be cross-signed", () => isThisSessionVerified(b), 20_000);
        await b.getByRole("button", { name: "Close dialog" }).click();
        await expect(nudge(b).getByText("Verify this session").count()).resolves.toBe(0);
    });
});
