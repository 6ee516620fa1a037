/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * `npm run bench:element [-- --runs N] [--element 1.12.10] [--no-flows] [--module-config JSON]` — the module side by side
 * with Element's own Settings, in a REAL Element Web build (../shared/element-web/, see
 * tests/support/elementWeb.ts), the module's dist/ (run `npm run build` first) and a test Synapse.
 *
 * One run measures, for the module and for Element's own equivalent:
 *  - Element's load (page start → sign-in form) and login (Sign in click → home) with and without
 *    the module, and what idle costs (homeserver requests other than /sync, longest main-thread task);
 *  - opening: time from the click to the correct state on screen (Secure Backup in the module's
 *    panel; Element's Settings → Encryption tab, both showing "Set up recovery" for a fresh account),
 *    cold (first open in the page) and warm (again), p50/p90 over N fresh logins, and the homeserver
 *    requests the open makes;
 *  - the add-email flow: user actions and homeserver requests, in the module and in Element;
 *  - the longest main-thread task (PerformanceObserver "longtask") in each window.
 *
 * Time "to the state" is taken inside the page: from the click event's timestamp to the frame after
 * a MutationObserver first sees the state (Element's Settings open through its dispatcher's
 * `view_user_settings` — what its own toasts and links use — timed from the dispatch).
 * Homeserver requests are those the browser context sends to /_matrix and /_synapse (the mail link
 * opened in a second tab of the same context counts too, for both), without /sync.
 *
 * Prints one table and writes it as JSON to test-results/bench-element.json. The machine's load
 * average is printed with it: figures from a loaded machine are pessimistic.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, cpus } from "node:os";
import { join } from "node:path";

import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";

import { startDevServer, REPO_ROOT, type DevAccount, type DevServer } from "../dev/server";
import { CHROMIUM_ARGS, ensureChromium } from "../tests/support/browser";
import { elementBuilds, type ElementBuild } from "../tests/support/elementWeb";

// ---- arguments -----------------------------------------------------------------------------------

function argument(name: string): string | undefined {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? process.argv[index + 1] : undefined;
}
const RUNS = Math.max(1, Number(argument("runs") ?? process.argv.find((a) => /^\d+$/.test(a)) ?? 10));
const WANTED_ELEMENT = argument("element");
const FLOWS = !process.argv.includes("--no-flows");
const IDLE_MS = Number(argument("idle-ms") ?? 5_000);
/** The module's config (our key in config.json), e.g. '{"sections":{"admin":false}}'; default: a deployer's defaults. */
const MODULE_CONFIG = argument("module-config") ?? "{}";
const OUT = join(REPO_ROOT, "test-results", "bench-element.json");

// ---- small helpers -------------------------------------------------------------------------------

interface Stats {
    n: number;
    p50: number | null;
    p90: number | null;
    min: number | null;
    max: number | null;
}

function stats(values: number[]): Stats {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number): number | null =>
        sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : null;
    return { n: sorted.length, p50: at(0.5), p90: at(0.9), min: sorted[0] ?? null, max: sorted.at(-1) ?? null };
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const round = (ms: number): number => Math.round(ms);

interface RequestRecord {
    at: number;
    method: string;
    path: string;
}

interface Session {
    context: BrowserContext;
    page: Page;
    withModule: boolean;
    requests: RequestRecord[];
    actions: number;
}

/** Requests between two moments (performance.now() of this process), without the /sync long-poll. */
function requestsBetween(session: Session, from: number, to: number): RequestRecord[] {
    return session.requests.filter((r) => r.at >= from && r.at <= to && !/\/sync(\?|$)/.test(r.path));
}

/** Runs a user action and counts it. */
async function act<T>(session: Session, action: () => Promise<T>): Promise<T> {
    session.actions += 1;
    return action();
}

// ---- in-page instruments -------------------------------------------------------------------------

/**
 * Installed before Element's own scripts: records long tasks and knows the two "state on screen"
 * conditions. (Defined here, injected by playwright: Element's CSP does not allow eval in the page.)
 */
function pageInstruments(): void {
    interface LongTask {
        start: number;
        duration: number;
    }
    const bench = {
        longtasks: [] as LongTask[],
        states: {
            // The module's panel on Secure Backup, showing a fresh account's state (not "loading").
            module: (): boolean => {
                const panel = document.querySelector("#eas-tabpanel-backup");
                return (
                    !!panel &&
                    [...panel.querySelectorAll("button")].some(
                        (b) => b.textContent?.trim() === "Set up recovery" && b.getClientRects().length > 0,
                    )
                );
            },
            // Element's Settings dialog on its Encryption tab, showing the same state.
            element: (): boolean =>
                [...document.querySelectorAll("[role=dialog] button, [role=dialog] [role=button]")].some(
                    (b) => b.textContent?.trim() === "Set up recovery" && b.getClientRects().length > 0,
                ),
        } as Record<string, () => boolean>,
        /** Resolves with ms from the next click (or from now, when `fromNow`) until `state` is on screen. */
        watch(state: string, fromNow: boolean): Promise<number> {
            return new Promise((resolve) => {
                let start: number | null = fromNow ? performance.now() : null;
                const onClick = (event: Event): void => {
                    if (start === null) start = event.timeStamp;
                };
                if (!fromNow) document.addEventListener("pointerdown", onClick, { capture: true, once: true });
                const check = (): void => {
                    if (start === null || !bench.states[state]!()) return;
                    observer.disconnect();
                    const began = start;
                    // The frame that shows it.
                    requestAnimationFrame(() => resolve(performance.now() - began));
                };
                const observer = new MutationObserver(check);
                observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
            });
        },
    };
    (window as unknown as { __bench: typeof bench }).__bench = bench;
    try {
        new PerformanceObserver((list) => {
            for (const entry of list.getEntries())
                bench.longtasks.push({ start: entry.startTime, duration: entry.duration });
        }).observe({ type: "longtask", buffered: true });
    } catch {
        // No long-task API: the column stays empty.
    }
}

