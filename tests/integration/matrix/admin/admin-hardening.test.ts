/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The admin tool against a broken or hostile server, and its writes when they fail (issue 12 item 8
// and the admin part of the fault matrix): control characters never reach the terminal, answers are
// size-capped, redirects are refused, a resume never mixes two homeservers, an address added while a
// change is being planned is never dropped; and admin add / remove / --force × the write failing
// (500, 502, dropped connection, timeout; and the answer lost after Synapse made the change) leave
// the account exactly as before or fully as intended, and the exit code and message say which.

import * as fs from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";

import { runCli } from "../../../../src/cli/cli";
import { fetchTransport } from "../../../../src/matrix/admin/fetchTransport";
import { AccountChangedError, applyPlan, planChange } from "../../../../src/matrix/admin/provision";
import { SynapseAdminApi } from "../../../../src/matrix/admin/SynapseAdminApi";
import { addr, adminFixtures } from "../../../support/admin";
import type { FaultRule } from "../../../support/faultProxy";
import { setupSynapse } from "../../../support/testbed";

const bed = setupSynapse({ email: false });
const { emails, newUser } = adminFixtures(bed);

let work: string;
let adminToken: string;
beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "admin-hardening-"));
    adminToken = (await bed.admin()).accessToken;
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function cli(args: string[], homeserver = bed.baseUrl) {
    let stdout = "";
    let stderr = "";
    const code = await runCli(["--homeserver", homeserver, ...args], {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { isTTY: false, write: (t: string) => (stderr += t) },
        env: { SYNAPSE_ADMIN_TOKEN: adminToken },
    });
    expect(stdout + stderr).not.toContain(adminToken);
    return { code, stdout, stderr };
}

/** A throwaway HTTP server on 127.0.0.1 (closed after the test). */
const servers: Server[] = [];
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe("a broken or hostile server", () => {
    it("never lets control characters from the server or the CSV reach the terminal", async () => {
        const userId = await newUser(addr("ctl"));
        await bed.adminRequest("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
            displayname: "Mallory\u001b]0;owned\u0007\u001b[2J\u202eevil\r",
        });
        const show = await cli(["user", "show", userId]);
        expect(show.code).toBe(0);
        expect(show.stdout).toContain("display name: Mallory]0;owned[2Jevil");
        // eslint-disable-next-line no-control-regex -- looking for control characters is the point
        expect(show.stdout).not.toMatch(/[\u001b\u0007\r\u202e]/);

        const csv = path.join(work, "ctl.csv");
        fs.writeFileSync(csv, `user_id,email\n${userId},"bad\u001b[31maddress"\n`);
        const run = await cli(["import", csv, "--no-progress", "--report", path.join(work, "ctl.report.jsonl")]);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain("bad[31maddress");
        // eslint-disable-next-line no-control-regex -- looking for control characters is the point
        expect(run.stderr).not.toMatch(/[\u001b\r]/);
    });

    it("reads no answer larger than the cap, declared or streamed", async () => {
        const big = "x".repeat(5000);
        const url = await serve((req, res) => {
            if (req.url?.includes("declared")) {
                res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(big.length + 12) });
                res.end(JSON.stringify({ pad: big }));
            } else {
                res.writeHead(200, { "Content-Type": "application/json" }); // chunked: no length up front
                res.write('{"pad":"');
                res.write(big);
                res.end('"}');
            }
        });
        const transport = fetchTransport(url, "token", { maxResponseBytes: 1000 });
        for (const path of ["/_matrix/declared", "/_matrix/streamed"])
            await expect(transport.request("GET", path)).rejects.toMatchObject({
                name: "ResponseTooLargeError",
                httpStatus: 200,
            });
        // Within the cap, the same answer reads fine.
        await expect(fetchTransport(url, "token").request("GET", "/_matrix/streamed")).resolves.toEqual({ pad: big });
    });

    it("follows no redirect, so the token goes nowhere else", async () => {
        const seen: Array<string | undefined> = [];
        const elsewhere = await serve((req, res) => {
            seen.push(req.headers.authorization);
            res.end("{}");
        });
        const url = await serve((_req, res) => {
            res.writeHead(307, { Location: `${elsewhere}/_matrix/client/v3/account/whoami` });
            res.end();
        });
        const run = await cli(["user", "show", "@a:localhost"], url);
        expect(run.code).toBe(3);
        expect(run.stderr).toContain(`Cannot reach ${url}`);
        expect(seen).toEqual([]);
    });

    it("gives up 429 waits the server asks to be absurdly long, within a bound", async () => {
        const proxy = await bed.faultProxy();
        proxy.addRule({ path: "/account/whoami", rateLimit: { retryAfterMs: 1e12 }, times: 1 });
        const slept: number[] = [];
        const api = new SynapseAdminApi(fetchTransport(proxy.baseUrl, adminToken), {
            maxRetryAfterMs: 50,
            sleep: async (ms) => void slept.push(ms),
        });
        await expect(api.whoami()).resolves.toMatch(/^@admin/);
        expect(slept).toEqual([50]);
    });

    it("refuses to resume an import report made against another homeserver", async () => {
        const userId = await newUser();
        const csv = path.join(work, "two-servers.csv");
        fs.writeFileSync(csv, `${userId},${addr("two")}\n`);
        const proxy = await bed.faultProxy();
        expect((await cli(["import", csv, "--no-progress"], proxy.baseUrl)).code).toBe(0);
        const again = await cli(["import", csv, "--no-progress"]);
        expect(again.code).toBe(2);
        expect(again.stderr).toContain(`is the report of an import into ${proxy.baseUrl}, not ${bed.baseUrl}`);
    });
});

