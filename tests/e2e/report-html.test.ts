/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The posture report's HTML page in the real browser (Debian's chromium): it loads nothing from
// anywhere (the page is self-contained), its charts render, its table sorts by keyboard and mouse with
// aria-sort following, axe finds nothing serious or critical, and --aggregate-only shows no user ID.
// Screenshots: test-results/screenshots/report-html-*.png.

import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { chromium, type Browser, type Page } from "playwright-core";

import { summarize, type AccountRecord } from "../../src/matrix/admin/posture";
import { renderHtmlReport } from "../../src/matrix/admin/reportHtml";
import { REPO_ROOT } from "../support/synapse";
import { SCREENSHOTS } from "./support/devHost";

const axeSource = readFileSync(join(REPO_ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
let browser: Browser;

beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
}, 60_000);
afterAll(async () => {
    await browser?.close();
});

/** 40 accounts in varied states, one that could not be assessed, and an older report to compare with. */
function reportFixture(aggregateOnly: boolean): string {
    const records: AccountRecord[] = Array.from({ length: 40 }, (_, i) => ({
        user_id: `@user${String(i).padStart(2, "0")}:example.org`,
        status: "ok",
        has_email: i % 3 !== 0,
        has_cross_signing: i % 2 === 0,
        has_recovery: i % 4 === 0,
        devices: 1 + (i % 4),
        unverified_devices: i % 2 === 0 ? 0 : 1 + (i % 3),
        stale_devices: i % 5 === 0 ? 1 : 0,
    }));
    records.push({ user_id: "@gone:example.org", status: "failed", reason: "the account no longer exists: HTTP 404" });
    const context = { homeserver: "https://matrix.example.org", staleDays: 90 };
    const summary = summarize(records, { ...context, generatedAt: "2026-12-01T06:00:00.000Z" });
    const previous = summarize(
        records.map((r) =>
            r.status === "ok" ? { ...r, has_recovery: false, has_email: r.has_email && r.devices > 2 } : r,
        ),
        { ...context, generatedAt: "2026-11-01T06:00:00.000Z" },
    );
    return renderHtmlReport({ summary, records, previous, aggregateOnly });
}

async function open(html: string): Promise<{ page: Page; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on("request", (request) => {
        if (!request.url().startsWith("data:") && request.url() !== "about:blank") requests.push(request.url());
    });
    await page.setContent(html, { waitUntil: "load" });
    return { page, requests };
}

async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string; nodes: string[] }>> {
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
        const axe = (
            window as unknown as {
                axe: {
                    run: (
                        c: unknown,
                        o: unknown,
                    ) => Promise<{
                        violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
                    }>;
                };
            }
        ).axe;
        const result = await axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            nodes: v.nodes.map((n) => n.target.join(" ")),
        }));
    });
    return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

const firstColumn = (page: Page, column: number): Promise<string[]> =>
    page.$$eval(`#accounts tbody tr td:nth-child(${column})`, (cells) => cells.map((c) => c.textContent ?? ""));

describe("the posture report's HTML page, in Chromium", () => {
    it("is self-contained, draws its charts, sorts its table accessibly and passes axe", async () => {
        const { page, requests } = await open(reportFixture(false));
        expect(requests).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, "report-html-full.png"), fullPage: true });

        // The charts: one bar per protection, with its share as text; the trend is drawn too.
        const chart = page.getByRole("img", { name: "Share of accounts with each protection" });
        await expect(chart.locator("rect.bar").count()).resolves.toBe(5);
        await expect(chart.locator("rect.prev").count()).resolves.toBe(5);
        await expect(page.getByRole("row", { name: /Recovery set up/ }).textContent()).resolves.toMatch(
            /10 \/ 40.*25\.0%.*0\.0%.*\+25\.0 pts/,
        );
        await expect(page.getByText("Incomplete: 1 account could not be assessed (listed below).")).toBeTruthy();
        await expect(page.getByText("@gone:example.org").count()).resolves.toBe(1);

        // Sorting: a real button in each column header; aria-sort names the sorted column only.
        const devices = page.getByRole("columnheader", { name: "Devices" });
        await page.getByRole("button", { name: "Devices" }).focus();
        await page.keyboard.press("Enter");
        await expect(devices.getAttribute("aria-sort")).resolves.toBe("ascending");
        await expect(
            page.getByRole("columnheader", { name: "Account", exact: true }).getAttribute("aria-sort"),
        ).resolves.toBeNull();
        const ascending = (await firstColumn(page, 5)).map(Number);
        expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
        await page.getByRole("button", { name: "Devices" }).click();
        await expect(devices.getAttribute("aria-sort")).resolves.toBe("descending");
        const descending = (await firstColumn(page, 5)).map(Number);
        expect(descending).toEqual([...descending].sort((a, b) => b - a));
        await page.screenshot({ path: join(SCREENSHOTS, "report-html-sorted.png") });

        expect(await seriousViolations(page)).toEqual([]);
        await page.close();
    });

    it("with --aggregate-only: the same charts, and no user ID anywhere on the page", async () => {
        const { page, requests } = await open(reportFixture(true));
        expect(requests).toEqual([]);
        const text = await page.evaluate(() => document.documentElement.outerHTML);
        expect(text).not.toMatch(/@[a-z0-9]+:example\.org/);
        await expect(page.locator("#accounts").count()).resolves.toBe(0);
        await expect(page.getByText("1 × the account no longer exists: HTTP 404").count()).resolves.toBe(1);
        await page.screenshot({ path: join(SCREENSHOTS, "report-html-aggregate.png"), fullPage: true });
        expect(await seriousViolations(page)).toEqual([]);
        await page.close();
    });
});
