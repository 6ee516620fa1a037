/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/** The host page's minimal room list and timeline, driven as a user would. */
import type { Page } from "playwright-core";

/** Creates an encrypted room from the room list and opens it; returns its room id. */
export async function createEncryptedRoom(page: Page): Promise<string> {
    await page.getByRole("button", { name: "Home", exact: true }).click();
    await page.getByRole("button", { name: "New encrypted room" }).click();
    await page.waitForFunction(() => window.location.hash.startsWith("#/room/"));
    await page.getByText("Encrypted room", { exact: true }).waitFor();
    return decodeURIComponent((await page.evaluate(() => window.location.hash)).slice("#/room/".length));
}

export async function sendMessage(page: Page, text: string): Promise<void> {
    await page.getByLabel("Message", { exact: true }).fill(text);
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("list", { name: "Messages" }).getByText(text).waitFor();
}

export async function openRoom(page: Page, roomId: string): Promise<void> {
    await page.getByRole("button", { name: "Home", exact: true }).click();
    await page.evaluate((id) => (window.location.hash = `#/room/${encodeURIComponent(id)}`), roomId);
    await page.getByRole("list", { name: "Messages" }).waitFor();
}

/** Server-side count of keys in the current backup (0 when there is none). */
export async function backedUpKeyCount(page: Page): Promise<number> {
    return page.evaluate(async () => {
        const peg = (window as unknown as { mxMatrixClientPeg: { get(): { getAccessToken(): string } } })
            .mxMatrixClientPeg;
        const response = await fetch("/_matrix/client/v3/room_keys/version", {
            headers: { Authorization: `Bearer ${peg.get().getAccessToken()}` },
        });
        if (!response.ok) return 0;
        return ((await response.json()) as { count?: number }).count ?? 0;
    });
}
