/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Issue 12, item 6, in Chromium: the panel rendered inside a host <form>, as Element's build-time module
 * dialog renders it (the development host's `?module_in_form=1`: a plain GET form with its own submit
 * button around the module's page and dialogs). Every form of the module is walked, with Enter as well as
 * clicks: set-up with a passphrase (a weak one refused first), show key (Copy), type it back, the password
 * prompt, key entry with the passphrase on a second device, change key, email add (and closing its notice,
 * whose "X" compound-web renders without a button type). Afterwards: not one
 * navigation happened, and no key, passphrase, password or address is in `location.href` or in any URL
 * the page ever had (its history).
 */
import type { Page } from "playwright-core";

import { setupDevHost, type DevHost } from "./support/devHost";
import { isThisSessionVerified } from "./support/flows";

const host = setupDevHost("host-form");

interface Watch {
    /** Every URL the page's main frame had, same-document changes (hash, pushState) included. */
    urls: string[];
    /** Document requests after the panel opened: a native form submission makes one. */
    navigations: string[];
}

/** Opens the host page with the module inside a host form, signs in, and starts watching navigations. */
async function signInInHostForm(account: { username: string; password: string }, label: string) {
    const page = await host.newPage(label);
    await page.goto(`${host.server.url}/?module_in_form=1`);
    await page.waitForFunction(() => (window as { mxDevHost?: { modulesLoaded: boolean } }).mxDevHost?.modulesLoaded);
    await page.getByLabel("Username").fill(account.username);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 60_000 });
    const watch: Watch = { urls: [page.url()], navigations: [] };
    page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame()) watch.urls.push(frame.url());
    });
    page.on("request", (request) => {
        if (request.isNavigationRequest() && request.frame() === page.mainFrame())
            watch.navigations.push(request.url());
    });
    // A reload or a form submission replaces the document, and this marker with it.
    await page.evaluate(() => ((window as { hostFormMarker?: number }).hostFormMarker = 1));
    return { page, watch };
}

/** Each form the module renders sits inside the host form, and contains no form of its own. */
async function expectInsideHostForm(page: Page): Promise<void> {
    const shape = await page.evaluate(() => ({
        hostForms: document.querySelectorAll("[data-testid=host-form]").length,
        nested: document.querySelectorAll("form form").length,
        untypedButtons: [...document.querySelectorAll("[data-testid=host-form] button")]
            .filter((b) => b.getAttribute("type") !== "button" && b.textContent !== "Host form submit")
            .map((b) => b.textContent),
        namedFields: [
            ...document.querySelectorAll("[data-testid=host-form] input[name], [data-testid=host-form] textarea[name]"),
        ].length,
    }));
    expect(shape).toEqual({ hostForms: 1, nested: 0, untypedButtons: [], namedFields: 0 });
}

async function expectNoNavigationAndNoSecret(page: Page, watch: Watch, secrets: string[]): Promise<void> {
    expect(watch.navigations).toEqual([]);
    await expect(page.evaluate(() => (window as { hostFormMarker?: number }).hostFormMarker)).resolves.toBe(1);
    const seen = [...watch.urls, await page.evaluate(() => window.location.href)];
    for (const url of seen) {
        // As a GET submission would put it: form-encoded (spaces as +), so look at the decoded URL too.
        const decoded = decodeURIComponent(url.replace(/\+/g, " "));
        for (const secret of secrets) {
            expect(url).not.toContain(secret);
            expect(decoded).not.toContain(secret);
            expect(decoded).not.toContain(secret.replace(/ /g, ""));
        }
    }
}

async function confirmPasswordIfAsked(page: Page, password: string, next: ReturnType<Page["getByText"]>) {
    const field = page.getByLabel("Your account password", { exact: true }).and(page.locator("input"));
    await field.or(next).first().waitFor({ timeout: 60_000 });
    if (await field.isVisible()) {
        await expectInsideHostForm(page);
        await field.fill(password);
        await field.press("Enter");
    }
}

async function openSection(h: DevHost, page: Page, section: string): Promise<void> {
    await h.openPanel(page, section);
    await page.getByTestId("host-form").waitFor();
}