/** What pageInstruments puts on window. */
interface BenchWindow {
    __bench: {
        longtasks: { start: number; duration: number }[];
        states: Record<string, () => boolean>;
        watch(state: string, fromNow: boolean): Promise<number>;
    };
}

async function pageNow(page: Page): Promise<number> {
    return page.evaluate(() => performance.now());
}

/** The longest task since `since` (page time). */
async function longestTaskSince(page: Page, since: number, until = Infinity): Promise<number> {
    return page.evaluate(
        ({ since, until }) =>
            Math.max(
                0,
                ...(window as unknown as BenchWindow).__bench.longtasks
                    .filter((t) => t.start >= since && t.start <= until)
                    .map((t) => t.duration),
            ),
        { since, until },
    );
}

// ---- Element -------------------------------------------------------------------------------------

async function newSession(browser: Browser, server: DevServer, withModule: boolean): Promise<Session> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const session: Session = { context, page: undefined as unknown as Page, withModule, requests: [], actions: 0 };
    if (!withModule) {
        // The same Element and config.json, minus the module.
        await context.route(/\/config(\.[^/]+)?\.json(\?.*)?$/, async (route) => {
            const response = await route.fetch();
            const config = (await response.json()) as Record<string, unknown>;
            delete config.modules;
            await route.fulfill({ response, json: config });
        });
    }
    const origin = new URL(server.url).origin;
    context.on("request", (request) => {
        const url = new URL(request.url());
        if (url.origin === origin && /^\/_(matrix|synapse)\//.test(url.pathname)) {
            session.requests.push({ at: performance.now(), method: request.method(), path: url.pathname + url.search });
        }
    });
    // tsx (esbuild) wraps named functions in a `__name(…)` helper that the page does not have.
    await context.addInitScript({ content: "globalThis.__name ??= (fn) => fn;" });
    await context.addInitScript(pageInstruments);
    session.page = await context.newPage();
    return session;
}

/** Loads Element, signs in through its form; returns load and login times (ms) and what they cost. */
async function loadAndSignIn(
    session: Session,
    server: DevServer,
    account: DevAccount,
): Promise<{
    loadMs: number;
    loginMs: number;
    requests: string[];
    longestTaskMs: number;
    /** When the home showed (this process's clock and the page's): the idle window starts there. */
    loggedIn: { at: number; pageAt: number };
}> {
    const { page } = session;
    const began = performance.now();
    await page.goto(`${server.url}/#/login`);
    await page.getByRole("button", { name: "Sign in" }).waitFor({ timeout: 120_000 });
    const loadMs = performance.now() - began;
    await page.getByLabel("Username", { exact: true }).fill(account.username);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    const clicked = performance.now();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "User menu" }).waitFor({ timeout: 120_000 });
    const loginMs = performance.now() - clicked;
    const loggedIn = { at: performance.now(), pageAt: await pageNow(page) };
    const requests = requestsBetween(session, began, performance.now()).map((r) => `${r.method} ${r.path}`);
    const longestTaskMs = await longestTaskSince(page, 0);
    await dismissElementPopups(page);
    return { loadMs, loginMs, requests, longestTaskMs, loggedIn };
}

/** Element's Notifications toast and 1.12.10's release announcements (as in tests/e2e/support/elementHost.ts). */
async function dismissElementPopups(page: Page): Promise<void> {
    const dismiss = page
        .getByRole("alert")
        .filter({ hasText: "Enable desktop notifications" })
        .getByRole("button", { name: "Dismiss" });
    await dismiss.waitFor({ timeout: 5_000 }).catch(() => undefined);
    if (await dismiss.isVisible()) await dismiss.click();
    for (let i = 0; i < 3; i++) {
        const ok = page.getByRole("dialog").getByRole("button", { name: "OK", exact: true });
        if (!(await ok.first().isVisible())) break;
        await ok.first().click();
    }
}

/**
 * Waits while the page is idle after login: `idleMs`, and (with the module) until its prefetch has
 * fetched the first-open chunks. Returns when the prefetch finished (ms after login), the
 * requests other than /sync, and the longest task meanwhile.
 */
async function idle(
    session: Session,
    firstOpenFiles: string[],
    since: { at: number; pageAt: number },
): Promise<{ prefetchedAfterMs: number | null; requests: string[]; longestTaskMs: number }> {
    const { page } = session;
    // From the moment the home showed: the module's prefetch runs right after the first sync,
    // while Element's first popups are dismissed — that belongs to idle, for both variants.
    const from = since.at;
    const pageFrom = since.pageAt;
    let prefetchedAfterMs: number | null = null;
    while (performance.now() - from < Math.max(IDLE_MS, 15_000)) {
        if (session.withModule && prefetchedAfterMs === null && firstOpenFiles.length) {
            // When the last first-open chunk arrived (the page's resource timing), after the home showed.
            const arrived = await page.evaluate((files) => {
                const entries = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
                const ends = files.map((file) => entries.find((entry) => entry.name.endsWith(`/${file}`))?.responseEnd);
                return ends.every((end) => end !== undefined) ? Math.max(...(ends as number[])) : null;
            }, firstOpenFiles);
            if (arrived !== null) prefetchedAfterMs = arrived - pageFrom;
        }
        const waitedEnough = performance.now() - from >= IDLE_MS;
        if (waitedEnough && (!session.withModule || prefetchedAfterMs !== null || !firstOpenFiles.length)) break;
        await page.waitForTimeout(100);
    }
    return {
        prefetchedAfterMs,
        requests: requestsBetween(session, from, performance.now()).map((r) => `${r.method} ${r.path}`),
        longestTaskMs: await longestTaskSince(page, pageFrom),
    };
}

