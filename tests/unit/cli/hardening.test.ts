/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { printable } from "../../../src/cli/io";
import { Progress } from "../../../src/cli/progress";
import { SynapseAdminApi } from "../../../src/matrix/admin/SynapseAdminApi";
import { AdminApiError, type AdminTransport } from "../../../src/matrix/admin/transport";

/** A transport that answers 429 with `retryAfterMs` the first `times` requests, then a whoami answer. */
function rateLimited(retryAfterMs: number | undefined, times = Infinity): AdminTransport & { calls: number } {
    const transport = {
        calls: 0,
        async request<T>(method: string, path: string): Promise<T> {
            transport.calls++;
            if (transport.calls <= times)
                throw new AdminApiError(
                    429,
                    "M_LIMIT_EXCEEDED",
                    { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: retryAfterMs },
                    method,
                    path,
                );
            return { user_id: "@admin:example.org" } as T;
        },
        requestUnauthenticated: async <T>() => ({}) as T,
    };
    return transport;
}

describe("429 waits are bounded", () => {
    it("waits at most a minute however long the server asks (a year, or a negative time)", async () => {
        for (const asked of [365 * 24 * 3600 * 1000, 1e308, -5]) {
            const slept: number[] = [];
            const api = new SynapseAdminApi(rateLimited(asked, 1), { sleep: async (ms) => void slept.push(ms) });
            await expect(api.whoami()).resolves.toBe("@admin:example.org");
            expect(slept).toHaveLength(1);
            expect(slept[0]).toBeLessThanOrEqual(60_000);
            expect(slept[0]).toBeGreaterThanOrEqual(0);
        }
    });

    it("gives up once the total wait of the run would pass the cap, and passes the 429 on", async () => {
        const slept: number[] = [];
        const api = new SynapseAdminApi(rateLimited(60_000), {
            sleep: async (ms) => void slept.push(ms),
            maxRateLimitRetries: 100,
            maxTotalRateLimitWaitMs: 150_000,
        });
        await expect(api.whoami()).rejects.toMatchObject({ httpStatus: 429 });
        expect(slept).toEqual([60_000, 60_000]);
        // The cap is per run: the next request does not start a fresh allowance.
        await expect(api.whoami()).rejects.toMatchObject({ httpStatus: 429 });
        expect(slept).toHaveLength(2);
    });
});

describe("printing text from the server or a file", () => {
    it("drops terminal controls, carriage returns and bidi overrides; keeps text, tabs and newlines", () => {
        expect(printable("Mallory\u001b]0;owned\u0007\u001b[2J\u202eevil\r\n\tok\u009b")).toBe(
            "Mallory]0;owned[2Jevil\n\tok",
        );
    });

    it("keeps the progress bar's own redraw on a terminal", () => {
        const written: string[] = [];
        const stream = {
            isTTY: true,
            write: (t: string) => void written.push(printable(t)),
            rawWrite: (t: string) => void written.push(t),
        };
        const progress = new Progress(2, stream, true, () => 0, "accounts");
        progress.advance(2);
        // eslint-disable-next-line no-control-regex -- the redraw sequence is the point
        expect(written[0]).toMatch(/^\r\[#+\] 2\/2 100% .*\u001b\[K$/);
    });
});
