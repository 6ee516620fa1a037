/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * `setupDevHost()`: per test FILE, the same development server `npm start` runs (host page, module,
 * Synapse behind a proxy, mail sink) on a free port, and Debian's Chromium driven by playwright-core.
 *
 *     const host = setupDevHost("email");
 *     it("adds an email", async () => {
 *         const alice = await host.newAccount();
 *         const page = await host.signIn(alice);            // a fresh browser context = a new device
 *         await host.screenshot(page, "email-list");
 *         expect(await host.axe(page)).toEqual([]);
 *     });
 *
 * Every context records a playwright trace; it is written to test-results/traces/ only when the test
 * failed. Screenshots go to test-results/screenshots/ (CI keeps test-results/).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

import { startDevServer, REPO_ROOT, type DevAccount, type DevServer } from "../../../dev/server";
import { CHROMIUM_ARGS, ensureChromium } from "../../support/browser";

export const SCREENSHOTS = join(REPO_ROOT, "test-results", "screenshots");
export const TRACES = join(REPO_ROOT, "test-results", "traces");

export interface AxeViolation {
    id: string;
    impact: string;
    help: string;
    nodes: string[];
}

export interface DevHost {
    readonly server: DevServer;
    readonly browser: Browser;
    /** A fresh account (shared-secret registration, no device left behind). */
    newAccount(prefix?: string): Promise<DevAccount>;
    /** A new browser context (its own IndexedDB: a new device) with the host page open. */
    newPage(label: string): Promise<Page>;
    /** newPage + sign in; resolves once the module is loaded and the first sync is done. */
    signIn(account: DevAccount, label?: string): Promise<Page>;
    /** Opens Account security at a section through the module's own route (#/account-security). */
    openPanel(page: Page, section?: string): Promise<void>;
    /** Saves test-results/screenshots/<file>-<name>.png. */
    screenshot(page: Page, name: string): Promise<void>;
    /** axe-core on the page (or a part of it): serious and critical violations only. */
    axe(page: Page, selector?: string): Promise<AxeViolation[]>;
}

interface Tracked {
    context: BrowserContext;
    label: string;
}

export function slug(text: string): string {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 80);
}

export function failures(): number {
    return (globalThis as { __testbed?: { failures: number } }).__testbed?.failures ?? 0;
}

/** axe-core on the page (or a part of it): serious and critical violations only. */
export async function runAxe(axeSource: string, page: Page, selector?: string): Promise<AxeViolation[]> {
    // Through the DevTools protocol, not a <script> tag: real Element's Content-Security-Policy
    // (script-src 'self') blocks inline scripts.
    if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
    const violations = await page.evaluate(async (context) => {
        const axe = (
            window as unknown as {
                axe: {
                    run: (
                        c: unknown,
                        o: unknown,
                    ) => Promise<{
                        violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
                    }>;
                };
            }
        ).axe;
        const result = await axe.run(context ?? document, { resultTypes: ["violations"] });
        return result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => n.target.join(" ")),
        }));
    }, selector ?? null);
    return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export function setupDevHost(fileLabel: string): DevHost {
    // A browser flow with Synapse round trips takes seconds, not jest's default 5.
    jest.setTimeout(180_000);
    let server: DevServer | undefined;
    let browser: Browser | undefined;
    let contexts: Tracked[] = [];
    let failuresBefore = 0;
    let accountCounter = 0;
    const axeSource = readFileSync(join(REPO_ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

    beforeAll(async () => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        mkdirSync(TRACES, { recursive: true });
        [server, browser] = await Promise.all([
            startDevServer({ port: 0, build: { module: false, hostPage: false }, log: () => undefined }),
            chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS }),
        ]);
    }, 120_000);

    beforeEach(() => {
        failuresBefore = failures();
    });

    afterEach(async () => {
        const failed = failures() > failuresBefore;
        const testName = slug(expect.getState().currentTestName ?? "test");
        for (const { context, label } of contexts) {
            await context.tracing
                .stop(failed ? { path: join(TRACES, `${fileLabel}-${testName}-${slug(label)}.zip`) } : {})
                .catch(() => undefined);
            await context.close().catch(() => undefined);
        }
        contexts = [];
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
        await server?.stop();
    }, 60_000);

    const host: DevHost = {
        get server() {
            if (!server) throw new Error("the dev host is not started (beforeAll)");
            return server;
        },
        get browser() {
            if (!browser) throw new Error("the browser is not started (beforeAll)");
            return browser;
        },
        async newAccount(prefix = fileLabel) {
            accountCounter += 1;
            const username = `${slug(prefix)}-${accountCounter}-${Date.now().toString(36)}`;
            return host.server.register(username, `pw-${username}`);
        },
        async newPage(label) {
            const context = await host.browser.newContext({ viewport: { width: 1280, height: 860 } });
            await context.tracing.start({ screenshots: true, snapshots: true, title: label });
            contexts.push({ context, label });
            const page = await context.newPage();
            await page.goto(`${host.server.url}/`);
            await page.waitForFunction(
                () => (window as { mxDevHost?: { modulesLoaded: boolean } }).mxDevHost?.modulesLoaded,
            );
            return page;
        },
        async signIn(account, label = account.username) {
            const page = await host.newPage(label);
            await page.getByLabel("Username").fill(account.username);
            await page.getByLabel("Password").fill(account.password);
            await page.getByRole("button", { name: "Sign in" }).click();
            await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 60_000 });
            return page;
        },
        async openPanel(page, section) {
            await page.getByRole("button", { name: "Account security" }).first().click();
            await page
                .getByRole("heading", { name: "Account security", level: 1 })
                .or(page.getByRole("heading", { name: "Account security", level: 2 }))
                .first()
                .waitFor();
            if (section) await page.getByRole("tab", { name: section }).click();
        },
        async screenshot(page, name) {
            await page.screenshot({ path: join(SCREENSHOTS, `${fileLabel}-${slug(name)}.png`) });
        },
        axe: (page, selector) => runAxe(axeSource, page, selector),
    };
    return host;
}
