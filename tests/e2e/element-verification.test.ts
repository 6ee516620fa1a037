/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Emoji verification between the module and REAL Element's own UI: a new device (B) starts "Verify with
 * another device" in the module; the first device (A) answers in Element's own "Verification requested"
 * toast and "Compare emojis" dialog. Both show the same seven emoji; after both confirm, B is verified.
 */
import type { Locator } from "playwright-core";

import { elementBuilds } from "../support/elementWeb";
import { isThisSessionVerified, leaveConfirmIdentityScreen, modulePanel } from "./support/elementFlows";
import { eventually } from "./support/flows";
import { setupElementHost } from "./support/elementHost";

/** The emoji characters in a piece of UI, in order. */
async function emojiIn(locator: Locator): Promise<string[]> {
    return (await locator.innerText()).match(/\p{Extended_Pictographic}/gu) ?? [];
}

describe.each(elementBuilds())("Element Web $version", (build) => {
    const element = setupElementHost("verification", build);

    it.each([
        ["the Sessions tab", "Sessions"],
        // The panel's first view, where "Verify with another device" sits next to "Enter recovery key".
        ["Secure Backup", undefined],
    ])(
        `verifies a new device by emoji: started in the module from %s, answered in Element ${build.version}'s own toast and dialog`,
        async (_where, tab) => {
            const account = await element.newAccount("verify");
            const a = await element.signIn(account, "device-A");
            const b = await element.signIn(account, "device-B");
            await leaveConfirmIdentityScreen(b);
            await element.dismissElementPopups(b);
            expect(await isThisSessionVerified(b)).toBe(false);

            await element.openPanel(b, tab);
            const panelB = modulePanel(b);
            await panelB.getByRole("button", { name: "Verify with another device" }).click();

            // A: Element's own "Verification requested" toast ("Verify Session" in 1.12.0, "Start
            // Verification" in 1.12.10). Element may first ask "New login. Was this you?" (one toast at a time).
            const accept = a.getByRole("button", { name: /^(Start Verification|Verify Session)$/ });
            const itWasMe = a.getByRole("button", { name: "Yes, it was me" });
            await accept.or(itWasMe).first().waitFor({ timeout: 60_000 });
            if (await itWasMe.isVisible()) {
                await element.screenshot(a, "a0-new-login-toast");
                // The toast may be swapped for the request while we click (Element animates toasts).
                await itWasMe.click({ timeout: 5_000 }).catch(() => undefined);
            }
            await accept.waitFor({ timeout: 60_000 });
            await expect(a.getByText("Verification requested").first().isVisible()).resolves.toBe(true);
            await element.screenshot(a, "a1-verification-requested");
            await accept.click();

            // "Verify other device" (1.12.0) / "Compare emojis" (1.12.10): Element's dialog with the emoji.
            const compareA = a.getByRole("dialog").filter({ has: a.getByRole("button", { name: "They match" }) });
            const compareB = panelB.getByRole("list", { name: "Emoji to compare" });
            await compareA.waitFor({ timeout: 60_000 });
            await compareB.waitFor({ timeout: 60_000 });
            const shownB = await emojiIn(compareB);
            expect(shownB).toHaveLength(7);
            expect(await emojiIn(compareA)).toEqual(shownB);
            await element.screenshot(a, "a2-compare-in-element");
            await element.screenshot(b, "b1-compare-in-module");

            await panelB.getByRole("button", { name: "They match" }).click();
            await compareA.getByRole("button", { name: "They match" }).click();
            await panelB.getByText("Verified", { exact: true }).first().waitFor({ timeout: 60_000 });
            await a.getByRole("button", { name: "They match" }).waitFor({ state: "detached", timeout: 60_000 });
            await element.screenshot(a, "a3-element-after-match");
            await element.screenshot(b, "b2-module-verified");
            await eventually("device B to be cross-signed", () => isThisSessionVerified(b), 30_000);
        },
    );
});