interface OpenResult {
    ms: number;
    requests: string[];
    longestTaskMs: number;
}

/** Times one open: from the click (or dispatch) to the state, then counts requests for 1.5 s more. */
async function timeOpen(session: Session, which: "module" | "element", hasSpacePanel: boolean): Promise<OpenResult> {
    const { page } = session;
    const from = performance.now();
    const pageFrom = await pageNow(page);
    const fromNow = which === "element";
    const watching = page.evaluate(
        ({ state, fromNow }) => (window as unknown as BenchWindow).__bench.watch(state, fromNow),
        { state: which, fromNow },
    );
    if (which === "module") {
        await page
            .getByRole("button", { name: /^Account security/ })
            .first()
            .click();
    } else {
        await page.evaluate(() =>
            (window as unknown as { mxDispatcher: { dispatch(payload: object): void } }).mxDispatcher.dispatch({
                action: "view_user_settings",
                initialTabId: "USER_ENCRYPTION_TAB",
            }),
        );
    }
    const ms = await Promise.race([
        watching,
        page.waitForTimeout(60_000).then(() => Promise.reject(new Error(`${which}: the state did not show in 60 s`))),
    ]);
    await page.waitForTimeout(1_500);
    const requests = requestsBetween(session, from, performance.now()).map(
        (r) => `${r.method} ${r.path.split("?")[0]}`,
    );
    const longestTaskMs = await longestTaskSince(page, pageFrom);
    // What was measured, for a look (styles, state): one picture per kind, overwritten each run.
    await page
        .screenshot({ path: join(REPO_ROOT, "test-results", `bench-element-open-${which}.png`) })
        .catch(() => undefined);
    // Close it again: the module's page leaves for Home, dialogs close with Escape.
    if (which === "module" && hasSpacePanel) await page.getByRole("button", { name: "Home" }).first().click();
    else await page.keyboard.press("Escape");
    await page.waitForTimeout(300);
    return { ms, requests, longestTaskMs };
}

// ---- flows ---------------------------------------------------------------------------------------

interface FlowResult {
    /** The recovery key a set-up made (for the new-device flows; never printed). */
    key?: string;
    actions: number;
    requests: number;
    requestList: string[];
    ms: number;
    note?: string;
}

async function openMailLink(session: Session, server: DevServer, address: string): Promise<void> {
    const mail = await server.mailSink.waitForMail(address, { timeoutMs: 60_000 });
    const link = mail.links.find((l) => l.includes("submit_token"));
    if (!link) throw new Error(`no link in the mail to ${address}`);
    // The user leaves for their mail, opens the link, and comes back to the tab. Headless Chromium
    // does not move focus between tabs by itself, so the page hears it as the browser would say it.
    await session.page.evaluate(() => window.dispatchEvent(new Event("blur")));
    const tab = await session.context.newPage();
    await tab.goto(link);
    await tab.close();
    await session.page.bringToFront();
    await session.page.evaluate(() => window.dispatchEvent(new Event("focus")));
}

async function flowResult(session: Session, from: number, actionsBefore: number, note?: string): Promise<FlowResult> {
    const list = requestsBetween(session, from, performance.now()).map((r) => `${r.method} ${r.path.split("?")[0]}`);
    return {
        actions: session.actions - actionsBefore,
        requests: list.length,
        requestList: list,
        ms: performance.now() - from,
        note,
    };
}

async function moduleAddEmail(session: Session, server: DevServer, account: DevAccount): Promise<FlowResult> {
    const { page } = session;
    const address = `${account.username}-m@example.org`;
    const from = performance.now();
    const before = session.actions;
    await act(session, () =>
        page
            .getByRole("button", { name: /^Account security/ })
            .first()
            .click(),
    );
    await act(session, () => page.getByRole("tab", { name: "Email addresses" }).click());
    // No address yet: the section opens on the field (with one, an "Add email address" click first).
    const field = page.getByRole("textbox", { name: "Email address" });
    const add = page.getByRole("button", { name: "Add email address" });
    await field.or(add).first().waitFor({ timeout: 60_000 });
    if (!(await field.isVisible())) await act(session, () => add.click());
    await act(session, () => field.fill(address));
    await act(session, () => page.getByRole("button", { name: "Send verification email" }).click());
    await page.getByRole("heading", { name: "Check your email" }).waitFor({ timeout: 60_000 });
    await act(session, () => openMailLink(session, server, address));
    const password = page.getByLabel("Your account password", { exact: true }).and(page.locator("input"));
    let note: string | undefined;
    const asked = await password
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
    if (!asked) {
        note = "did not continue by itself; pressed Continue";
        await act(session, () => page.getByRole("button", { name: "Continue" }).click());
        await password.waitFor({ timeout: 60_000 });
    }
    await act(session, () => password.fill(account.password));
    await act(session, () => page.getByRole("button", { name: "Confirm" }).click());
    await page
        .getByRole("list", { name: "Email addresses on your account" })
        .getByText(address)
        .waitFor({ timeout: 60_000 });
    return flowResult(session, from, before, note);
}

