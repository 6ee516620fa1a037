/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Issue 16: adding an email takes fewer steps than in Element. When the user comes back to the tab
// while the verification mail is out — most often right after clicking its link — the section
// continues by itself: one quiet attempt per return, against the real Synapse and its real mail.

import { memoryStorage } from "../../../../src/matrix/email/pendingAddStore";
import { setupSynapse } from "../../../support/testbed";
import {
    clickLinkInMail,
    continueWithPassword,
    enterAddress,
    openEmailSection,
    recordSteps,
    userReturns,
    waitForStep,
} from "../../../support/emailFlow";

const bed = setupSynapse();

async function newUser() {
    const tc = await bed.newClient({ crypto: false });
    return { tc, address: `${tc.credentials.username}@example.org` };
}

async function serverAddresses(tc: { client: { getThreePids(): Promise<{ threepids: { address: string }[] }> } }) {
    return (await tc.client.getThreePids()).threepids.map((threepid) => threepid.address);
}

/** Lets a quiet attempt reach the server and come back (it shows nothing, so there is no step to wait for). */
async function settle(vm: { getSnapshot(): unknown }, ms = 1_500): Promise<unknown> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return vm.getSnapshot();
}

describe("coming back to the tab while the verification mail is out", () => {
    it("after clicking the link: the password step is already there — no Continue click — and the address is added", async () => {
        const { tc, address } = await newUser();
        const returns = userReturns();
        const vm = openEmailSection(tc.client, { storage: memoryStorage(), onUserReturn: returns.onUserReturn });
        await enterAddress(vm, address);
        await waitForStep(vm, "waiting_for_click");
        await clickLinkInMail(bed.mailSink, address);

        returns.back();
        const auth = await waitForStep(vm, "auth");
        expect(auth).toMatchObject({ address, method: { kind: "password" }, failed: false });
        vm.submitAuth({ kind: "password", password: tc.credentials.password });

        await waitForStep(vm, "ready");
        expect(vm.getSnapshot().notice).toEqual({ kind: "added", address });
        expect(await serverAddresses(tc)).toEqual([address]);
        vm.dispose();
    });

    it("before the click: nothing shows and nothing is lost; the return after the click adds it without a password", async () => {
        const { tc, address } = await newUser();
        const returns = userReturns();
        const vm = openEmailSection(tc.client, { storage: memoryStorage(), onUserReturn: returns.onUserReturn });
        await enterAddress(vm, address);
        await waitForStep(vm, "waiting_for_click");
        // The user pressed Continue too early once: the password went through, the link was not clicked yet.
        await continueWithPassword(vm, tc.credentials.password, "verifying");
        expect(await waitForStep(vm, "waiting_for_click")).toMatchObject({ notClickedYet: true });

        // Back to the tab, still without clicking: the quiet attempt says nothing and asks nothing.
        const steps = recordSteps(vm);
        returns.back();
        const after = (await settle(vm)) as ReturnType<typeof vm.getSnapshot>;
        expect(after.step).toMatchObject({ kind: "waiting_for_click", address, notClickedYet: true, problem: null });
        expect(steps).toEqual([]);
        expect(await serverAddresses(tc)).toEqual([]);

        // Clicked, back again: added with no password and no button.
        await clickLinkInMail(bed.mailSink, address);
        returns.back();
        await waitForStep(vm, "ready");
        expect(steps).not.toContain("auth");
        expect(steps).not.toContain("error");
        expect(vm.getSnapshot().notice).toEqual({ kind: "added", address });
        expect(await serverAddresses(tc)).toEqual([address]);
        vm.dispose();
    });

    it("a return while nothing is pending does nothing", async () => {
        const { tc } = await newUser();
        const returns = userReturns();
        const vm = openEmailSection(tc.client, { storage: memoryStorage(), onUserReturn: returns.onUserReturn });
        await waitForStep(vm, "ready");
        const steps = recordSteps(vm);
        returns.back();
        await settle(vm, 300);
        expect(steps).toEqual([]);
        vm.dispose();
    });
});
