/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * `setupElementHost(label, build)`: the module inside a REAL Element Web build, for one describe block.
 * The same server as `npm start` (dev/server.ts with `element`: Element's files at /, a generated
 * config.json whose homeserver is this origin, the module's dist/ at /modules/account-security/, a
 * Synapse proxied behind it, the mail sink), and Chromium through playwright-core.
 *
 *     describe.each(elementBuilds())("Element $version", (build) => {
 *         const element = setupElementHost("smoke", build);
 *         it("…", async () => {
 *             const page = await element.signIn(await element.newAccount());   // a new device
 *         });
 *     });
 *
 * Page errors: every page's uncaught errors are collected; after each test, any error other than
 * Element's own three start-up `ReferenceError: Cannot access 'B' before initialization` fails the test.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";

import { startDevServer, REPO_ROOT, type DevAccount, type DevServer } from "../../../dev/server";
import { CHROMIUM_ARGS, ensureChromium } from "../../support/browser";
import { isKnownElementStartupError, type ElementBuild } from "../../support/elementWeb";
import { failures, runAxe, slug, SCREENSHOTS, TRACES, type AxeViolation } from "./devHost";

export interface PageRecord {
    console: string[];
    /** Uncaught errors other than Element's known start-up ones. */
    unexpectedErrors: string[];
    /** How many of Element's known start-up errors were filtered out (3 per page load). */
    knownStartupErrors: number;
}

export interface ElementHost {
    readonly build: ElementBuild;
    readonly server: DevServer;
    readonly browser: Browser;
    /** A fresh account (shared-secret registration; no device left behind). */
    newAccount(prefix?: string): Promise<DevAccount>;
    /** A new browser context (its own IndexedDB: a new device) at Element's sign-in form. */
    newPage(label: string): Promise<Page>;
    /**
     * Signs in through Element's own form and waits until Element is past login: its home (user
     * menu) or, for a second device of a user with cross-signing, the "Confirm your identity" screen.
     * Dismisses the Notifications toast and release announcements on the way.
     */
    signIn(account: DevAccount, label?: string): Promise<Page>;
    /** What the page logged and threw (see PageRecord). */
    record(page: Page): PageRecord;
    /** The module's entry point in this Element: the space-panel item (1.9+) or the button. */
    entryPoint(page: Page): Locator;
    /** Opens Account security through its entry point and waits for its heading; then the tab. */
    openPanel(page: Page, section?: string): Promise<void>;
    /** Closes what openPanel opened (the dialog, or leaves the page for Home). */
    closePanel(page: Page): Promise<void>;
    /** Dismisses Element's Notifications toast and release-announcement popovers if they show. */
    dismissElementPopups(page: Page): Promise<void>;
    /** Saves test-results/screenshots/element-<version>-<file>-<name>.png. */
    screenshot(page: Page, name: string): Promise<string>;
    axe(page: Page, selector?: string): Promise<AxeViolation[]>;
    /** True when this Element has the module API's space-panel item (1.9+): the module uses it. */
    readonly hasSpacePanel: boolean;
}

/** 1.12.0 (module API 1.4) vs 1.12.10 (1.9): the space-panel item and `#/<path>` pages came with 1.9. */
function moduleApiHasSpacePanel(build: ElementBuild): boolean {
    const [major = 0, minor = 0, patch = 0] = build.version.split(".").map(Number);
    return major > 1 || (major === 1 && (minor > 12 || (minor === 12 && patch >= 10)));
}

