/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Opening Account security in REAL Element costs at most one homeserver request (issue 16): the
 * first view comes from what Element's client already holds (its crypto stack's backup copy, the
 * synced account data, the cached capabilities); the one request is the email list for the
 * checkup's email line, unless the reminder layer read it in the last minute. Opening it again
 * within a minute costs none. The state shown is the true
 * one: Element made a key backup at first login, recovery is not set up, there is no email yet.
 */
import type { Page } from "playwright-core";

import { elementBuilds } from "../support/elementWeb";
import { modulePanel } from "./support/elementFlows";
import { setupElementHost } from "./support/elementHost";

/** Homeserver requests from `page` (without the /sync long-poll) from now on. */
function recordRequests(page: Page): string[] {
    const seen: string[] = [];
    page.on("request", (request) => {
        const url = new URL(request.url());
        if (!/^\/_(matrix|synapse)\//.test(url.pathname) || /\/sync$/.test(url.pathname)) return;
        seen.push(`${request.method()} ${url.pathname.replace(/^\/_matrix\/client\/[^/]+/, "")}`);
    });
    return seen;
}

describe.each(elementBuilds())("Element Web $version", (build) => {
    // A deployer's defaults (the dev server's config turns the admin section on; its check is a request).
    const element = setupElementHost("open-requests", build, { moduleConfig: {} });

    it(`opens Account security in Element ${build.version} with at most one homeserver request, showing the true state`, async () => {
        const account = await element.newAccount("open");
        const page = await element.signIn(account);
        const requests = recordRequests(page);
        // Element's own start-up requests (key backup, device lists) are over: 2 s without any.
        for (let seen = -1, waited = 0; seen !== requests.length && waited < 20_000; waited += 2_000) {
            seen = requests.length;
            await page.waitForTimeout(2_000);
        }
        requests.length = 0;

        await element.openPanel(page);
        const panel = modulePanel(page);
        await panel.getByRole("button", { name: "Set up recovery" }).first().waitFor({ timeout: 30_000 });
        await panel.getByText("No email address to reset your password").waitFor({ timeout: 30_000 });
        await page.waitForTimeout(1_500); // anything the open started late
        // At most the email list (none when the reminder layer read it in the last minute).
        expect(requests.filter((r) => r !== "GET /account/3pid")).toEqual([]);
        expect(requests.length).toBeLessThanOrEqual(1);

        // Again, within the minute: nothing new to ask.
        await element.closePanel(page);
        requests.length = 0;
        await element.openPanel(page);
        await panel.getByText("No email address to reset your password").waitFor({ timeout: 30_000 });
        await page.waitForTimeout(1_500);
        expect(requests).toEqual([]);

        // The details ask the server for its key count, when opened.
        await panel.getByText("Details", { exact: true }).click();
        await page.waitForTimeout(1_500);
        expect(requests).toEqual(["GET /room_keys/version"]);
    });
});
