/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Room keys in a file, across the module and REAL Element, in every Element build found: a file the
 * module exports imports in Element's own Settings → Encryption → "Import keys", and a file Element's
 * own "Export keys" writes imports in the module. Each importing device is new, unverified and without
 * the backup key, so the file is its only way to read the message sent before it existed.
 */
import { readFile } from "node:fs/promises";

import type { Page } from "playwright-core";

import { elementBuilds } from "../support/elementWeb";
import {
    closeElementDialog,
    confirmWithRecoveryKeyInElement,
    createEncryptedRoom,
    leaveConfirmIdentityScreen,
    modulePanel,
    openElementSettings,
    openRoom,
    timeline,
} from "./support/elementFlows";
import { setupElementHost } from "./support/elementHost";

/** Long and random enough for Element's own strength check on export. */
const PASSPHRASE = `violet kettle rowing ${Math.random().toString(36).slice(2)} harbour`;

/** Sends with Element's own client and waits until the message shows as sent in the timeline. */
async function sendMessage(page: Page, roomId: string, text: string): Promise<void> {
    await page.evaluate(
        async ([id, body]) => {
            type Client = { sendTextMessage(r: string, b: string): Promise<unknown> };
            const client = (window as unknown as { mxMatrixClientPeg: { get(): Client } }).mxMatrixClientPeg.get();
            await client.sendTextMessage(id!, body!);
        },
        [roomId, text],
    );
    await timeline(page).getByText(text).waitFor({ timeout: 30_000 });
}

async function savedDownload(page: Page, click: () => Promise<void>): Promise<string> {
    const download = page.waitForEvent("download", { timeout: 60_000 });
    await click();
    const path = await (await download).path();
    return readFile(path, "utf8");
}

