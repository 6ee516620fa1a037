/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Removing an email address when `POST /account/3pid/delete` fails (500, 502, a dropped connection, no
// answer in time), through the fault proxy in front of a real Synapse. What a user must be able to
// trust: the panel never says "removed" unless the server removed it, the list shows the server's
// truth after Try again or a refresh, and the other address is never touched.

import type { EmailViewModel } from "../../../../src/viewmodels/EmailViewModel";
import type { FaultRule } from "../../../support/faultProxy";
import { setupSynapse } from "../../../support/testbed";
import { openEmailSection, waitForStep } from "../../../support/emailFlow";

const bed = setupSynapse();

const DELETE = "/account/3pid/delete";
/** The view-model's limit per request in these tests; the "timeout" fault answers later than this. */
const TIMEOUT_MS = 1500;

/** A fresh user with two addresses (written by the admin API), and a view-model behind the proxy. */
async function userWithTwoAddresses() {
    const proxy = await bed.faultProxy();
    const tc = await bed.newClient({ crypto: false, baseUrl: proxy.baseUrl });
    const keep = `${tc.credentials.username}-keep@example.org`;
    const remove = `${tc.credentials.username}-remove@example.org`;
    await bed.adminRequest("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(tc.userId)}`, {
        threepids: [
            { medium: "email", address: keep },
            { medium: "email", address: remove },
        ],
    });
    const vm = openEmailSection(tc.client, { timeoutMs: TIMEOUT_MS });
    await waitForStep(vm, "ready");
    expect(listed(vm)).toEqual([keep, remove].sort());
    return { proxy, tc, keep, remove, vm };
}

const listed = (vm: EmailViewModel) =>
    vm
        .getSnapshot()
        .emails.map((e) => e.address)
        .sort();

/** What Synapse itself has, asked as the admin (not through the proxy, not through the view-model). */
async function onServer(userId: string): Promise<string[]> {
    const user = await bed.adminRequest<{ threepids: { medium: string; address: string }[] }>(
        "GET",
        `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`,
    );
    return user.threepids.map((t) => t.address).sort();
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

/** Every notice (each time one appears) and step the view-model shows from now on. */
function record(vm: EmailViewModel): { notices: string[]; steps: string[] } {
    const seen = { notices: [] as string[], steps: [] as string[] };
    let last: string | null = null;
    vm.subscribe(() => {
        const { notice, step } = vm.getSnapshot();
        const said = notice ? `${notice.kind} ${notice.address}` : null;
        if (said && said !== last) seen.notices.push(said);
        last = said;
        if (seen.steps.at(-1) !== step.kind) seen.steps.push(step.kind);
    });
    return seen;
}

const FAULTS: [string, Omit<FaultRule, "path" | "method">][] = [
    ["500", { respond: { status: 500 } }],
    ["502", { respond: { status: 502, body: "Bad Gateway", headers: { "content-type": "text/html" } } }],
    ["a dropped connection", { drop: true }],
];

describe("removing an address when the homeserver fails", () => {
    it.each(FAULTS)(
        "%s: not claimed as removed, Try again removes it, the other address stays",
        async (_name, fault) => {
            const { proxy, tc, keep, remove, vm } = await userWithTwoAddresses();
            const rule = proxy.addRule({ path: DELETE, method: "POST", times: 1, ...fault });
            const seen = record(vm);

            vm.askRemove(remove);
            vm.confirmRemove();
            const error = await waitForStep(vm, "error");
            expect(rule.matches).toBe(1);
            expect(error.canRetry).toBe(true);
            expect(seen.notices).toEqual([]);
            // The list shown is the server's, re-read after the failure: both still there.
            expect(listed(vm)).toEqual([keep, remove].sort());
            expect(await onServer(tc.userId)).toEqual([keep, remove].sort());

            vm.retry();
            await waitForStep(vm, "removing");
            await waitForStep(vm, "ready");
            expect(seen.notices).toEqual([`removed ${remove}`]);
            expect(listed(vm)).toEqual([keep]);
            expect(await onServer(tc.userId)).toEqual([keep]);
            vm.dispose();
        },
    );

    it.each(FAULTS)(
        "%s: dismissing the error and refreshing shows the server's list, nothing lost",
        async (_n, fault) => {
            const { proxy, tc, keep, remove, vm } = await userWithTwoAddresses();
            proxy.addRule({ path: DELETE, method: "POST", times: 1, ...fault });
            const seen = record(vm);
            vm.askRemove(remove);
            vm.confirmRemove();
            await waitForStep(vm, "error");
            vm.dismissError();
            vm.reload();
            await waitForStep(vm, "ready");
            expect(seen.notices).toEqual([]);
            expect(listed(vm)).toEqual([keep, remove].sort());
            expect(await onServer(tc.userId)).toEqual([keep, remove].sort());
            vm.dispose();
        },
    );

    it.each([
        ["Try again", (vm: EmailViewModel) => vm.retry()],
        [
            "a refresh",
            (vm: EmailViewModel) => {
                vm.dismissError();
                vm.reload();
            },
        ],
    ])(
        "no answer in time, the server acts later: never 'removed' before the server says so; %s shows the truth",
        async (how, afterwards) => {
            const { proxy, tc, keep, remove, vm } = await userWithTwoAddresses();
            // Held for 3 s, then forwarded: Synapse removes the address after the panel gave up waiting.
            proxy.addRule({ path: DELETE, method: "POST", times: 1, delayMs: 3000 });
            const seen = record(vm);
            vm.askRemove(remove);
            vm.confirmRemove();
            const error = await waitForStep(vm, "error");
            expect(error.problem.kind).toBe("timeout");
            expect(seen.notices).toEqual([]);

            await eventually(async () => (await onServer(tc.userId)).length === 1, "the late removal on the server");
            expect(await onServer(tc.userId)).toEqual([keep]);
            afterwards(vm);
            await waitForStep(vm, "ready");
            expect(listed(vm)).toEqual([keep]);
            // Try again asks the server again (Synapse answers OK: the address is gone): now it may say so.
            expect(seen.notices).toEqual(how === "Try again" ? [`removed ${remove}`] : []);
            expect(await onServer(tc.userId)).toEqual([keep]);
            vm.dispose();
        },
    );

    it("the answer is lost but the server had acted: the list read after the failure says so, and so does the panel", async () => {
        const { proxy, tc, keep, remove, vm } = await userWithTwoAddresses();
        // As if the removal reached Synapse and only its answer was lost: the address is already gone
        // on the server (removed by the admin API) and the delete request itself fails with 502.
        await bed.adminRequest("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(tc.userId)}`, {
            threepids: [{ medium: "email", address: keep }],
        });
        proxy.addRule({ path: DELETE, method: "POST", times: 1, respond: { status: 502 } });
        const seen = record(vm);
        vm.askRemove(remove);
        vm.confirmRemove();
        await waitForStep(vm, "removing");
        await waitForStep(vm, "ready");
        expect(seen.steps).not.toContain("error");
        expect(seen.notices).toEqual([`removed ${remove}`]);
        expect(listed(vm)).toEqual([keep]);
        expect(await onServer(tc.userId)).toEqual([keep]);
        vm.dispose();
    });
});
