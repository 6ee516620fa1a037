/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The security checkup, the recovery key check and the recovery sheet inside REAL Element, in every
 * Element build found. The homeserver has MSC3814 (dehydrated devices) switched on, as a deployer
 * who wants them would, so the module's set-up also keeps a dehydrated device there.
 *
 * - The checkup counts "N of M protections on", each line's action leads to the fix, and the count
 *   goes up live (no reload, no polling) when recovery is set up in Element's OWN Settings.
 * - "Do you still have your recovery key?": a wrong key gets guidance, the right one "Good — keep it
 *   safe" and a date in account data that a second device shows too.
 * - The recovery sheet holds the key, the account, the homeserver and the date, and no request of the
 *   page ever carries the key.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";

import type { Locator, Page, Request } from "playwright-core";

import { REPO_ROOT } from "../../dev/server";
import { adminRequest, loginDevice } from "../support/clients";
import { elementBuilds } from "../support/elementWeb";
import {
    closeElementDialog,
    leaveConfirmIdentityScreen,
    modulePanel,
    openElementSettings,
    RECOVERY_KEY,
    setUpRecoveryInElement,
} from "./support/elementFlows";
import { eventually, passwordIfAsked } from "./support/flows";
import { setupElementHost } from "./support/elementHost";

const DOCS_SCREENSHOTS = join(REPO_ROOT, "docs", "screenshots");
const CHECK_TYPE = "io.github.element_account_security.recovery_check";
const SUMMARY = /^(\d) of (\d) protections on$/;

/** Every request a page makes (URL and body), to prove later that none carried a secret. */
function recordRequests(page: Page): Array<{ url: string; body: string }> {
    const seen: Array<{ url: string; body: string }> = [];
    page.context().on("request", (request: Request) => {
        seen.push({ url: request.url(), body: request.postData() ?? "" });
    });
    return seen;
}

/** Requests among `seen` that carry `key` in any spelling (as shown, without spaces, URL-encoded). */
function carrying(seen: Array<{ url: string; body: string }>, key: string): string[] {
    const forms = [key, key.replace(/\s+/g, ""), encodeURIComponent(key)];
    return seen.filter((r) => forms.some((f) => r.url.includes(f) || r.body.includes(f))).map((r) => r.url);
}

/** The checkup's "N of M protections on", read from the panel. */
async function summary(panel: Locator): Promise<string> {
    const text = panel.getByText(SUMMARY);
    await text.waitFor({ timeout: 30_000 });
    return (await text.innerText()).trim();
}

/** The account data the module's key check writes, as the server has it. */
async function recordedCheck(page: Page): Promise<{ checked_at?: number; by?: string } | null> {
    return page.evaluate(async (type) => {
        type Client = { getAccountDataFromServer(t: string): Promise<Record<string, unknown> | null> };
        const client = (window as unknown as { mxMatrixClientPeg: { get(): Client } }).mxMatrixClientPeg.get();
        return (await client.getAccountDataFromServer(type)) as { checked_at?: number; by?: string } | null;
    }, CHECK_TYPE);
}

/** The account's dehydrated device on the server (MSC3814), read with Element's own client; null when none. */
async function dehydratedDeviceId(page: Page): Promise<string | null> {
    return page.evaluate(async () => {
        type Http = { authedRequest(m: string, p: string, q?: unknown, b?: unknown, o?: unknown): Promise<unknown> };
        const client = (window as unknown as { mxMatrixClientPeg: { get(): { http: Http } } }).mxMatrixClientPeg.get();
        try {
            const answer = (await client.http.authedRequest("GET", "/dehydrated_device", undefined, undefined, {
                prefix: "/_matrix/client/unstable/org.matrix.msc3814.v1",
            })) as { device_id?: string };
            return typeof answer.device_id === "string" ? answer.device_id : null;
        } catch {
            return null;
        }
    });
}

