/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Secure Backup opened at a step ("Use recovery key instead", "I can't verify — reset", the set-up and
// out-of-sync reminders) against a real Synapse: the view-model starts the step once it knows the
// state, only where the step fits, and never starts a reset by itself.

import { DEFAULT_CONFIG } from "../../../../src/config";
import { createRecoveryKey, setUpRecovery } from "../../../../src/matrix/recovery";
import { BackupViewModel, type BackupSnapshot } from "../../../../src/viewmodels/BackupViewModel";
import type { TestClient } from "../../../support/clients";
import { setupSynapse } from "../../../support/testbed";
import { waitFor } from "../../../support/verification";

const bed = setupSynapse({ email: false });

async function setUpWithModule(tc: TestClient): Promise<void> {
    const key = await createRecoveryKey(tc.client);
    await setUpRecovery(tc.client, key, async (method) =>
        method.kind === "password" ? { kind: "password", password: tc.credentials.password } : null,
    );
}

/** A view-model asked for `step` at once, as the panel does when it opens at that step. */
async function openedAt(
    tc: TestClient,
    step: "enter_key" | "reset" | "set_up",
    settled: BackupSnapshot["state"],
): Promise<BackupViewModel> {
    const vm = new BackupViewModel(tc.client, DEFAULT_CONFIG);
    expect(vm.getSnapshot().state).toBe("checking");
    vm.openStep(step);
    await waitFor(() => vm.getSnapshot().state === settled || null, { what: settled, timeoutMs: 15_000 });
    return vm;
}

describe("Secure Backup opened at a step", () => {
    it("set_up on an account without recovery opens the set-up; enter_key there leaves the status", async () => {
        const a = await bed.newClient();
        const setUp = await openedAt(a, "set_up", "not_set_up");
        expect(setUp.getSnapshot().flow).toMatchObject({ kind: "setup", purpose: "set_up", step: "choose" });
        setUp.dispose();

        // Nothing to enter a key for: the status (with its "Set up recovery") stays.
        const enterKey = await openedAt(a, "enter_key", "not_set_up");
        expect(enterKey.getSnapshot().flow).toEqual({ kind: "none" });
        enterKey.dispose();
    }, 60_000);

    it("enter_key on a new device opens the key entry; reset only explains; on a healthy device nothing starts", async () => {
        const a = await bed.newClient();
        await setUpWithModule(a);
        const b = await bed.newDevice(a);

        const enterKey = await openedAt(b, "enter_key", "out_of_sync");
        expect(enterKey.getSnapshot().flow).toMatchObject({ kind: "enter_key", step: "input", problem: null });
        enterKey.dispose();

        const reset = await openedAt(b, "reset", "out_of_sync");
        expect(reset.getSnapshot().flow).toEqual({ kind: "confirm_reset", step: "confirm", problem: null });
        // The reset itself waits for the user's confirmation: no auth asked, the identity unchanged.
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(reset.getSnapshot().auth).toBeNull();
        expect(reset.getSnapshot().flow).toMatchObject({ kind: "confirm_reset", step: "confirm" });
        expect(reset.getSnapshot().state).toBe("out_of_sync");
        reset.dispose();

        const healthy = await openedAt(a, "enter_key", "healthy");
        expect(healthy.getSnapshot().flow).toEqual({ kind: "none" });
        healthy.dispose();
    }, 90_000);
});