async function elementAddEmail(session: Session, server: DevServer, account: DevAccount): Promise<FlowResult> {
    const { page } = session;
    const address = `${account.username}-e@example.org`;
    const from = performance.now();
    const before = session.actions;
    await act(session, () => page.getByRole("button", { name: "User menu" }).click());
    await act(session, () => page.getByRole("menuitem", { name: "All settings" }).click());
    const dialog = page.getByRole("dialog");
    await act(session, () => dialog.getByLabel("Email Address", { exact: true }).fill(address));
    await act(session, () => dialog.getByRole("button", { name: "Add", exact: true }).first().click());
    const continueButton = dialog.getByRole("button", { name: "Continue", exact: true }).first();
    await continueButton.waitFor({ timeout: 60_000 });
    await act(session, () => openMailLink(session, server, address));
    await act(session, () => continueButton.click());
    // Element's user-interactive auth dialog asks for the password.
    const auth = page
        .getByRole("dialog")
        .filter({ hasText: "Confirm your identity by entering your account password" });
    const password = auth.getByLabel("Password", { exact: true });
    await password.waitFor({ timeout: 60_000 });
    await act(session, () => password.fill(account.password));
    await act(session, () => auth.getByRole("button", { name: "Continue", exact: true }).click());
    await page.getByRole("dialog").getByText(address, { exact: true }).first().waitFor({ timeout: 60_000 });
    // Listed once the auth dialog is gone.
    await password.waitFor({ state: "detached", timeout: 60_000 });
    return flowResult(session, from, before);
}

/** Answers the module's "confirm it's you" step if it shows before `next` (as tests/e2e/support/flows.ts). */
async function modulePasswordIfAsked(session: Session, password: string, next: Locator): Promise<void> {
    const { page } = session;
    const field = page.getByLabel("Your account password", { exact: true }).and(page.locator("input"));
    await field.or(next).first().waitFor({ timeout: 60_000 });
    if (await field.isVisible()) {
        await act(session, () => field.fill(password));
        await act(session, () => page.getByRole("button", { name: "Confirm" }).click());
    }
}

async function moduleSetUpRecovery(session: Session, account: DevAccount, spacePanel: boolean): Promise<FlowResult> {
    const { page } = session;
    // From Element's home, with the panel closed.
    if (spacePanel) await page.getByRole("button", { name: "Home" }).first().click();
    else await page.keyboard.press("Escape");
    const from = performance.now();
    const before = session.actions;
    await act(session, () =>
        page
            .getByRole("button", { name: /^Account security/ })
            .first()
            .click(),
    );
    const setUp = page.locator("#eas-tabpanel-backup").getByRole("button", { name: "Set up recovery" }).first();
    await setUp.waitFor({ timeout: 60_000 });
    await act(session, () => setUp.click());
    await act(session, () => page.getByRole("button", { name: "Generate a recovery key" }).click());
    const keyText = page.getByTestId("recovery-key");
    await keyText.waitFor({ timeout: 60_000 });
    const recoveryKey = (await keyText.innerText()).trim();
    await act(session, () => page.getByRole("button", { name: "I've saved it" }).click());
    await act(session, () => page.getByLabel("Recovery key", { exact: true }).fill(recoveryKey));
    await act(session, () => page.getByRole("button", { name: "Finish set-up" }).click());
    const healthy = page.getByText("Your messages are backed up");
    await modulePasswordIfAsked(session, account.password, healthy);
    await healthy.waitFor({ timeout: 60_000 });
    return { ...(await flowResult(session, from, before)), key: recoveryKey };
}

/**
 * The flow's result with the requests it set off in the background too (Element restores keys and
 * uploads signatures after its dialog closes): counted until SETTLE_MS after the last step, alike for
 * both sides; the time stops at the last step.
 */
const SETTLE_MS = 3_000;
async function settled(session: Session, from: number, note?: string, other?: Session): Promise<FlowResult> {
    const ended = performance.now();
    await session.page.waitForTimeout(SETTLE_MS);
    const now = performance.now();
    const list = [...requestsBetween(session, from, now), ...(other ? requestsBetween(other, from, now) : [])].map(
        (r) => `${r.method} ${r.path.split("?")[0]}`,
    );
    return { actions: session.actions, requests: list.length, requestList: list, ms: ended - from, note };
}

/**
 * A new device of `account` (a new browser context, with or without the module) signs in and
 * lands on Element's full-page "Confirm your identity". Element: Use recovery key → type it →
 * Continue → Done. The module: its reminder's "Enter recovery key" (or the panel's, after opening
 * it) → type it → Continue; Element's screen is left with a reload first, which is not counted (a
 * module cannot draw over that screen).
 */
