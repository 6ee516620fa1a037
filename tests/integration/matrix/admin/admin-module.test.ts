/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The in-module Admin section's logic against a real Synapse, through a real matrix-js-sdk client
// (the host's client in production): the one cached admin check, lookups, add / remove with the
// same safety rules as the CLI.

import { AdminClientAccess } from "../../../../src/matrix/admin/clientAccess";
import { AdminViewModel, type AdminSnapshot } from "../../../../src/viewmodels/AdminViewModel";
import { addr, adminFixtures, answerLikeMas } from "../../../support/admin";
import { untilObserved } from "../../../support/observe";
import { setupSynapse } from "../../../support/testbed";

/** One AdminClientAccess per client, as the module's AccountSession keeps one per signed-in account. */
const accesses = new WeakMap<object, AdminClientAccess>();
function accessOf(client: ConstructorParameters<typeof AdminClientAccess>[0]): AdminClientAccess {
    let access = accesses.get(client);
    if (!access) accesses.set(client, (access = new AdminClientAccess(client)));
    return access;
}

const bed = setupSynapse({ email: false });

const { emails, newUser } = adminFixtures(bed);

/** Resolves when the view-model's snapshot satisfies `test` (or rejects after 10 s). */
function until(vm: AdminViewModel, test: (s: AdminSnapshot) => boolean): Promise<AdminSnapshot> {
    const stuck = (): string => `timed out in step ${JSON.stringify(vm.getSnapshot().step)}`;
    return untilObserved(vm, () => vm.getSnapshot(), test, 10_000, stuck);
}

async function adminViewModel(): Promise<AdminViewModel> {
    const admin = await bed.createClient(await bed.admin(), { start: false, crypto: false });
    const vm = new AdminViewModel({
        api: accessOf(admin.client).api,
        access: () => accessOf(admin.client).access(),
        ownUserId: admin.userId,
    });
    await until(vm, (s) => s.step.kind === "ready");
    return vm;
}

describe("Admin section: who sees it", () => {
    it("shows for a server admin, not for anyone else; a non-admin costs one admin request, once", async () => {
        const admin = await bed.createClient(await bed.admin(), { start: false, crypto: false });
        expect(await accessOf(admin.client).showsSection()).toBe(true);

        const proxy = await bed.faultProxy();
        const plain = await bed.createClient(await bed.registerUser(), {
            baseUrl: proxy.baseUrl,
            start: false,
            crypto: false,
        });
        expect(await accessOf(plain.client).showsSection()).toBe(false);
        expect(await accessOf(plain.client).showsSection()).toBe(false);
        expect((await accessOf(plain.client).access()).kind).toBe("not_admin");
        const adminRequests = proxy.requests.filter((r) => r.url.startsWith("/_synapse/admin"));
        expect(adminRequests.map((r) => [r.method, r.url, r.status])).toEqual([
            ["GET", `/_synapse/admin/v1/users/${encodeURIComponent(plain.userId)}/admin`, 403],
        ]);
    });
});

describe("Admin section: accounts delegated to MAS", () => {
    it("explains that emails are managed in the account provider (server answers simulated by a proxy)", async () => {
        const proxy = await bed.faultProxy();
        answerLikeMas(proxy);
        const admin = await bed.createClient(await bed.admin(), {
            baseUrl: proxy.baseUrl,
            start: false,
            crypto: false,
        });
        expect(await accessOf(admin.client).showsSection()).toBe(true);
        const vm = new AdminViewModel({
            api: accessOf(admin.client).api,
            access: () => accessOf(admin.client).access(),
            ownUserId: admin.userId,
        });
        const { step } = await until(vm, (s) => s.step.kind !== "checking_access");
        expect(step).toEqual({ kind: "delegated", accountManagementUrl: "https://auth.example.org/account/" });
        vm.dispose();

        // A non-admin on that server: no section.
        const plain = await bed.createClient(await bed.registerUser(), {
            baseUrl: proxy.baseUrl,
            start: false,
            crypto: false,
        });
        expect(await accessOf(plain.client).showsSection()).toBe(false);
    });
});