export function setupElementHost(
    fileLabel: string,
    build: ElementBuild,
    options: { moduleConfig?: Record<string, unknown>; synapseConfig?: Record<string, unknown> } = {},
): ElementHost {
    jest.setTimeout(180_000);
    const prefix = `element-${build.version}-${fileLabel}`;
    let server: DevServer | undefined;
    let browser: Browser | undefined;
    let contexts: { context: BrowserContext; label: string }[] = [];
    const records = new WeakMap<Page, PageRecord>();
    let pages: Page[] = [];
    let failuresBefore = 0;
    let accountCounter = 0;
    const axeSource = readFileSync(join(REPO_ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

    beforeAll(async () => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        mkdirSync(TRACES, { recursive: true });
        [server, browser] = await Promise.all([
            startDevServer({
                port: 0,
                element: build,
                moduleConfig: options.moduleConfig,
                synapseConfig: options.synapseConfig,
                build: { module: false, hostPage: false },
                log: () => undefined,
            }),
            chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS }),
        ]);
    }, 120_000);

    beforeEach(() => {
        failuresBefore = failures();
    });

    afterEach(async () => {
        const failed = failures() > failuresBefore;
        const testName = slug(expect.getState().currentTestName ?? "test");
        const unexpected = pages.flatMap((page) => records.get(page)?.unexpectedErrors ?? []);
        for (const { context, label } of contexts) {
            await context.tracing
                .stop(failed ? { path: join(TRACES, `${prefix}-${testName}-${slug(label)}.zip`) } : {})
                .catch(() => undefined);
            await context.close().catch(() => undefined);
        }
        contexts = [];
        pages = [];
        // Element's own start-up errors are filtered by message; anything else a page threw is a bug.
        if (unexpected.length) throw new Error(`Uncaught errors in the page:\n${unexpected.join("\n")}`);
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
        await server?.stop();
    }, 60_000);

    const element: ElementHost = {
        build,
        hasSpacePanel: moduleApiHasSpacePanel(build),
        get server() {
            if (!server) throw new Error("the Element host is not started (beforeAll)");
            return server;
        },
        get browser() {
            if (!browser) throw new Error("the browser is not started (beforeAll)");
            return browser;
        },
        async newAccount(accountPrefix = fileLabel) {
            accountCounter += 1;
            const username = `${slug(accountPrefix)}-${accountCounter}-${Date.now().toString(36)}`;
            return element.server.register(username, `pw-${username}`);
        },
        async newPage(label) {
            const context = await element.browser.newContext({ viewport: { width: 1280, height: 860 } });
            await context.tracing.start({ screenshots: true, snapshots: true, title: label });
            contexts.push({ context, label });
            const page = await context.newPage();
            const record: PageRecord = { console: [], unexpectedErrors: [], knownStartupErrors: 0 };
            records.set(page, record);
            pages.push(page);
            page.on("console", (message) => record.console.push(`${message.type()}: ${message.text()}`));
            page.on("pageerror", (error) => {
                if (isKnownElementStartupError(error)) record.knownStartupErrors += 1;
                else record.unexpectedErrors.push(`[${label}] ${error.stack ?? error.message}`);
            });
            await page.goto(`${element.server.url}/#/login`);
            await page.getByRole("button", { name: "Sign in" }).waitFor({ timeout: 60_000 });
            return page;
        },
        async signIn(account, label = account.username) {
            const page = await element.newPage(label);
            await page.getByLabel("Username", { exact: true }).fill(account.username);
            await page.getByLabel("Password", { exact: true }).fill(account.password);
            await page.getByRole("button", { name: "Sign in" }).click();
            // Element may first show "Setting up keys" (its own cross-signing set-up at first login);
            // it ends on its home or, for a second device, on the full-page "Confirm your identity".
            const home = page.getByRole("button", { name: "User menu" });
            const confirm = page.getByRole("heading", { name: "Confirm your identity" });
            await home.or(confirm).first().waitFor({ timeout: 90_000 });
            if (await home.isVisible()) await element.dismissElementPopups(page);
            return page;
        },
        record(page) {
            const record = records.get(page);
            if (!record) throw new Error("not a page of this Element host");
            return record;
        },
        entryPoint(page) {
            // 1.12.10: a space-panel item named "Account security" (", N to review" when the badge
            // shows); 1.12.0: the module's own button in its layer.
            return page.getByRole("button", { name: /^Account security/ }).first();
        },
        async openPanel(page, section) {
            await element.entryPoint(page).click();
            await page
                .getByRole("heading", { name: "Account security", level: 1 })
                .or(page.getByRole("heading", { name: "Account security", level: 2 }))
                .first()
                .waitFor({ timeout: 30_000 });
            if (section) await page.getByRole("tab", { name: section }).click();
        },
        async closePanel(page) {
            if (element.hasSpacePanel) {
                await page.getByRole("button", { name: "Home" }).first().click();
            } else {
                await page.keyboard.press("Escape");
            }
        },
        async dismissElementPopups(page) {
            // Element shows one toast at a time and swaps them with an animation, so a click can meet
            // a toast on its way out: retry a few times, never fail on it (the toast is not the story).
            const notifications = page.getByRole("alert").filter({ hasText: "Enable desktop notifications" });
            const dismiss = notifications.getByRole("button", { name: "Dismiss" });
            await dismiss.waitFor({ timeout: 5_000 }).catch(() => undefined);
            for (let i = 0; i < 3 && (await dismiss.isVisible()); i++) {
                await dismiss.click({ timeout: 3_000 }).catch(() => undefined);
            }
            // 1.12.10's release announcements ("Chats has a new look!" …) are popovers with an "OK".
            const ok = page.getByRole("dialog").getByRole("button", { name: "OK", exact: true });
            for (let i = 0; i < 3 && (await ok.first().isVisible()); i++) {
                await ok
                    .first()
                    .click({ timeout: 3_000 })
                    .catch(() => undefined);
            }
        },
        async screenshot(page, name) {
            const path = join(SCREENSHOTS, `${prefix}-${slug(name)}.png`);
            await page.screenshot({ path });
            return path;
        },
        axe: (page, selector) => runAxe(axeSource, page, selector),
    };
    return element;
}

/** The module's "loaded" log line, as Element's console shows it to a deployer. */
export function moduleLoadedLine(record: PageRecord): string | undefined {
    return record.console.find((line) => line.includes("[account-security] loaded"));
}
