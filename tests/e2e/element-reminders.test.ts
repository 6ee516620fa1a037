/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The module's reminders next to REAL Element's own toasts, at the moments a user meets them: a first
 * login, a second device on Element's "Confirm your identity" screen, the first device when the second
 * appears, and the second device after a reload. What each shows is RECORDED (test-results/
 * element-reminders-<version>.json and screenshots) — which reminders the module leaves to Element is
 * being decided elsewhere. Asserted here is only what must hold whatever that decision is: the module
 * shows at most one reminder at a time, and never on top of Element's toast.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import type { Page } from "playwright-core";

import { elementBuilds, REPO_ROOT } from "../support/elementWeb";
import { confirmIdentityScreen, leaveConfirmIdentityScreen, moduleNudge } from "./support/elementFlows";
import { setupElementHost } from "./support/elementHost";

interface Moment {
    moment: string;
    device: string;
    elementToast: string | null;
    moduleReminders: string[];
    screenshot: string;
}

function overlaps(
    a: { x: number; y: number; width: number; height: number },
    b: { x: number; y: number; width: number; height: number },
): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe.each(elementBuilds())("Element Web $version", (build) => {
    const element = setupElementHost("reminders", build);

    it(`records the module's reminders next to Element ${build.version}'s own toasts`, async () => {
        const moments: Moment[] = [];
        const record = async (page: Page, device: string, moment: string): Promise<void> => {
            // Reminders settle a moment after a change (sync, crypto status): give both sides time.
            await page.waitForTimeout(3_000);
            const toast = page.locator(".mx_ToastContainer .mx_Toast_toast").first();
            const elementToast = (await toast.isVisible())
                ? (await toast.innerText()).split("\n").filter(Boolean).slice(0, 2).join(" — ")
                : null;
            const cards = moduleNudge(page);
            const moduleReminders = (await cards.allInnerTexts()).map((text) => text.split("\n")[0] ?? "");
            // At most one reminder at a time, and never over Element's toast.
            expect(moduleReminders.length).toBeLessThanOrEqual(1);
            if (elementToast && moduleReminders.length) {
                const [toastBox, cardBox] = [await toast.boundingBox(), await cards.first().boundingBox()];
                if (toastBox && cardBox) expect(overlaps(toastBox, cardBox)).toBe(false);
            }
            const screenshot = await element.screenshot(page, `${device}-${moment}`);
            moments.push({ moment, device, elementToast, moduleReminders, screenshot });
        };

        const account = await element.newAccount("remind");
        const a = await element.newPage("device-A");
        await a.getByLabel("Username", { exact: true }).fill(account.username);
        await a.getByLabel("Password", { exact: true }).fill(account.password);
        await a.getByRole("button", { name: "Sign in" }).click();
        await a.getByRole("button", { name: "User menu" }).waitFor({ timeout: 90_000 });
        await record(a, "A", "first-login");

        const b = await element.signIn(account, "device-B");
        await confirmIdentityScreen(b).waitFor();
        await record(b, "B", "confirm-your-identity-screen");
        await record(a, "A", "after-B-signed-in");
        await leaveConfirmIdentityScreen(b);
        await record(b, "B", "after-reload-unverified");

        const out = join(REPO_ROOT, "test-results", `element-reminders-${build.version}.json`);
        mkdirSync(join(REPO_ROOT, "test-results"), { recursive: true });
        writeFileSync(out, `${JSON.stringify(moments, null, 2)}\n`);
        console.info(
            `Element ${build.version} reminders:\n${moments
                .map(
                    (m) =>
                        `  ${m.device} ${m.moment}: Element "${m.elementToast ?? "-"}" | module "${m.moduleReminders.join("; ") || "-"}"`,
                )
                .join("\n")}`,
        );
        expect(moments).toHaveLength(4);
    });
});
