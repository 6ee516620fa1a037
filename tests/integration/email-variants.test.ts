/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The Email addresses section on Synapses that do not allow the usual flow.

import { setupSynapse } from "../support/testbed";
import { addressProblem, enterAddress, openEmailSection, waitForStep } from "./emailFlow";

describe("Email addresses with enable_3pid_changes: false", () => {
    const bed = setupSynapse({ threepidChanges: false });

    it("lists addresses read-only and says why", async () => {
        const tc = await bed.newClient({ crypto: false });
        const address = `${tc.credentials.username}@example.org`;
        await bed.adminRequest("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(tc.userId)}`, {
            threepids: [{ medium: "email", address }],
        });
        const vm = openEmailSection(tc.client);
        const step = await waitForStep(vm, "read_only");
        expect(step).toEqual({ kind: "read_only", reason: "changes_disabled" });
        expect(vm.getSnapshot().emails.map((e) => e.address)).toEqual([address]);
        // Actions that would change something are ignored in this step.
        vm.startAdd();
        vm.askRemove(address);
        expect(vm.getSnapshot().step.kind).toBe("read_only");
        vm.dispose();
    });
});

describe("Email addresses on a Synapse without email config", () => {
    const bed = setupSynapse({ email: false });

    it("says email is not supported by this server", async () => {
        const tc = await bed.newClient({ crypto: false });
        const vm = openEmailSection(tc.client);
        await enterAddress(vm, `${tc.credentials.username}@example.org`);
        expect(await addressProblem(vm)).toEqual({ kind: "not_supported" });
        vm.dispose();
    });
});
