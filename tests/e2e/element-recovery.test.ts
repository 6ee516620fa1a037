/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Recovery across the module and REAL Element, in every Element build found: a key made by the module
 * works in Element's own "Use recovery key" and in the module on a new device; a key made by Element's
 * own Settings works in the module on a new device. Each new device reads a message sent before it
 * existed, restored from the server's key backup.
 */
import { elementBuilds } from "../support/elementWeb";
import {
    closeElementDialog,
    confirmIdentityScreen,
    confirmWithRecoveryKeyInElement,
    createEncryptedRoom,
    enterRecoveryKeyInModule,
    isThisSessionVerified,
    leaveConfirmIdentityScreen,
    openRoom,
    RECOVERY_KEY,
    sendMessageAndBackUp,
    setUpRecoveryInElement,
    setUpRecoveryInModule,
    timeline,
} from "./support/elementFlows";
import { eventually } from "./support/flows";
import { setupElementHost } from "./support/elementHost";

describe.each(elementBuilds())("Element Web $version", (build) => {
    const element = setupElementHost("recovery", build);

    it(`recovery set up in the module: a new device enters the key in Element ${build.version}'s "Use recovery key", another in the module; both read the old message`, async () => {
        const account = await element.newAccount("rec-module");
        const a = await element.signIn(account, "device-A");
        const key = await setUpRecoveryInModule(element, a, account.password);
        expect(key).toMatch(RECOVERY_KEY);
        await element.screenshot(a, "module-key-a1-backed-up");
        await element.closePanel(a);
        const roomId = await createEncryptedRoom(a, "Before the new devices");
        const secret = `sent before B and C existed ${Date.now()}`;
        await sendMessageAndBackUp(a, secret);

        // B: Element's own screen for a new device, with the module's key.
        const b = await element.signIn(account, "device-B");
        await confirmIdentityScreen(b).waitFor();
        await element.screenshot(b, "module-key-b1-confirm-your-identity");
        await confirmWithRecoveryKeyInElement(b, key);
        // The signature upload and the crypto store catch up a moment after the dialog closes.
        await eventually("session B to be cross-signed", () => isThisSessionVerified(b), 20_000);
        await element.dismissElementPopups(b);
        await openRoom(b, roomId);
        await timeline(b).getByText(secret).waitFor({ timeout: 60_000 });
        await element.screenshot(b, "module-key-b2-history-readable");

        // C: the same key entered in the module (after leaving Element's full-page screen).
        const c = await element.signIn(account, "device-C");
        await leaveConfirmIdentityScreen(c);
        await element.dismissElementPopups(c);
        await enterRecoveryKeyInModule(element, c, key);
        await element.screenshot(c, "module-key-c1-restored-in-module");
        // The signature upload and the crypto store catch up a moment after the dialog closes.
        await eventually("session C to be cross-signed", () => isThisSessionVerified(c), 20_000);
        await element.closePanel(c);
        await openRoom(c, roomId);
        await timeline(c).getByText(secret).waitFor({ timeout: 60_000 });
        await element.screenshot(c, "module-key-c2-history-readable");
    });

    it(`recovery set up in Element ${build.version}'s own Settings: a new device enters Element's key in the module and reads the old message`, async () => {
        const account = await element.newAccount("rec-element");
        const a = await element.signIn(account, "device-A");
        const key = await setUpRecoveryInElement(a);
        expect(key).toMatch(RECOVERY_KEY);
        await element.screenshot(a, "element-key-a1-settings-done");
        await closeElementDialog(a);
        const roomId = await createEncryptedRoom(a, "Before the new device");
        const secret = `sent before B existed ${Date.now()}`;
        await sendMessageAndBackUp(a, secret);

        const b = await element.signIn(account, "device-B");
        await leaveConfirmIdentityScreen(b);
        await element.dismissElementPopups(b);
        await enterRecoveryKeyInModule(element, b, key);
        await element.screenshot(b, "element-key-b1-restored-in-module");
        // The signature upload and the crypto store catch up a moment after the dialog closes.
        await eventually("session B to be cross-signed", () => isThisSessionVerified(b), 20_000);
        await element.closePanel(b);
        await openRoom(b, roomId);
        await timeline(b).getByText(secret).waitFor({ timeout: 60_000 });
        await element.screenshot(b, "element-key-b2-history-readable");
    });
});