describe("an address added while a change is planned", () => {
    it("is never dropped: the write re-reads the account first and stops when it changed", async () => {
        const [kept, meanwhile, wanted] = [addr("kept"), addr("meanwhile"), addr("wanted")];
        const userId = await newUser(kept);
        const api = new SynapseAdminApi(fetchTransport(bed.baseUrl, adminToken));
        const plan = await planChange(api, { userId, add: [wanted] });
        await bed.adminRequest("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
            threepids: [kept, meanwhile].map((address) => ({ medium: "email", address })),
        });
        await expect(applyPlan(api, plan, {})).rejects.toBeInstanceOf(AccountChangedError);
        expect(await emails(userId)).toEqual([kept, meanwhile].sort());
    });

    it("through the CLI: exit 1, nothing written, and the address added meanwhile is still there", async () => {
        const [kept, meanwhile, wanted] = [addr("kept"), addr("meanwhile"), addr("wanted")];
        const userId = await newUser(kept);
        const proxy = await bed.faultProxy();
        // While the CLI asks who owns the new address, someone else adds another one.
        proxy.addRule({ path: "/threepid/email/users/", delayMs: 800, times: 1 });
        const running = cli(["user", "add-email", userId, wanted], proxy.baseUrl);
        await new Promise((r) => setTimeout(r, 300));
        await bed.adminRequest("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
            threepids: [kept, meanwhile].map((address) => ({ medium: "email", address })),
        });
        const run = await running;
        expect(run.code).toBe(1);
        expect(run.stderr).toContain("changed since it was read");
        expect(await emails(userId)).toEqual([kept, meanwhile].sort());
        // Run again: now it merges with the current list.
        expect((await cli(["user", "add-email", userId, wanted])).code).toBe(0);
        expect(await emails(userId)).toEqual([kept, meanwhile, wanted].sort());
    });
});

describe("fault matrix: the admin's write fails", () => {
    type Fault = { name: string; rule: Partial<FaultRule>; applied: boolean };
    const faults: Fault[] = [
        { name: "500", rule: { respond: { status: 500 } }, applied: false },
        { name: "502", rule: { respond: { status: 502 } }, applied: false },
        { name: "dropped connection", rule: { drop: true }, applied: false },
        { name: "timeout", rule: { delayMs: 3_000 }, applied: false },
        { name: "500 after Synapse made the change", rule: { afterForward: { status: 500 } }, applied: true },
        { name: "connection dropped after Synapse made the change", rule: { afterForward: "drop" }, applied: true },
    ];
    type Action = {
        name: string;
        /** Sets up accounts; returns the CLI args, and the states before and as intended. */
        setUp: () => Promise<{ args: string[]; state: () => Promise<unknown>; before: unknown; intended: unknown }>;
    };
    const actions: Action[] = [
        {
            name: "add",
            setUp: async () => {
                const [a, b] = [addr("has"), addr("add")];
                const userId = await newUser(a);
                return {
                    args: ["user", "add-email", userId, b],
                    state: () => emails(userId),
                    before: [a],
                    intended: [a, b].sort(),
                };
            },
        },
        {
            name: "remove",
            setUp: async () => {
                const [a, b] = [addr("stays"), addr("goes")];
                const userId = await newUser(a, b);
                return {
                    args: ["user", "remove-email", userId, b],
                    state: () => emails(userId),
                    before: [a, b].sort(),
                    intended: [a],
                };
            },
        },
        {
            name: "--force (move from another account)",
            setUp: async () => {
                const [a, contested] = [addr("own"), addr("contested")];
                const userId = await newUser(a);
                const owner = await newUser(contested);
                return {
                    args: ["user", "add-email", userId, contested, "--force"],
                    state: async () => ({ user: await emails(userId), owner: await emails(owner) }),
                    before: { user: [a], owner: [contested] },
                    intended: { user: [a, contested].sort(), owner: [] },
                };
            },
        },
    ];

    const cases = actions.flatMap((action) => faults.map((fault) => [action.name, fault.name, action, fault] as const));
    it.each(cases)(
        "%s × %s: exactly as before or fully as intended, and the CLI says which",
        async (_a, _f, action, fault) => {
            const { args, state, before, intended } = await action.setUp();
            const proxy = await bed.faultProxy();
            const rule = proxy.addRule({ path: "/_synapse/admin/v2/users/", method: "PUT", times: 1, ...fault.rule });
            const run = await cli(["--timeout", "1", ...args], proxy.baseUrl);
            expect(rule.matches).toBe(1);
            if (fault.applied) {
                expect(run.code).toBe(0);
                expect(run.stderr).toContain("but the change was made: checked afterwards");
                expect(await state()).toEqual(intended);
            } else {
                expect(run.code).toBe(1);
                expect(run.stderr).toContain("Checked afterwards: nothing was changed");
                // The delayed write of the timeout case is never sent on (the proxy drops it with the client).
                await new Promise((r) => setTimeout(r, fault.rule.delayMs ? 2_500 : 0));
                expect(await state()).toEqual(before);
                // Running it again completes the change.
                proxy.clearRules();
                expect((await cli(args, proxy.baseUrl)).code).toBe(0);
                expect(await state()).toEqual(intended);
            }
        },
    );
});
