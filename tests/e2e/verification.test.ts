/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Emoji verification between two browser contexts of one account, started from the module on either
 * side: (1) session B, a new login, is nudged to verify and starts "Verify with another device";
 * (2) verified session A starts "Verify" on B's row in Sessions. The side that receives the request
 * answers where Element users answer, in the host's verification-request toast and dialog (the module
 * leaves incoming requests to a host that shows such toasts, as Element does). The module's side
 * shows and confirms the emoji in its own UI.
 */
import type { Locator } from "playwright-core";

import { setupDevHost } from "./support/devHost";
import { eventually, isThisSessionVerified, nudge, setUpRecovery } from "./support/flows";

const host = setupDevHost("verification");

/** How many list items sit on each visual row (items whose tops are within a few pixels share a row). */
async function rowsOf(list: Locator): Promise<number[]> {
    const tops = await list.locator("li").evaluateAll((items) => items.map((li) => li.getBoundingClientRect().top));
    const rows: number[] = [];
    let last = Number.NEGATIVE_INFINITY;
    for (const top of tops) {
        if (Math.abs(top - last) > 4) rows.push(0);
        rows[rows.length - 1]! += 1;
        last = top;
    }
    return rows;
}

describe("emoji verification in the browser", () => {
    it("verifies a new session from an existing one by comparing emoji", async () => {
        const account = await host.newAccount("verify");
        const a = await host.signIn(account, "device-A");
        await setUpRecovery(host, a, account.password);
        expect(await isThisSessionVerified(a)).toBe(true);
        await a.getByRole("button", { name: "Home", exact: true }).click();

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
        // All seven in one row where the dialog is wide enough; four and three (never six and one) where not.
        expect(await rowsOf(emojiB)).toEqual([7]);
        await b.setViewportSize({ width: 480, height: 860 });
        expect(await rowsOf(emojiB)).toEqual([4, 3]);
        await host.screenshot(b, "b3-compare-narrow");
        expect(await host.axe(b, ".mx_Dialog")).toEqual([]);
        await b.setViewportSize({ width: 1280, height: 860 });

        await panelB.getByRole("button", { name: "They match" }).click();
        await a.getByRole("button", { name: "They match" }).click();
        await b.getByText("Verified", { exact: true }).first().waitFor({ timeout: 30_000 });
        await a.getByText(/^Verified!/).waitFor({ timeout: 30_000 });
        await host.screenshot(b, "b4-verified");
        expect(await host.axe(b, ".mx_Dialog")).toEqual([]);
        // A signs B's device (and gossips the cross-signing keys) right after the emoji match.
        await eventually("session B to be cross-signed", () => isThisSessionVerified(b), 20_000);
        await b.getByRole("button", { name: "Close dialog" }).click();
        // The reminder goes by itself once the session is verified.
        await nudge(b).getByText("Verify this session").waitFor({ state: "detached", timeout: 15_000 });
    });

    it("verifies another session from the Sessions list of a verified one", async () => {
        const account = await host.newAccount("verify-other");
        const a = await host.signIn(account, "device-A");
        await setUpRecovery(host, a, account.password);
        const b = await host.signIn(account, "device-B");

        // A: Sessions lists B as not verified; "Verify" on its row starts the request from the module.
        await host.openPanel(a, "Sessions");
        const main = a.getByRole("main");
        await main.getByText("Not verified").first().waitFor({ timeout: 30_000 });
        await main
            .getByRole("button", { name: /^Verify .+/ })
            .first()
            .click();
        await host.screenshot(a, "other-a1-waiting");

        // B answers through the host's toast, as it would in Element.
        const toast = b.getByRole("alertdialog", { name: "Verification requested" });
        await toast.waitFor({ timeout: 30_000 });
        await toast.getByRole("button", { name: "Verify session" }).click();
        const emojiA = main.getByRole("list", { name: "Emoji to compare" });
        const emojiB = b.getByRole("list", { name: "Emoji to compare" });
        await emojiA.waitFor({ timeout: 30_000 });
        await emojiB.waitFor({ timeout: 30_000 });
        const emojiOf = (texts: string[]): string[] => texts.map((text) => text.trim().split(/\s+/)[0] ?? "");
        expect(emojiOf(await emojiA.locator("li").allInnerTexts())).toEqual(
            emojiOf(await emojiB.locator("li").allInnerTexts()),
        );
        await host.screenshot(a, "other-a2-compare");
        expect(await host.axe(a, "main")).toEqual([]);

        await main.getByRole("button", { name: "They match" }).click();
        await b.getByRole("button", { name: "They match" }).click();
        await main.getByText("Verified", { exact: true }).first().waitFor({ timeout: 30_000 });
        await host.screenshot(a, "other-a3-verified");
        await eventually("session B to be cross-signed", () => isThisSessionVerified(b), 20_000);
    });
});