async function newDeviceEntersKey(
    browser: Browser,
    server: DevServer,
    account: DevAccount,
    key: string,
    withModule: boolean,
): Promise<FlowResult> {
    const session = await newSession(browser, server, withModule);
    try {
        const { page } = session;
        await page.goto(`${server.url}/#/login`);
        await page.getByLabel("Username", { exact: true }).fill(account.username);
        await page.getByLabel("Password", { exact: true }).fill(account.password);
        await page.getByRole("button", { name: "Sign in" }).click();
        const confirm = page.getByRole("heading", { name: "Confirm your identity" });
        await confirm.waitFor({ timeout: 120_000 });
        let note: string | undefined;
        if (!withModule) {
            const from = performance.now();
            await act(session, () => page.getByRole("button", { name: "Use recovery key" }).click());
            await act(session, () => page.getByPlaceholder("Recovery key").fill(key));
            await act(session, () => page.getByRole("button", { name: "Continue" }).click());
            await page.getByRole("heading", { name: "Device verified" }).waitFor({ timeout: 60_000 });
            await act(session, () => page.getByRole("button", { name: "Done" }).click());
            await page.getByRole("button", { name: "User menu" }).waitFor({ timeout: 60_000 });
            return await settled(session, from);
        }
        await page.reload();
        await page.getByRole("button", { name: "User menu" }).waitFor({ timeout: 120_000 });
        await dismissElementPopups(page);
        const reminder = page
            .getByRole("region", { name: "Account security reminder" })
            .getByRole("button", { name: "Enter recovery key" });
        const shown = await reminder
            .waitFor({ timeout: 15_000 })
            .then(() => true)
            .catch(() => false);
        const from = performance.now();
        if (shown) {
            await act(session, () => reminder.click());
        } else {
            note = "no reminder: from the panel";
            await act(session, () =>
                page
                    .getByRole("button", { name: /^Account security/ })
                    .first()
                    .click(),
            );
            await act(session, () =>
                page
                    .locator("#eas-tabpanel-backup")
                    .getByRole("button", { name: "Enter recovery key" })
                    .first()
                    .click(),
            );
        }
        await act(session, () => page.getByLabel("Recovery key or passphrase", { exact: true }).fill(key));
        await act(session, () => page.getByRole("button", { name: "Continue" }).click());
        await page
            .getByText(/This device is verified/)
            .first()
            .waitFor({ timeout: 60_000 });
        return await settled(session, from, note);
    } finally {
        await session.context.close().catch(() => undefined);
    }
}

/**
 * Emoji verification of a new device B of `account` by the signed-in device A (`a`, Element with the
 * module). The module: B opens the panel → "Verify with another device" (in Secure Backup); Element: B's
 * "Confirm your identity" → "Use another device". Both: A accepts in Element's own toast, both sides
 * press "They match" (B's Done where Element asks). Actions and requests of both devices count; B's
 * reload off Element's full-page screen (module) is not counted.
 */