/** Element's own recovery-key dialogs open on the page (the module's own dialog on 1.12.0 excluded). */
function elementKeyDialogs(page: Page, modulePanelLocator: Locator): Locator {
    return page
        .getByRole("dialog")
        .filter({ hasNot: modulePanelLocator })
        .filter({ hasText: /recovery key|Security Key/i });
}

describe.each(elementBuilds())("Element Web $version", (build) => {
    const element = setupElementHost("checkup", build, {
        synapseConfig: { experimental_features: { msc3814_enabled: true } },
    });
    const newest = build.version === elementBuilds().at(-1)?.version;

    /** Saves a docs screenshot of the module's checkup (newest Element only: the closing note's pictures). */
    async function docsScreenshot(page: Page, name: string): Promise<void> {
        if (!newest) return;
        mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
        // Away from the space-panel item, whose tooltip would cover the heading.
        await page.mouse.move(1200, 820);
        await page
            .getByRole("tooltip")
            .waitFor({ state: "hidden", timeout: 5_000 })
            .catch(() => undefined);
        const checkup = modulePanel(page).getByRole("region", { name: "Security checkup" });
        await checkup.screenshot({ path: join(DOCS_SCREENSHOTS, name), scale: "css" });
    }

    it(`the checkup's count goes up live when recovery is set up in Element ${build.version}'s own Settings`, async () => {
        const account = await element.newAccount("checkup-live");
        const page = await element.signIn(account, "device-A");
        // Any reload would clear this: the count must change without one.
        await page.evaluate(() => ((window as unknown as { easNoReload: boolean }).easNoReload = true));

        await element.openPanel(page);
        const panel = modulePanel(page);
        // A fresh account in Element: Element made the identity at sign-in (this session verified, no
        // other sessions); recovery and an email address are missing.
        expect(await summary(panel)).toBe("2 of 4 protections on");
        const lines = panel.getByRole("list", { name: "Security checkup" });
        await lines.getByText("Recovery is not set up").waitFor();
        await lines.getByText("No email address to reset your password").waitFor();
        await lines.getByText("This session is verified").waitFor();
        await lines.getByText("None of your sessions is unverified").waitFor();
        await docsScreenshot(page, "checkup-some-off.png");
        await element.screenshot(page, "checkup-some-off");
        // Each line's action leads to its fix: "Add email" to the Email tab's form, "Set up recovery"
        // to the set-up in Secure Backup.
        await lines.getByRole("button", { name: "Add email" }).click();
        await expect(panel.getByRole("tab", { name: "Email" }).getAttribute("aria-selected")).resolves.toBe("true");
        await panel
            .getByRole("button", { name: "Add email address" })
            .or(panel.getByRole("textbox", { name: "Email address" }))
            .first()
            .waitFor();
        await lines.getByRole("button", { name: "Set up recovery" }).click();
        await expect(panel.getByRole("tab", { name: "Secure Backup" }).getAttribute("aria-selected")).resolves.toBe(
            "true",
        );
        await panel.getByRole("button", { name: "Generate a recovery key" }).waitFor();
        // The entry point says the same count: the space-panel item's name (1.12.10) or the button's badge.
        // Behind Element's modal Settings the rest of the page is aria-hidden: found all the same.
        const entry = page.getByRole("button", { name: /^Account security/, includeHidden: true }).first();
        const entryName = async (): Promise<string> =>
            (await entry.getAttribute("aria-label")) ?? (await entry.innerText()).replace(/\s+/g, " ").trim();
        if (element.hasSpacePanel) expect(await entryName()).toBe("Account security, 2 of 4 protections on");
        else expect(await entryName()).toContain("2 to review");

        // 1.12.0 shows the module in a dialog: Element's user menu is behind it, so it is closed first.
        if (!element.hasSpacePanel) await element.closePanel(page);
        const key = await setUpRecoveryInElement(page);
        expect(key).toMatch(RECOVERY_KEY);
        // With Element's Settings still open, the entry point's count has already followed (the nudge
        // layer's checkup, from the client's events).
        if (element.hasSpacePanel) {
            await eventually(
                "the space-panel item to say 3 of 4",
                async () => (await entryName()) === "Account security, 3 of 4 protections on",
            );
        } else {
            await eventually("the entry button's badge to say 1", async () =>
                (await entryName()).includes("1 to review"),
            );
        }
        await element.screenshot(page, "checkup-live-settings-open");
        await closeElementDialog(page);
        expect(await page.evaluate(() => (window as unknown as { easNoReload?: boolean }).easNoReload)).toBe(true);
        await element.openPanel(page);
        expect(await summary(panel)).toBe("3 of 4 protections on");
        await lines.getByText("Recovery is set up and works on this session").waitFor();

        // The homeserver's admin adds an email address. The homeserver tells no client about it: the
        // module sees it on the next read of the list — its own once the list it read is a minute old,
        // or, as here, Element's own (its Settings → Account reads the list when it opens).
        const admin = await element.server.register(`admin-${Date.now().toString(36)}`, "admin-pw", true);
        const adminLogin = await loginDevice(element.server.synapse, admin);
        await adminRequest(
            element.server.synapse,
            adminLogin,
            "PUT",
            `/_synapse/admin/v2/users/${encodeURIComponent(account.userId)}`,
            { threepids: [{ medium: "email", address: `${account.username}@example.org` }] },
        );
        await element.closePanel(page);
        const settings = await openElementSettings(page, "Account");
        await settings.getByText(`${account.username}@example.org`).first().waitFor({ timeout: 30_000 });
        await closeElementDialog(page);
        await element.openPanel(page);
        expect(await summary(panel)).toBe("4 of 4 protections on");
        await expect(lines.getByRole("button").count()).resolves.toBe(0);
        if (element.hasSpacePanel) expect(await entryName()).toBe("Account security");
        await docsScreenshot(page, "checkup-all-on.png");
        await element.screenshot(page, "checkup-all-on");
    });

    it(`the count goes up live when an email address is added in Element ${build.version}'s own Settings → Account`, async () => {
        const account = await element.newAccount("checkup-email");
        const page = await element.signIn(account, "device-A");
        await page.evaluate(() => ((window as unknown as { easNoReload: boolean }).easNoReload = true));
        const entry = page.getByRole("button", { name: /^Account security/, includeHidden: true }).first();
        const entryName = async (): Promise<string> =>
            (await entry.getAttribute("aria-label")) ?? (await entry.innerText()).replace(/\s+/g, " ").trim();
        if (element.hasSpacePanel) {
            await eventually(
                "the space-panel item to say 2 of 4",
                async () => (await entryName()) === "Account security, 2 of 4 protections on",
            );
        } else {
            await eventually("the entry button's badge to say 2", async () =>
                (await entryName()).includes("2 to review"),
            );
        }

        // Element's own add-email flow: address → Add → the link in the mail → Continue → password.
        const address = `${account.username}@example.org`;
        const settings = await openElementSettings(page, "Account");
        const emailField = settings.getByRole("textbox", { name: "Email Address" });
        await emailField.fill(address);
        // The email form's "Add" (the phone number form has one too).
        await settings
            .locator("form")
            .filter({ has: page.getByRole("textbox", { name: "Email Address" }) })
            .getByRole("button", { name: "Add", exact: true })
            .click();
        await settings.getByText(/We've sent you an email to verify your address/).waitFor({ timeout: 30_000 });
        const mail = await element.server.mailSink.waitForMail(address);
        const link = mail.links.find((l) => l.includes("submit_token"));
        expect(link).toBeDefined();
        const linkTab = await page.context().newPage();
        await linkTab.goto(link!);
        await linkTab.close();
        await page.bringToFront();
        await settings.getByRole("button", { name: "Continue" }).click();
        const password = page.getByRole("dialog").getByLabel("Password", { exact: true });
        await password.waitFor({ timeout: 30_000 });
        await password.fill(account.password);
        await password.press("Enter");
        await settings.getByText(address).first().waitFor({ timeout: 30_000 });

        // Settings still open: the module's count followed Element's own re-read of the list.
        if (element.hasSpacePanel) {
            await eventually(
                "the space-panel item to say 3 of 4",
                async () => (await entryName()) === "Account security, 3 of 4 protections on",
            );
        } else {
            await eventually("the entry button's badge to say 1", async () =>
                (await entryName()).includes("1 to review"),
            );
        }
        await element.screenshot(page, "checkup-live-email-settings-open");
        await closeElementDialog(page);
        expect(await page.evaluate(() => (window as unknown as { easNoReload?: boolean }).easNoReload)).toBe(true);
        await element.openPanel(page);
        expect(await summary(modulePanel(page))).toBe("3 of 4 protections on");
        await modulePanel(page).getByText("An email address can reset your password").waitFor();
    });

    it(`recovery set up in the module in Element ${build.version}: the sheet holds the key and is never sent; the key check says right or wrong, and a second device sees the date; set-up and key change keep a dehydrated device with no Element dialog`, async () => {
        const account = await element.newAccount("checkup-key");
        const a = await element.signIn(account, "device-A");
        const requests = recordRequests(a);
        // Captures the sheet the module hands to the print frame (the frame goes once printed).
        await a.evaluate(() => {
            const w = window as unknown as { easSheets: string[] };
            w.easSheets = [];
            new MutationObserver((records) => {
                for (const record of records)
                    for (const node of record.addedNodes)
                        if (node instanceof HTMLIFrameElement && node.srcdoc) w.easSheets.push(node.srcdoc);
            }).observe(document.body, { childList: true });
        });

        await element.openPanel(a, "Secure Backup");
        const panel = modulePanel(a);
        await panel.getByRole("button", { name: "Set up recovery" }).first().click({ timeout: 30_000 });
        await panel.getByRole("button", { name: "Generate a recovery key" }).click();
        const keyText = panel.getByTestId("recovery-key");
        await keyText.waitFor({ timeout: 30_000 });
        const key = (await keyText.innerText()).trim();
        expect(key).toMatch(RECOVERY_KEY);

        const before = requests.length;
        await panel.getByRole("button", { name: "Save a recovery sheet" }).click();
        await a.waitForFunction(() => (window as unknown as { easSheets: string[] }).easSheets.length > 0);
        const sheet = await a.evaluate(() => (window as unknown as { easSheets: string[] }).easSheets[0]!);
        const today = await a.evaluate(() => new Date().toLocaleDateString("en", { dateStyle: "long" }));
        expect(sheet).toContain(key);
        expect(sheet).toContain(account.userId);
        expect(sheet).toContain("localhost"); // the homeserver (Element's config names it so)
        expect(sheet).toContain(today);
        expect(sheet).toContain("Where to keep it");
        // Made in the page: nothing it loads, no request while it is made and printed.
        expect(sheet).not.toMatch(/<script|src=|href=/i);
        await a.waitForTimeout(1_000);
        expect(carrying(requests.slice(before), key)).toEqual([]);
        // The print frame (and with it the key) leaves the page once printed.
        await a
            .locator('iframe[aria-label="Recovery sheet being printed"]')
            .waitFor({ state: "detached", timeout: 65_000 });
        if (newest) {
            const view = await a.context().newPage();
            await view.setViewportSize({ width: 640, height: 560 });
            await view.setContent(sheet);
            mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
            await view.screenshot({ path: join(DOCS_SCREENSHOTS, "recovery-sheet.png") });
            await view.close();
        }

        await panel.getByRole("button", { name: "I've saved it" }).click();
        await panel.getByLabel("Recovery key", { exact: true }).fill(key);
        await panel.getByRole("button", { name: "Finish set-up" }).click();
        const healthy = panel.getByText("Your messages are backed up");
        await passwordIfAsked(a, account.password, healthy);
        await healthy.waitFor({ timeout: 60_000 });
        // MSC3814 is on: the set-up kept a dehydrated device, and Element's own key dialog never opened.
        await eventually("a dehydrated device on the server", async () => (await dehydratedDeviceId(a)) !== null);
        await expect(elementKeyDialogs(a, panel).count()).resolves.toBe(0);

        const setUpRecord = await recordedCheck(a);
        // "Do you still have your recovery key?" — first a key that is well-formed but not this account's.
        const wrongKey = await a.evaluate(async () => {
            type Crypto = { createRecoveryKeyFromPassphrase(): Promise<{ encodedPrivateKey?: string }> };
            const peg = (window as unknown as { mxMatrixClientPeg: { get(): { getCrypto(): Crypto } } })
                .mxMatrixClientPeg;
            return (await peg.get().getCrypto().createRecoveryKeyFromPassphrase()).encodedPrivateKey!;
        });
        const tools = panel.getByRole("group", { name: "Recovery tools" });
        await tools.getByRole("button", { name: "Check my recovery key" }).click();
        await tools.getByLabel("Recovery key or passphrase").fill(wrongKey);
        const checkCount = (): number => requests.filter((r) => r.url.includes(encodeURIComponent(CHECK_TYPE))).length;
        const checksBefore = checkCount();
        await tools.getByRole("button", { name: "Check", exact: true }).click();
        const wrong = tools.getByRole("alert");
        await wrong.getByText("That is not your current recovery key").waitFor({ timeout: 30_000 });
        await wrong.getByText(/This session still holds everything the key protects/).waitFor();
        await tools.getByRole("button", { name: "Change recovery key" }).waitFor();
        // Only a right answer is recorded: the set-up's record stays as it was.
        expect(checkCount()).toBe(checksBefore);
        expect(await recordedCheck(a)).toEqual(setUpRecord);
        expect(setUpRecord?.by).toBe("set_up");
        await element.screenshot(a, "key-check-wrong");

        await tools.getByRole("button", { name: "Try again" }).click();
        await tools.getByLabel("Recovery key or passphrase").fill(key);
        const checkStarted = Date.now();
        await tools.getByRole("button", { name: "Check", exact: true }).click();
        await tools.getByText("Good — keep it safe").waitFor({ timeout: 30_000 });
        await element.screenshot(a, "key-check-right");
        await eventually("the check recorded in account data", async () => {
            const record = await recordedCheck(a);
            return !!record && record.by === "check" && (record.checked_at ?? 0) >= checkStarted - 5_000;
        });
        const lastChecked = (await tools.getByText(/^Last checked successfully: /).innerText()).trim();
        expect(carrying(requests, key)).toEqual([]);
        expect(carrying(requests, wrongKey)).toEqual([]);

        // A second device of the same account shows the same date, from the account data.
        const b = await element.signIn(account, "device-B");
        await leaveConfirmIdentityScreen(b);
        await element.dismissElementPopups(b);
        await element.openPanel(b, "Secure Backup");
        await modulePanel(b).getByText(lastChecked).waitFor({ timeout: 30_000 });

        // A key change in the module keeps a new dehydrated device, again without Element's key dialog.
        const firstDehydrated = await dehydratedDeviceId(a);
        await a.bringToFront();
        await panel.getByRole("button", { name: "Change recovery key" }).first().click();
        await panel.getByRole("button", { name: "Generate a recovery key" }).click();
        await keyText.waitFor({ timeout: 30_000 });
        const newKey = (await keyText.innerText()).trim();
        expect(newKey).toMatch(RECOVERY_KEY);
        expect(newKey).not.toBe(key);
        await panel.getByRole("button", { name: "I've saved it" }).click();
        await panel.getByLabel("Recovery key", { exact: true }).fill(newKey);
        await panel.getByRole("button", { name: /^Finish/ }).click();
        await passwordIfAsked(a, account.password, healthy);
        await healthy.waitFor({ timeout: 60_000 });
        await eventually("a new dehydrated device on the server", async () => {
            const now = await dehydratedDeviceId(a);
            return now !== null && now !== firstDehydrated;
        });
        await expect(elementKeyDialogs(a, panel).count()).resolves.toBe(0);
        expect(carrying(requests, newKey)).toEqual([]);
    });
});