describe.each(elementBuilds())("Element Web $version", (build) => {
    const element = setupElementHost("keys", build);

    /** A first device with a message in an encrypted room, and a second, new device that cannot read it. */
    async function twoDevices(prefix: string): Promise<{ a: Page; b: Page; roomId: string; secret: string }> {
        const account = await element.newAccount(prefix);
        const a = await element.signIn(account, "device-A");
        const roomId = await createEncryptedRoom(a, "Keys in a file");
        const secret = `sent before B existed ${Date.now()}`;
        await sendMessage(a, roomId, secret);
        const b = await element.signIn(account, "device-B");
        await leaveConfirmIdentityScreen(b);
        await element.dismissElementPopups(b);
        return { a, b, roomId, secret };
    }

    it(`a file exported in the module imports in Element ${build.version}'s own "Import keys"`, async () => {
        // Element shows its encryption settings (and "Import keys") only on a verified device, so B
        // verifies with the recovery key; with no key backup on the server and A gone before B comes
        // (no key forwarding either), the file is B's only way to the old message.
        const account = await element.newAccount("keys-module");
        const a = await element.signIn(account, "device-A");
        // The checkup's own "Set up recovery" (its fix for the recovery line) leads into the set-up.
        await element.openPanel(a);
        const setUpPanel = modulePanel(a);
        await setUpPanel.getByRole("list").getByRole("button", { name: "Set up recovery" }).first().click();
        const generate = setUpPanel.getByRole("button", { name: "Generate a recovery key" });
        await generate.scrollIntoViewIfNeeded();
        await element.screenshot(a, "checkup-fix-set-up");
        await generate.click();
        const keyText = setUpPanel.getByTestId("recovery-key");
        await keyText.waitFor({ timeout: 30_000 });
        const key = (await keyText.innerText()).trim();
        await setUpPanel.getByRole("button", { name: "I've saved it" }).click();
        await setUpPanel.getByLabel("Recovery key", { exact: true }).fill(key);
        await setUpPanel.getByRole("button", { name: "Finish set-up" }).click();
        await setUpPanel.getByText("Your messages are backed up").waitFor({ timeout: 60_000 });
        await element.closePanel(a);
        await a.evaluate(async () => {
            type Crypto = {
                getKeyBackupInfo(): Promise<{ version?: string } | null>;
                deleteKeyBackupVersion(v: string): Promise<void>;
            };
            const peg = (window as unknown as { mxMatrixClientPeg: { get(): { getCrypto(): Crypto } } })
                .mxMatrixClientPeg;
            const crypto = peg.get().getCrypto();
            const info = await crypto.getKeyBackupInfo();
            if (info?.version) await crypto.deleteKeyBackupVersion(info.version);
        });
        const roomId = await createEncryptedRoom(a, "Keys in a file");
        const secret = `sent before B existed ${Date.now()}`;
        await sendMessage(a, roomId, secret);

        await element.openPanel(a);
        const panel = modulePanel(a);
        await panel.getByRole("button", { name: "Export room keys" }).click();
        await panel.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
        await panel.getByLabel("Passphrase again", { exact: true }).fill(PASSPHRASE);
        await panel.getByRole("button", { name: "Export", exact: true }).click();
        await panel.getByText(/^Keys ready: \d+$/).waitFor({ timeout: 60_000 });
        await element.screenshot(a, "module-export-ready");
        const file = await savedDownload(a, () => panel.getByRole("button", { name: "Save the file" }).click());
        expect(file.startsWith("-----BEGIN MEGOLM SESSION DATA-----")).toBe(true);
        expect(a.url()).not.toContain("violet"); // the passphrase never reaches the address bar
        await a.context().close();

        const b = await element.signIn(account, "device-B");
        await confirmWithRecoveryKeyInElement(b, key);
        await element.dismissElementPopups(b);
        const settings = await openElementSettings(b, "Encryption");
        await settings.getByRole("button", { name: "Import keys" }).click();
        const dialog = b.getByRole("dialog").filter({ hasText: "Import room keys" }).last();
        await dialog.getByLabel("File to import").setInputFiles({
            name: "element-keys.txt",
            mimeType: "text/plain",
            buffer: Buffer.from(file),
        });
        await dialog.getByLabel("Enter passphrase").fill(PASSPHRASE);
        await element.screenshot(b, "element-import-filled");
        await dialog.getByRole("button", { name: "Import", exact: true }).click();
        await b.getByText("Import room keys").waitFor({ state: "detached", timeout: 60_000 });
        await closeElementDialog(b);
        await openRoom(b, roomId);
        await timeline(b).getByText(secret).waitFor({ timeout: 60_000 });
        await element.screenshot(b, "element-import-history-readable");
    });

    it(`a file from Element ${build.version}'s own "Export keys" imports in the module, with the number restored`, async () => {
        const { a, b, roomId, secret } = await twoDevices("keys-element");

        const settings = await openElementSettings(a, "Encryption");
        await settings.getByRole("button", { name: "Export keys" }).click();
        const dialog = a.getByRole("dialog").filter({ hasText: "Export room keys" }).last();
        await dialog.getByLabel("Enter passphrase").fill(PASSPHRASE);
        await dialog.getByLabel("Confirm passphrase").fill(PASSPHRASE);
        const file = await savedDownload(a, () => dialog.getByRole("button", { name: "Export", exact: true }).click());
        expect(file.startsWith("-----BEGIN MEGOLM SESSION DATA-----")).toBe(true);

        await element.openPanel(b);
        const panel = modulePanel(b);
        await panel.getByRole("button", { name: "Import room keys" }).click();
        await panel.getByLabel("Key file").setInputFiles({
            name: "element-keys.txt",
            mimeType: "text/plain",
            buffer: Buffer.from(file),
        });
        await panel.getByLabel("The file's passphrase").fill(PASSPHRASE);
        await panel.getByRole("button", { name: "Import", exact: true }).click();
        await panel.getByText(/^Keys restored: (\d+) of \1$/).waitFor({ timeout: 60_000 });
        await element.screenshot(b, "module-import-restored");
        await element.closePanel(b);
        await openRoom(b, roomId);
        await timeline(b).getByText(secret).waitFor({ timeout: 60_000 });
        await element.screenshot(b, "module-import-history-readable");
    });
});