async function verifyNewDevice(
    browser: Browser,
    server: DevServer,
    account: DevAccount,
    a: Session,
    withModule: boolean,
): Promise<FlowResult> {
    const b = await newSession(browser, server, withModule);
    try {
        const { page } = b;
        await page.goto(`${server.url}/#/login`);
        await page.getByLabel("Username", { exact: true }).fill(account.username);
        await page.getByLabel("Password", { exact: true }).fill(account.password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("heading", { name: "Confirm your identity" }).waitFor({ timeout: 120_000 });
        if (withModule) {
            await page.reload();
            await page.getByRole("button", { name: "User menu" }).waitFor({ timeout: 120_000 });
            await dismissElementPopups(page);
        }
        const from = performance.now();
        const actionsA = a.actions;
        let compareB: Locator;
        // B's own "They match": in the module's panel, or in Element's dialog (the reminder layer may
        // hold a hidden one too, so never the page's first).
        const matchB = withModule
            ? page
                  .getByRole("region", { name: "Account security", exact: true })
                  .getByRole("button", { name: "They match" })
            : page.getByRole("dialog").getByRole("button", { name: "They match" });
        if (withModule) {
            await act(b, () =>
                page
                    .getByRole("button", { name: /^Account security/ })
                    .first()
                    .click(),
            );
            // Secure Backup, the panel's first view, offers both ways next to each other.
            await act(b, () =>
                page
                    .locator("#eas-tabpanel-backup")
                    .getByRole("button", { name: "Verify with another device" })
                    .click(),
            );
            compareB = page.getByRole("list", { name: "Emoji to compare" });
        } else {
            await act(b, () => page.getByRole("button", { name: "Use another device" }).click());
            compareB = matchB;
        }
        // A: Element's "Verification requested" toast (maybe after "New login. Was this you?").
        const accept = a.page.getByRole("button", { name: /^(Start Verification|Verify Session)$/ });
        const itWasMe = a.page.getByRole("button", { name: "Yes, it was me" });
        for (let i = 0; i < 4; i++) {
            await accept.or(itWasMe).first().waitFor({ timeout: 60_000 });
            if (await accept.isVisible()) break;
            await act(a, () => itWasMe.first().click({ timeout: 5_000 })).catch(() => undefined);
        }
        await act(a, () => accept.click());
        const compareA = a.page.getByRole("dialog").filter({ has: a.page.getByRole("button", { name: "They match" }) });
        // Where both sides could also scan a QR code, Element first asks A "Choose how to verify".
        const startEmoji = a.page
            .getByRole("dialog")
            .filter({ hasText: "Choose how to verify" })
            .getByRole("button", { name: "Start" });
        await compareA.or(startEmoji).first().waitFor({ timeout: 60_000 });
        // The other side may start the emoji itself (the module does once both are ready), and Element
        // then swaps this dialog for the comparison. A person takes a moment to read the dialog: so does
        // the bench (up to 3 s) before pressing "Start" — pressed at the same instant as the other side
        // starts, both starts cross and Element 1.12.10 reports "Verification failed". A click that finds
        // no "Start" is no action.
        await compareA.waitFor({ timeout: 3_000 }).catch(() => undefined);
        if (await startEmoji.isVisible()) {
            const clicked = await startEmoji.click({ timeout: 3_000 }).then(
                () => true,
                () => false,
            );
            if (clicked) a.actions += 1;
        }
        await compareA.waitFor({ timeout: 60_000 });
        await compareB.first().waitFor({ timeout: 60_000 });
        await act(b, () => matchB.first().click());
        await act(a, () => compareA.getByRole("button", { name: "They match" }).click());
        if (withModule) {
            await page.getByText("Verified", { exact: true }).first().waitFor({ timeout: 60_000 });
        } else {
            const done = page.getByRole("button", { name: /^(Done|Continue|Got it)$/ });
            await done.first().waitFor({ timeout: 60_000 });
            await act(b, () => done.first().click());
            await page.getByRole("button", { name: "User menu" }).waitFor({ timeout: 60_000 });
        }
        // A's dialog may want a last "OK" / closes by itself.
        const okA = a.page.getByRole("dialog").getByRole("button", { name: /^(OK|Got it|Done)$/ });
        if (
            await okA
                .first()
                .isVisible()
                .catch(() => false)
        )
            await act(a, () => okA.first().click());
        const result = await settled(b, from, undefined, a);
        return { ...result, actions: b.actions + (a.actions - actionsA) };
    } catch (error) {
        // The first device's page is captured by attempt(); this one is the new device's.
        const shot = join(
            REPO_ROOT,
            "test-results",
            `bench-element-verify-new-device-${withModule ? "module" : "element"}.png`,
        );
        await b.page.screenshot({ path: shot }).catch(() => undefined);
        throw error;
    } finally {
        await b.context.close().catch(() => undefined);
    }
}

async function elementSetUpRecovery(session: Session, account: DevAccount): Promise<FlowResult> {
    const { page } = session;
    // From Element's home, Settings closed (whatever the flow before left open).
    for (let i = 0; i < 3 && (await page.getByRole("dialog").count()) > 0; i++) {
        await page.keyboard.press("Escape");
        await page.waitForTimeout(300);
    }
    const from = performance.now();
    const before = session.actions;
    await act(session, () => page.getByRole("button", { name: "User menu" }).click());
    await act(session, () => page.getByRole("menuitem", { name: "All settings" }).click());
    const dialog = page.getByRole("dialog").first();
    await act(session, () => dialog.getByRole("tab", { name: "Encryption" }).click());
    await act(session, () => dialog.getByRole("button", { name: "Set up recovery" }).first().click());
    // Element's three screens: what recovery is → the key → type it back.
    await act(session, () => dialog.getByRole("button", { name: "Continue" }).first().click());
    // Element shows the key as 12 groups of 4 characters.
    const key = dialog.getByText(/^\s*(\w{4}\s+){11}\w{4}\s*$/).first();
    await key.waitFor({ timeout: 60_000 });
    const recoveryKey = (await key.innerText()).trim();
    await act(session, () => dialog.getByRole("button", { name: "Continue" }).first().click());
    await act(session, () => dialog.getByRole("textbox").first().fill(recoveryKey));
    await act(session, () =>
        dialog
            .getByRole("button", { name: /Finish set up|Continue|Done/ })
            .first()
            .click(),
    );
    // Optionally Element's password dialog.
    const password = page.getByRole("dialog").getByLabel("Password", { exact: true });
    const done = dialog.getByRole("button", { name: "Change recovery key" });
    await password.or(done).first().waitFor({ timeout: 60_000 });
    if (await password.isVisible()) {
        await act(session, () => password.fill(account.password));
        await act(session, () => page.getByRole("button", { name: "Continue" }).last().click());
    }
    await done.waitFor({ timeout: 60_000 });
    return flowResult(session, from, before);
}

// ---- main ----------------------------------------------------------------------------------------

function pickElement(): ElementBuild {
    const builds = elementBuilds();
    if (!builds.length) throw new Error("No Element Web build found (../shared/element-web/ or ELEMENT_WEB_ARCHIVES)");
    if (WANTED_ELEMENT) {
        const found = builds.find((b) => b.version === WANTED_ELEMENT);
        if (!found)
            throw new Error(`Element ${WANTED_ELEMENT} not found; have ${builds.map((b) => b.version).join(", ")}`);
        return found;
    }
    return builds.at(-1)!;
}

function hasSpacePanel(build: ElementBuild): boolean {
    const [major = 0, minor = 0, patch = 0] = build.version.split(".").map(Number);
    return major > 1 || (major === 1 && (minor > 12 || (minor === 12 && patch >= 10)));
}

function firstOpenFiles(): { files: string[]; gz: number | null } {
    const report = join(REPO_ROOT, ".tmp", "bundle-report.json");
    if (!existsSync(report)) return { files: [], gz: null };
    const parsed = JSON.parse(readFileSync(report, "utf8")) as { firstOpen?: { files: string[]; gz: number } };
    return { files: parsed.firstOpen?.files ?? [], gz: parsed.firstOpen?.gz ?? null };
}

async function main(): Promise<void> {
    if (!existsSync(join(REPO_ROOT, "dist", "index.js")))
        throw new Error("dist/index.js is missing: run `npm run build`");
    const build = pickElement();
    const spacePanel = hasSpacePanel(build);
    const firstOpen = firstOpenFiles();
    const loadBefore = loadavg();
    log(`Element ${build.version}, ${RUNS} run(s); load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")}`);

    const [server, browser] = await Promise.all([
        startDevServer({
            port: 0,
            element: build,
            build: { module: false, hostPage: false },
            moduleConfig: JSON.parse(MODULE_CONFIG) as Record<string, unknown>,
            log: () => undefined,
        }),
        chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS }),
    ]);
    const chromiumVersion = browser.version();
    const results = {
        load: { with: [] as number[], without: [] as number[] },
        login: { with: [] as number[], without: [] as number[] },
        loginRequests: { with: [] as number[], without: [] as number[] },
        loginLongestTask: { with: [] as number[], without: [] as number[] },
        idleRequests: { with: [] as number[], without: [] as number[] },
        idleLongestTask: { with: [] as number[], without: [] as number[] },
        /** Which requests each load + login and each idle window saw (the counts above are their numbers). */
        loginRequestList: { with: [] as string[][], without: [] as string[][] },
        idleRequestList: { with: [] as string[][], without: [] as string[][] },
        prefetchedAfter: [] as number[],
        moduleCold: [] as OpenResult[],
        moduleWarm: [] as OpenResult[],
        elementCold: [] as OpenResult[],
        elementWarm: [] as OpenResult[],
        flows: {} as Record<string, FlowResult | { error: string }>,
    };
    let counter = 0;
    const account = (): Promise<DevAccount> =>
        server.register(`bench-${Date.now().toString(36)}-${++counter}`, `pw-bench-${counter}-secret`);
    const attempt = async (name: string, page: Page, flow: () => Promise<FlowResult>): Promise<void> => {
        try {
            results.flows[name] = await flow();
        } catch (error) {
            results.flows[name] = { error: String(error).split("\n")[0]! };
            const shot = join(REPO_ROOT, "test-results", `bench-element-${name.replace(/\W+/g, "-")}.png`);
            await page.screenshot({ path: shot }).catch(() => undefined);
            // The table keeps the first line; the log also says which locator (Playwright's call log).
            const lines = String(error).split("\n");
            log(`  ${name} failed: ${lines.slice(0, 4).join(" / ")} (screenshot ${shot})`);
        }
    };

    try {
        for (let run = 0; run < RUNS; run++) {
            // With and without the module alternate, so drifting load hits both alike.
            for (const withModule of run % 2 === 0 ? [true, false] : [false, true]) {
                const key = withModule ? "with" : "without";
                const session = await newSession(browser, server, withModule);
                try {
                    const user = await account();
                    const signIn = await loadAndSignIn(session, server, user);
                    results.load[key].push(signIn.loadMs);
                    results.login[key].push(signIn.loginMs);
                    results.loginRequests[key].push(signIn.requests.length);
                    results.loginRequestList[key].push(signIn.requests);
                    results.loginLongestTask[key].push(signIn.longestTaskMs);
                    const quiet = await idle(session, firstOpen.files, signIn.loggedIn);
                    results.idleRequests[key].push(quiet.requests.length);
                    results.idleRequestList[key].push(quiet.requests);
                    results.idleLongestTask[key].push(quiet.longestTaskMs);
                    if (withModule) {
                        if (quiet.prefetchedAfterMs !== null) results.prefetchedAfter.push(quiet.prefetchedAfterMs);
                        results.moduleCold.push(await timeOpen(session, "module", spacePanel));
                        results.moduleWarm.push(await timeOpen(session, "module", spacePanel));
                    } else {
                        results.elementCold.push(await timeOpen(session, "element", spacePanel));
                        results.elementWarm.push(await timeOpen(session, "element", spacePanel));
                    }
                    if (FLOWS && run === 0) {
                        // Each flow once, on this run's fresh account (the flows' counts do not vary).
                        const page = session.page;
                        if (withModule) {
                            await attempt("add email: module", page, () => moduleAddEmail(session, server, user));
                            await attempt("set up recovery: module", page, () =>
                                moduleSetUpRecovery(session, user, spacePanel),
                            );
                            const setUp = results.flows["set up recovery: module"];
                            const key = setUp && "key" in setUp ? setUp.key : undefined;
                            // The key goes no further than these two flows: not into the JSON written below.
                            if (setUp && "key" in setUp) delete setUp.key;
                            if (key) {
                                // Two new devices of this account: one uses Element's own screen, one the module.
                                for (const [name, module] of [
                                    ["new device enters the key: module", true],
                                    ["new device enters the key: Element", false],
                                ] as const) {
                                    await attempt(name, page, () =>
                                        newDeviceEntersKey(browser, server, user, key, module),
                                    );
                                }
                            }
                            // Two more new devices, each verified by this one (Element with the module) by emoji.
                            await page.keyboard.press("Escape");
                            if (spacePanel) await page.getByRole("button", { name: "Home" }).first().click();
                            for (const [name, module] of [
                                ["verify a new device by emoji: module", true],
                                ["verify a new device by emoji: Element", false],
                            ] as const) {
                                await attempt(name, page, () =>
                                    verifyNewDevice(browser, server, user, session, module),
                                );
                            }
                        } else {
                            await attempt("add email: Element", page, () => elementAddEmail(session, server, user));
                            await attempt("set up recovery: Element", page, () => elementSetUpRecovery(session, user));
                        }
                    }
                    log(
                        `run ${run + 1}/${RUNS} ${key} module: load ${round(signIn.loadMs)} ms, login ${round(signIn.loginMs)} ms` +
                            (withModule
                                ? `, open cold ${round(results.moduleCold.at(-1)!.ms)} / warm ${round(results.moduleWarm.at(-1)!.ms)} ms`
                                : `, Element Settings cold ${round(results.elementCold.at(-1)!.ms)} / warm ${round(results.elementWarm.at(-1)!.ms)} ms`),
                    );
                } finally {
                    await session.context.close().catch(() => undefined);
                }
            }
        }
    } finally {
        await browser.close().catch(() => undefined);
        await server.stop();
    }

    const loadAfter = loadavg();
    const ms = (s: Stats): string => (s.p50 === null ? "—" : `${round(s.p50)} / ${round(s.p90!)}`);
    const median = (values: number[]): string => {
        const s = stats(values);
        return s.p50 === null ? "—" : String(round(s.p50));
    };
    const openRequests = (list: OpenResult[]): string => {
        const counts = stats(list.map((o) => o.requests.length));
        const sample = list[0]?.requests.join(", ") || "none";
        return `${counts.p50 ?? "—"} (${sample})`;
    };
    const flow = (name: string): FlowResult | { error: string } | undefined => results.flows[name];
    const flowCell = (name: string, what: "actions" | "requests"): string => {
        const f = flow(name);
        if (!f) return "not run";
        if ("error" in f) return `failed: ${f.error.slice(0, 60)}`;
        return String(f[what]) + (what === "actions" && f.note ? ` (${f.note})` : "");
    };

    const rows: [string, string, string][] = [
        ["", "module", "Element's own"],
        [
            "open: click → state, cold, p50 / p90 ms",
            ms(stats(results.moduleCold.map((o) => o.ms))),
            ms(stats(results.elementCold.map((o) => o.ms))),
        ],
        [
            "open: click → state, warm, p50 / p90 ms",
            ms(stats(results.moduleWarm.map((o) => o.ms))),
            ms(stats(results.elementWarm.map((o) => o.ms))),
        ],
        ["open: user actions", "1 (space-panel item / button)", "3 (User menu, All settings, Encryption)"],
        ["open: homeserver requests, cold", openRequests(results.moduleCold), openRequests(results.elementCold)],
        ["open: homeserver requests, warm", openRequests(results.moduleWarm), openRequests(results.elementWarm)],
        [
            "open: longest main-thread task, cold, max ms",
            String(round(Math.max(0, ...results.moduleCold.map((o) => o.longestTaskMs)))),
            String(round(Math.max(0, ...results.elementCold.map((o) => o.longestTaskMs)))),
        ],
        [
            "add email: user actions",
            flowCell("add email: module", "actions"),
            flowCell("add email: Element", "actions"),
        ],
        [
            "add email: homeserver requests",
            flowCell("add email: module", "requests"),
            flowCell("add email: Element", "requests"),
        ],
        [
            "set up recovery: user actions",
            flowCell("set up recovery: module", "actions"),
            flowCell("set up recovery: Element", "actions"),
        ],
        [
            "set up recovery: homeserver requests",
            flowCell("set up recovery: module", "requests"),
            flowCell("set up recovery: Element", "requests"),
        ],
        [
            "new device, enter recovery key: user actions",
            flowCell("new device enters the key: module", "actions"),
            flowCell("new device enters the key: Element", "actions"),
        ],
        [
            "new device, enter recovery key: homeserver requests (until 3 s after)",
            flowCell("new device enters the key: module", "requests"),
            flowCell("new device enters the key: Element", "requests"),
        ],
        [
            "new device, verify by emoji from the first: user actions (both devices)",
            flowCell("verify a new device by emoji: module", "actions"),
            flowCell("verify a new device by emoji: Element", "actions"),
        ],
        [
            "new device, verify by emoji from the first: homeserver requests (both devices, until 3 s after)",
            flowCell("verify a new device by emoji: module", "requests"),
            flowCell("verify a new device by emoji: Element", "requests"),
        ],
        ["", "Element with the module", "Element without"],
        ["load: page → sign-in form, p50 / p90 ms", ms(stats(results.load.with)), ms(stats(results.load.without))],
        ["login: Sign in → home, p50 / p90 ms", ms(stats(results.login.with)), ms(stats(results.login.without))],
        [
            "load + login: homeserver requests, median",
            median(results.loginRequests.with),
            median(results.loginRequests.without),
        ],
        [
            "load + login: longest main-thread task, median ms",
            median(results.loginLongestTask.with),
            median(results.loginLongestTask.without),
        ],
        [
            `idle ${IDLE_MS / 1000} s after login: requests other than /sync, max`,
            String(Math.max(0, ...results.idleRequests.with)),
            String(Math.max(0, ...results.idleRequests.without)),
        ],
        [
            "idle after login (incl. the module's prefetch): longest main-thread task, max ms",
            String(round(Math.max(0, ...results.idleLongestTask.with))),
            String(round(Math.max(0, ...results.idleLongestTask.without))),
        ],
        [
            "prefetch: first-open chunks arrived, ms after the home showed (negative: before), p50",
            median(results.prefetchedAfter),
            "",
        ],
    ];
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
    const line = (r: string[]): string => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
    const table = [
        line(rows[0]!),
        `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
        ...rows.slice(1).map((r) => (r[0] === "" ? line(r.map((c) => (c ? `**${c}**` : c))) : line(r))),
    ].join("\n");

    const header =
        `Element Web ${build.version} (module API ${spacePanel ? "1.9" : "1.4"}), Chromium ${chromiumVersion}, ` +
        `${RUNS} run(s), ${cpus().length} cores; load average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, ` +
        `after ${loadAfter.map((l) => l.toFixed(2)).join(" ")}. Module config ${MODULE_CONFIG}. First-open code: ` +
        `${firstOpen.gz === null ? "?" : (firstOpen.gz / 1024).toFixed(1)} KB gz (${firstOpen.files.join(", ")}).`;
    console.info(`\n${header}\n\n${table}\n`);

    mkdirSync(join(REPO_ROOT, "test-results"), { recursive: true });
    writeFileSync(
        OUT,
        JSON.stringify(
            {
                element: build.version,
                runs: RUNS,
                loadAverage: { before: loadBefore, after: loadAfter },
                cores: cpus().length,
                firstOpen,
                table: rows,
                raw: results,
            },
            null,
            4,
        ) + "\n",
    );
    console.info(`Written to ${OUT}`);
}

main().then(
    () => process.exit(0),
    (error: unknown) => {
        console.error(error);
        process.exit(1);
    },
);