describe("the panel inside a host <form> (Element's module dialog)", () => {
    it("every form works with Enter and clicks; nothing navigates and no secret reaches a URL", async () => {
        const account = await host.newAccount("hostform");
        const address = `${account.username}@example.org`;
        const passphrase = "violet staircase humming anchor";
        const secrets = [passphrase, account.password, address];
        const { page: a, watch: watchA } = await signInInHostForm(account, "device-A");

        // Set-up with a passphrase; a weak one is refused first (Enter in the field).
        await openSection(host, a, "Secure Backup");
        await a.getByRole("main").getByRole("button", { name: "Set up recovery" }).first().click();
        const passphraseField = a.getByLabel("Or use a passphrase you'll remember", { exact: true });
        await passphraseField.waitFor();
        await expectInsideHostForm(a);
        await passphraseField.fill("aaaaaaaaaa");
        await passphraseField.press("Enter");
        await a.getByRole("alert").filter({ hasText: "Too easy to guess" }).waitFor();
        await host.screenshot(a, "1-weak-passphrase");
        await passphraseField.fill(passphrase);
        await a.getByText("Strong enough (strength 4 of 4).").waitFor();
        await passphraseField.press("Enter");

        // Show key: Copy must not submit anything (it closed Element's dialog before).
        const keyText = a.getByTestId("recovery-key");
        await keyText.waitFor({ timeout: 30_000 });
        const firstKey = (await keyText.innerText()).trim();
        secrets.push(firstKey);
        await expectInsideHostForm(a);
        await a.getByRole("button", { name: "Copy" }).click();
        await a.getByRole("button", { name: "I've saved it" }).click();

        // Type it back, Enter to finish; the password prompt (if the server asks) also with Enter.
        const typeBack = a.getByLabel("Recovery key", { exact: true });
        await typeBack.fill(firstKey);
        await expectInsideHostForm(a);
        await typeBack.press("Enter");
        const healthy = a.getByText("Your messages are backed up");
        await confirmPasswordIfAsked(a, account.password, healthy);
        await healthy.waitFor({ timeout: 60_000 });
        await host.screenshot(a, "2-set-up-with-passphrase");
        await expectNoNavigationAndNoSecret(a, watchA, secrets);

        // Device B enters the passphrase (key entry form, Enter) and becomes verified.
        const { page: b, watch: watchB } = await signInInHostForm(account, "device-B");
        await openSection(host, b, "Secure Backup");
        await b.getByRole("main").getByRole("button", { name: "Enter recovery key" }).first().click();
        const keyField = b.getByLabel("Recovery key or passphrase", { exact: true });
        await keyField.waitFor({ timeout: 30_000 });
        await expectInsideHostForm(b);
        await keyField.fill(passphrase);
        await keyField.press("Enter");
        await b
            .getByText(/This device is verified/)
            .first()
            .waitFor({ timeout: 60_000 });
        expect(await isThisSessionVerified(b)).toBe(true);
        await host.screenshot(b, "3-passphrase-entered");
        await expectNoNavigationAndNoSecret(b, watchB, secrets);

        // Change key on A: generate, Copy, type back with a click this time.
        await a.getByRole("main").getByRole("button", { name: "Change recovery key" }).first().click();
        await a.getByRole("button", { name: "Generate a recovery key" }).click();
        await keyText.waitFor({ timeout: 30_000 });
        const newKey = (await keyText.innerText()).trim();
        secrets.push(newKey);
        await a.getByRole("button", { name: "Copy" }).click();
        await a.getByRole("button", { name: "I've saved it" }).click();
        await typeBack.fill(newKey);
        await a.getByRole("button", { name: "Finish set-up" }).click();
        await confirmPasswordIfAsked(a, account.password, healthy);
        await healthy.waitFor({ timeout: 60_000 });
        await host.screenshot(a, "4-key-changed");
        await expectNoNavigationAndNoSecret(a, watchA, secrets);

        // Email add: the address with Enter, Continue before the click, the password prompt with Enter.
        await a.getByRole("tab", { name: "Email addresses" }).click();
        // (No address yet: the field shows without an "Add" click.)
        const emailField = a.getByRole("textbox", { name: "Email address" });
        await emailField.fill(address);
        await expectInsideHostForm(a);
        await emailField.press("Enter");
        await a.getByRole("heading", { name: "Check your email" }).waitFor();
        await a.getByRole("button", { name: "Continue" }).click();
        const notYet = a.getByText("Not confirmed yet");
        await confirmPasswordIfAsked(a, account.password, notYet);
        await notYet.waitFor();
        await host.screenshot(a, "5-email-not-clicked-yet");
        await expectNoNavigationAndNoSecret(a, watchA, secrets);

        // The link is opened (elsewhere); Continue adds the address; the notice's Close "X" (compound-web
        // renders it without a button type) must not submit the host form either.
        const mail = await host.server.mailSink.waitForMail(address);
        const link = mail.links.find((l) => l.includes("submit_token"));
        expect((await fetch(link!)).ok).toBe(true);
        await a.getByRole("button", { name: "Continue" }).click();
        await a.getByText(`${address} is now on your account.`).waitFor({ timeout: 30_000 });
        await expectInsideHostForm(a);
        await a.getByRole("button", { name: "Close" }).click();
        await a.getByText(`${address} is now on your account.`).waitFor({ state: "detached" });
        await host.screenshot(a, "6-email-added");
        await expectNoNavigationAndNoSecret(a, watchA, secrets);
    });
});
