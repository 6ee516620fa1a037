/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// A bug is not a network problem: when the host's client lacks a method the module calls (as matrix-js-sdk
// 38.3 / 40.2 in Element 1.12.x lacked getUserCrossSigningKeys), each section says "Something went wrong
// in Account security" with a code and logs the stack once, instead of "Can't reach your homeserver".
// Real Synapse, real clients, one method removed from each. Runs on every SDK project.

import { DEFAULT_CONFIG } from "../../../src/config";
import { createRecoveryKey, setUpRecovery } from "../../../src/matrix/recovery";
import type { AuthPrompt } from "../../../src/matrix/uia";
import { BackupViewModel } from "../../../src/viewmodels/BackupViewModel";
import { SessionsViewModel } from "../../../src/viewmodels/SessionsViewModel";
import type { TestClient } from "../../support/clients";
import { setupSynapse } from "../../support/testbed";
import { cryptoOf, waitFor } from "../../support/verification";
import { openEmailSection, waitForStep } from "../../support/emailFlow";

const bed = setupSynapse({ email: false });

/** Removes `name` from `target` as an older SDK would not have it (an own property shadows the prototype's). */
function removeMethod(target: object, name: string): void {
    (target as Record<string, unknown>)[name] = undefined;
}

let consoleError: jest.SpyInstance;
beforeEach(() => {
    consoleError = jest.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => consoleError.mockRestore());

/** The one console line of our bug report, which names the code and carries the stack. */
function bugReports(): string[] {
    return consoleError.mock.calls
        .map((args) => String(args[0]))
        .filter((line) => line.includes("Something went wrong in Account security"));
}

function passwordPrompt(tc: TestClient): AuthPrompt {
    return async (method) =>
        method.kind === "password" ? { kind: "password", password: tc.credentials.password } : null;
}

it("Secure Backup: entering the key on a client without bootstrapCrossSigning is a bug with a code, not 'unreachable'", async () => {
    const a = await bed.newClient();
    const key = await createRecoveryKey(a.client);
    const typed = key.encodedPrivateKey;
    await setUpRecovery(a.client, key, passwordPrompt(a));
    const b = await bed.newDevice(a, { deviceName: "B" });
    const vm = new BackupViewModel(b.client, DEFAULT_CONFIG);
    try {
        await waitFor(() => vm.getSnapshot().state === "out_of_sync" || null, {
            what: "out of sync",
            timeoutMs: 15_000,
        });
        removeMethod(cryptoOf(b), "bootstrapCrossSigning");

        vm.startEnterKey();
        await vm.submitRecoveryKey(typed);

        const flow = vm.getSnapshot().flow;
        expect(flow).toMatchObject({ kind: "enter_key", step: "input" });
        const problem = flow.kind === "enter_key" ? flow.problem : null;
        expect(problem).toMatchObject({
            kind: "failure",
            failure: { kind: "bug", code: expect.stringMatching(/^TE-/) },
        });
        const code = problem?.kind === "failure" ? problem.failure.code : undefined;
        const reports = bugReports();
        expect(reports).toHaveLength(1); // once, however many layers saw it
        expect(reports[0]).toContain(`(${code})`);
        expect(reports[0]).toContain("bootstrapCrossSigning is not a function");
        expect(reports[0]).toMatch(/\n\s+at /);
        // The recovery key the user typed is nowhere in the log.
        for (const group of typed.split(" ")) expect(reports[0]).not.toContain(group);
    } finally {
        vm.dispose();
    }
});

it("Sessions: a client without getUserDeviceInfo shows a bug with a code, not 'unreachable'", async () => {
    const a = await bed.newClient();
    removeMethod(cryptoOf(a), "getUserDeviceInfo");
    const vm = new SessionsViewModel(a.client, { openSection: () => undefined, incoming: null });
    try {
        await waitFor(() => vm.getSnapshot().state === "error" || null, { what: "the error", timeoutMs: 15_000 });
        expect(vm.getSnapshot()).toMatchObject({ error: "bug", errorCode: expect.stringMatching(/^TE-/) });
        expect(bugReports()).toHaveLength(1);
        expect(bugReports()[0]).toContain(vm.getSnapshot().errorCode!);
    } finally {
        vm.dispose();
    }
});

it("Email: a client without getThreePids shows a bug with a code, not 'unreachable'", async () => {
    const a = await bed.newClient({ crypto: false });
    removeMethod(a.client, "getThreePids");
    const vm = openEmailSection(a.client);
    try {
        const step = await waitForStep(vm, "error");
        expect(step.problem).toEqual({ kind: "bug", code: expect.stringMatching(/^TE-/) });
        expect(bugReports()).toHaveLength(1);
    } finally {
        vm.dispose();
    }
});