describe("Admin section: an account's email addresses", () => {
    it("looks up an account by its localpart and shows its addresses with dates", async () => {
        const address = addr("look");
        const userId = await newUser(address);
        const vm = await adminViewModel();
        vm.setQuery(userId.slice(1, userId.indexOf(":")));
        await vm.lookUp();
        const { account } = vm.getSnapshot();
        expect(account?.userId).toBe(userId);
        expect(account?.emails).toEqual([{ address, addedAt: expect.any(Number), validatedAt: expect.any(Number) }]);
        expect(Math.abs(account!.emails[0]!.addedAt! - Date.now())).toBeLessThan(60_000);

        vm.setQuery("@nobody-here:" + bed.synapse.serverName);
        await vm.lookUp();
        expect(vm.getSnapshot().lookupProblem).toEqual({ kind: "not_found", userId: "@nobody-here:localhost" });
        vm.setQuery("@x:elsewhere.example");
        await vm.lookUp();
        expect(vm.getSnapshot().lookupProblem).toEqual({ kind: "other_server", serverName: "localhost" });
        vm.dispose();
    });

    it("adds an address after confirmation, keeping the others", async () => {
        const old = addr("old");
        const userId = await newUser(old);
        const vm = await adminViewModel();
        vm.setQuery(userId);
        await vm.lookUp();
        vm.startAdd();
        const added = addr("New").replace("new", "New");
        vm.setDraft(added);
        await vm.submitAddress();
        expect(vm.getSnapshot().step).toEqual({ kind: "confirm_add", address: added.toLowerCase() });
        expect(await emails(userId)).toEqual([old]); // nothing changes before the confirmation
        await vm.confirmAdd();
        const snapshot = vm.getSnapshot();
        expect(snapshot.step.kind).toBe("ready");
        expect(snapshot.notice).toEqual({ kind: "added", address: added.toLowerCase(), userId });
        expect(snapshot.account?.emails.map((e) => e.address).sort()).toEqual([old, added.toLowerCase()].sort());
        expect(await emails(userId)).toEqual([old, added.toLowerCase()].sort());
        vm.dispose();
    });

    it("refuses another account's address and leaves it there, also when it was taken after confirming", async () => {
        const contested = addr("contested");
        const owner = await newUser(contested);
        const userId = await newUser();
        const vm = await adminViewModel();
        vm.setQuery(userId);
        await vm.lookUp();
        vm.startAdd();
        vm.setDraft(contested);
        await vm.submitAddress();
        expect(vm.getSnapshot().step).toEqual({
            kind: "entering",
            draft: contested,
            problem: { kind: "owned_by_other", owner },
        });
        expect(await emails(owner)).toEqual([contested]);
        expect(await emails(userId)).toEqual([]);

        // Free when checked, taken by someone else before "Add address" is pressed: still refused.
        const late = addr("late");
        vm.setDraft(late);
        await vm.submitAddress();
        expect(vm.getSnapshot().step.kind).toBe("confirm_add");
        const other = await newUser(late);
        await vm.confirmAdd();
        expect(vm.getSnapshot().step).toEqual({
            kind: "entering",
            draft: late,
            problem: { kind: "owned_by_other", owner: other },
        });
        expect(await emails(other)).toEqual([late]);
        expect(await emails(userId)).toEqual([]);
        vm.dispose();
    });

    it("removes an address after a confirmation that warns when it is the last one", async () => {
        const [a, b] = [addr("ra"), addr("rb")];
        const userId = await newUser(a, b);
        const vm = await adminViewModel();
        vm.setQuery(userId);
        await vm.lookUp();
        vm.askRemove(a);
        expect(vm.getSnapshot().step).toEqual({ kind: "confirm_remove", address: a, isLast: false });
        await vm.confirmRemove();
        expect(vm.getSnapshot().notice).toEqual({ kind: "removed", address: a, userId });
        expect(await emails(userId)).toEqual([b]);
        vm.askRemove(b);
        expect(vm.getSnapshot().step).toEqual({ kind: "confirm_remove", address: b, isLast: true });
        vm.cancel();
        expect(await emails(userId)).toEqual([b]);
        vm.dispose();
    });

    it("saves nothing when someone changed the account meanwhile, and Try again starts from its current addresses", async () => {
        const [a, b, meanwhile] = [addr("ca"), addr("cb"), addr("cmeanwhile")];
        const userId = await newUser(a, b);
        const vm = await adminViewModel();
        vm.setQuery(userId);
        await vm.lookUp();
        vm.askRemove(a);
        // Right after the save has read the account, another admin adds an address.
        const api = vm["options"].api;
        const read = api.getUser.bind(api);
        let reads = 0;
        api.getUser = async (id: string) => {
            const user = await read(id);
            if (++reads === 1)
                await bed.adminRequest("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
                    threepids: [a, b, meanwhile].map((address) => ({ medium: "email", address })),
                });
            return user;
        };
        await vm.confirmRemove();
        expect(vm.getSnapshot().step).toEqual({
            kind: "error",
            problem: { kind: "changed_meanwhile" },
            canClose: true,
        });
        expect(await emails(userId)).toEqual([a, b, meanwhile].sort());
        await vm.retry();
        expect(vm.getSnapshot().notice).toEqual({ kind: "removed", address: a, userId });
        expect(await emails(userId)).toEqual([b, meanwhile].sort());
        vm.dispose();
    });
});
