/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/** Module flows that several browser tests need as a starting point, driven through the module's UI. */
import type { Locator, Page } from "playwright-core";

import type { DevHost } from "./devHost";

/** Answers the module's "confirm it's you" step if the server asks for it before `next` shows. */
export async function passwordIfAsked(page: Page, password: string, next: Locator): Promise<void> {
    const field = page.getByLabel("Your account password", { exact: true }).and(page.locator("input"));
    await field.or(next).first().waitFor({ timeout: 60_000 });
    if (await field.isVisible()) {
        await field.fill(password);
        await page.getByRole("button", { name: "Confirm" }).click();
    }
}

/** Secure Backup → Set up recovery → generate → save → type back. Returns the recovery key. */
export async function setUpRecovery(
    host: DevHost,
    page: Page,
    password: string,
    screenshots?: string,
): Promise<string> {
    const shot = async (name: string): Promise<void> => {
        if (screenshots) await host.screenshot(page, `${screenshots}-${name}`);
    };
    await host.openPanel(page, "Secure Backup");
    await page.getByRole("button", { name: "Set up recovery" }).first().waitFor({ timeout: 30_000 });
    await shot("not-set-up");
    await page.getByRole("main").getByRole("button", { name: "Set up recovery" }).first().click();
    await page.getByRole("button", { name: "Generate a recovery key" }).click();
    const keyText = page.getByTestId("recovery-key");
    await keyText.waitFor({ timeout: 30_000 });
    const recoveryKey = (await keyText.innerText()).trim();
    await shot("save-key");
    await page.getByRole("button", { name: "I've saved it" }).click();
    await page.getByLabel("Recovery key", { exact: true }).fill(recoveryKey);
    await page.getByRole("button", { name: "Finish set-up" }).click();
    const healthy = page.getByText("Your messages are backed up");
    await passwordIfAsked(page, password, healthy);
    await healthy.waitFor({ timeout: 60_000 });
    await shot("healthy");
    return recoveryKey;
}

/** Whether the browser's own session is cross-signed by the user's identity. */
export async function isThisSessionVerified(page: Page): Promise<boolean> {
    return page.evaluate(async () => {
        type Client = {
            getSafeUserId(): string;
            getDeviceId(): string;
            getCrypto(): {
                getDeviceVerificationStatus(u: string, d: string): Promise<{ crossSigningVerified: boolean } | null>;
            };
        };
        const client = (window as unknown as { mxMatrixClientPeg: { get(): Client } }).mxMatrixClientPeg.get();
        const status = await client
            .getCrypto()
            .getDeviceVerificationStatus(client.getSafeUserId(), client.getDeviceId());
        return status?.crossSigningVerified ?? false;
    });
}

/** The nudge card the module shows (a region named "Account security reminder"). */
export function nudge(page: Page): Locator {
    return page.getByRole("region", { name: "Account security reminder" });
}

/** Polls `check` until it is true (Matrix state settles over a few round trips). */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (await check()) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}
