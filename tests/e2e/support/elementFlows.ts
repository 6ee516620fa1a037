/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * Steps in REAL Element Web's own UI (1.12.x), as a user takes them: its Settings, its recovery set-up,
 * its "Confirm your identity" screen, its rooms. The module's own steps are in flows.ts.
 */
import type { Locator, Page } from "playwright-core";

import { eventually, passwordIfAsked } from "./flows";
import { backedUpKeyCount } from "./rooms";

/** A recovery key as Element and the module print it: 12 groups of 4 characters. */
export const RECOVERY_KEY = /^E[A-Za-z0-9]{3}( [A-Za-z0-9]{4}){11}$/;

/**
 * Creates an encrypted room with Element's own client and opens it. Through the client rather than
 * Element's "New room" dialog: the stories are about keys, and the dialog differs between versions.
 */
export async function createEncryptedRoom(page: Page, name: string): Promise<string> {
    const roomId = await page.evaluate(async (roomName) => {
        type Client = { createRoom(o: unknown): Promise<{ room_id: string }> };
        const client = (window as unknown as { mxMatrixClientPeg: { get(): Client } }).mxMatrixClientPeg.get();
        const { room_id: id } = await client.createRoom({
            name: roomName,
            preset: "private_chat",
            initial_state: [
                { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
            ],
        });
        return id;
    }, name);
    // Element can only show the room once its client has it from /sync.
    await page.waitForFunction(
        (id) =>
            (window as unknown as { mxMatrixClientPeg: { get(): { getRoom(i: string): unknown } } }).mxMatrixClientPeg
                .get()
                .getRoom(id) !== null,
        roomId,
    );
    await openRoom(page, roomId);
    return roomId;
}

export async function openRoom(page: Page, roomId: string): Promise<void> {
    await page.evaluate((id) => (window.location.hash = `#/room/${id}`), roomId);
    await composer(page).waitFor({ timeout: 30_000 });
}

/** Element's message composer ("Send a message…"; "Send an encrypted message…" in some versions). */
function composer(page: Page): Locator {
    return page.getByRole("textbox", { name: /^Send (a|an|an encrypted) message/ }).first();
}

/** The timeline of the open room. */
export function timeline(page: Page): Locator {
    return page.locator(".mx_RoomView_MessageList");
}

/**
 * Types and sends a message in Element's composer, waits until it shows as sent, and until its room
 * key reached the server's key backup (the SDK uploads after a random delay of up to 10 s) — so that a
 * device that comes later can restore it.
 */
export async function sendMessageAndBackUp(page: Page, text: string): Promise<void> {
    await composer(page).fill(text);
    await composer(page).press("Enter");
    await timeline(page).getByText(text).waitFor({ timeout: 30_000 });
    await eventually("the room key in the server backup", async () => (await backedUpKeyCount(page)) >= 1, 45_000);
}

/** Opens Element's own Settings dialog at a tab (User menu → All settings). */
export async function openElementSettings(page: Page, tab: string): Promise<Locator> {
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitem", { name: "All settings" }).click();
    const dialog = page.getByRole("dialog").filter({ has: page.getByRole("tablist") });
    await dialog.getByRole("tab", { name: tab }).click();
    return dialog;
}

/**
 * Element's own Settings → Encryption → Set up recovery: explain → show the key → type it back.
 * Returns the key Element showed. Leaves Settings open at the Encryption tab.
 */
export async function setUpRecoveryInElement(page: Page): Promise<string> {
    const settings = await openElementSettings(page, "Encryption");
    await settings.getByRole("button", { name: "Set up recovery" }).click();
    await settings.getByRole("button", { name: "Continue" }).click();
    const keyText = settings.getByText(RECOVERY_KEY);
    await keyText.waitFor({ timeout: 30_000 });
    const key = (await keyText.innerText()).trim();
    await settings.getByRole("button", { name: "Continue" }).click();
    await settings.getByRole("heading", { name: "Enter your recovery key to confirm" }).waitFor();
    await settings.locator('input[name="recoveryKey"]').fill(key);
    await settings.getByRole("button", { name: /^Finish set ?up$/i }).click();
    // Back on the Encryption tab, which now offers to change the key it just made.
    await settings.getByRole("button", { name: "Change recovery key" }).waitFor({ timeout: 60_000 });
    return key;
}

/** Closes Element's topmost dialog (its "Close dialog" X). */
export async function closeElementDialog(page: Page): Promise<void> {
    await page.getByRole("button", { name: "Close dialog" }).last().click();
}

/** Element's full-page "Confirm your identity" (a new device of a user with cross-signing). */
export function confirmIdentityScreen(page: Page): Locator {
    return page.getByRole("heading", { name: "Confirm your identity" });
}

/** "Confirm your identity" → Use recovery key → type it → Continue → "Device verified" → Done. */
export async function confirmWithRecoveryKeyInElement(page: Page, key: string): Promise<void> {
    await confirmIdentityScreen(page).waitFor();
    await page.getByRole("button", { name: "Use recovery key" }).click();
    await page.getByRole("heading", { name: "Enter your recovery key" }).waitFor();
    await page.getByPlaceholder("Recovery key").fill(key);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Device verified" }).waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("button", { name: "User menu" }).waitFor({ timeout: 60_000 });
}

/** Whether Element's own client says this session is cross-signed by the user's identity. */
export { isThisSessionVerified } from "./flows";

/** The module's Account security panel, in Element's dialog (1.12.0) or on its page (1.12.10). */
export function modulePanel(page: Page): Locator {
    return page.getByRole("region", { name: "Account security", exact: true });
}

/** The module's reminder card (its nudge layer). */
export function moduleNudge(page: Page): Locator {
    return page.getByRole("region", { name: "Account security reminder" });
}

/**
 * In the module: Secure Backup → Set up recovery → generate → "I've saved it" → type it back →
 * (password if the server asks) → "Your messages are backed up". Returns the module's key.
 */
export async function setUpRecoveryInModule(
    element: { openPanel(page: Page, section?: string): Promise<void> },
    page: Page,
    password: string,
): Promise<string> {
    await element.openPanel(page, "Secure Backup");
    const panel = modulePanel(page);
    await panel.getByRole("button", { name: "Set up recovery" }).first().click({ timeout: 30_000 });
    await panel.getByRole("button", { name: "Generate a recovery key" }).click();
    const keyText = panel.getByTestId("recovery-key");
    await keyText.waitFor({ timeout: 30_000 });
    const key = (await keyText.innerText()).trim();
    await panel.getByRole("button", { name: "I've saved it" }).click();
    await panel.getByLabel("Recovery key", { exact: true }).fill(key);
    await panel.getByRole("button", { name: "Finish set-up" }).click();
    const healthy = panel.getByText("Your messages are backed up");
    await passwordIfAsked(page, password, healthy);
    await healthy.waitFor({ timeout: 60_000 });
    return key;
}

/**
 * A new device that is on Element's "Confirm your identity" screen goes on to Element itself: the
 * user leaves and comes back (a reload), and Element shows its main view with a "Verify this session"
 * toast instead of the full-page screen. From there the module is one click away.
 */
export async function leaveConfirmIdentityScreen(page: Page): Promise<void> {
    await confirmIdentityScreen(page).waitFor();
    await page.reload();
    await page.getByRole("button", { name: "User menu" }).waitFor({ timeout: 60_000 });
}

/** In the module: Secure Backup → Enter recovery key → type it → Continue → "This device is verified". */
export async function enterRecoveryKeyInModule(
    element: { openPanel(page: Page, section?: string): Promise<void> },
    page: Page,
    key: string,
): Promise<void> {
    await element.openPanel(page, "Secure Backup");
    const panel = modulePanel(page);
    await panel.getByRole("button", { name: "Enter recovery key" }).first().click({ timeout: 30_000 });
    await panel.getByLabel("Recovery key or passphrase", { exact: true }).fill(key);
    await panel.getByRole("button", { name: "Continue" }).click();
    await panel
        .getByText(/This device is verified/)
        .first()
        .waitFor({ timeout: 60_000 });
}
