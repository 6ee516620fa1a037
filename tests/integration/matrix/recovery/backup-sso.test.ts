/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Reset on an SSO-only account: the user confirms through the homeserver's fallback page BEFORE the
// backup and secret storage are deleted (the confirmation is asked for first, the SDK's reset then
// reuses the completed session). Synapse's CAS support is pointed at a tiny CAS server in this process
// (tests/support/fakeCas.ts).

import { DEFAULT_CONFIG } from "../../../../src/config";
import { createRecoveryKey, readRecoveryFacts, setUpRecovery } from "../../../../src/matrix/recovery";
import { BackupViewModel } from "../../../../src/viewmodels/BackupViewModel";
import { completeSsoInPopup, linkToCas, ssoOnlyConfig, startFakeCas } from "../../../support/fakeCas";
import { setupSynapse } from "../../../support/testbed";
import { waitFor } from "../../../support/verification";

const cas = startFakeCas();
const bed = setupSynapse({ email: false, extraConfig: ssoOnlyConfig(cas) });

describe("Secure Backup reset on an SSO-only account", () => {
    it("asks for SSO before deleting anything; cancel keeps the backup, completing it resets once", async () => {
        const tc = await bed.newClient();
        await linkToCas(bed, cas, tc);
        // First set-up: the first cross-signing upload needs no auth.
        await setUpRecovery(tc.client, await createRecoveryKey(tc.client), async () => null);
        const before = await readRecoveryFacts(tc.client, { fresh: true, keysWaitingToUpload: null });
        expect(before.backup).not.toBeNull();

        const vm = new BackupViewModel(tc.client, DEFAULT_CONFIG);
        await waitFor(() => vm.getSnapshot().state === "healthy" || null, { what: "healthy", timeoutMs: 10_000 });

        // Cancel in the SSO step: nothing was deleted.
        vm.startReset();
        const cancelled = vm.confirmReset();
        await waitFor(() => vm.getSnapshot().auth || null, { what: "SSO step", timeoutMs: 10_000 });
        expect(vm.getSnapshot().auth?.method.kind).toBe("sso");
        vm.submitAuth(null);
        await cancelled;
        const kept = await readRecoveryFacts(tc.client, { fresh: true, keysWaitingToUpload: null });
        expect(kept.backup?.version).toBe(before.backup?.version);
        expect(kept.recovery?.keyId).toBe(before.recovery?.keyId);

        // Now for real: SSO in the "popup", then the reset goes through without asking again.
        vm.startReset();
        const resetting = vm.confirmReset();
        await waitFor(() => vm.getSnapshot().auth || null, { what: "SSO step", timeoutMs: 10_000 });
        const method = vm.getSnapshot().auth?.method;
        if (method?.kind !== "sso") throw new Error("expected SSO");
        expect(await completeSsoInPopup(method.fallbackUrl)).toContain("authDone");
        vm.submitAuth({ kind: "sso_done" });
        await resetting;
        expect(vm.getSnapshot().auth).toBeNull();
        expect(vm.getSnapshot().flow).toMatchObject({ kind: "setup", purpose: "after_reset" });
        const after = await readRecoveryFacts(tc.client, { fresh: true, keysWaitingToUpload: null });
        expect(after.backup?.version).not.toBe(before.backup?.version);
        expect(after.recovery).toBeNull();
        vm.dispose();
    }, 60_000);
});
