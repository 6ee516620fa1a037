/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// A bug is not a network problem, and a typed key is never thrown away by an error that is not about
// the key. In real Element 1.12.x a missing client method (TypeError) showed "Can't reach your
// homeserver" and cleared the 48-character key the user had just typed.

import React from "react";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TooltipProvider } from "@vector-im/compound-web";

import { createTranslator } from "../../../../src/i18n";
import { describeFailure } from "../../../../src/matrix/errors";
import type { ActionProblem, BackupFlow } from "../../../../src/viewmodels/BackupViewModel";
import { BackupSection } from "../../../../src/views/backup/BackupSection";
import { TranslateContext } from "../../../../src/views/i18n";
import { StubBackupViewModel } from "./stubViewModel";

const KEY = "EsTc LW2K PGiF wKEA 3As5 g5c4 BXwk qeeJ ZJV8 Q9fu gUMN UE4d";

const enterKey = (extra: Partial<Extract<BackupFlow, { kind: "enter_key" }>> = {}): BackupFlow => ({
    kind: "enter_key",
    step: "input",
    progress: null,
    result: null,
    problem: null,
    ...extra,
});

function renderSection(flow: BackupFlow, language = "en") {
    const vm = new StubBackupViewModel("out_of_sync", { flow });
    render(
        <TranslateContext.Provider value={createTranslator(language)}>
            <TooltipProvider>
                <BackupSection vm={vm} />
            </TooltipProvider>
        </TranslateContext.Provider>,
    );
    return vm;
}

/** What a missing client method really gives: describeFailure of the TypeError. */
function missingMethodProblem(): ActionProblem {
    const error = new TypeError("crypto.getUserCrossSigningKeys is not a function");
    const spy = jest.spyOn(console, "error").mockImplementation(() => {});
    const failure = describeFailure(error);
    spy.mockRestore();
    return { kind: "failure", failure };
}

/** Types the key, submits it, and lets the stub answer the way the real view-model does. */
async function submitAndFail(vm: StubBackupViewModel, problem: ActionProblem): Promise<HTMLElement> {
    await userEvent.type(screen.getByLabelText("Recovery key or passphrase"), `${KEY}{Enter}`);
    expect(vm.submitRecoveryKey).toHaveBeenCalledWith(KEY);
    act(() => vm.setFlow(enterKey({ step: "unlocking" })));
    expect(screen.queryByLabelText("Recovery key or passphrase")).not.toBeInTheDocument(); // not in the DOM
    act(() => vm.setFlow(enterKey({ problem })));
    return screen.getByLabelText("Recovery key or passphrase");
}

describe("Enter recovery key: a bug is not a network problem", () => {
    it("a missing client method says 'Something went wrong in Account security' with its code, not 'Can't reach'", () => {
        const problem = missingMethodProblem();
        const code = problem.kind === "failure" ? problem.failure.code : undefined;
        expect(code).toMatch(/^TE-[0-9a-z]{4}$/);
        renderSection(enterKey({ problem }));
        expect(
            screen.getByText(`Something went wrong in Account security (code ${code})`, { exact: false }),
        ).toBeInTheDocument();
        expect(screen.queryByText(/Can't reach your homeserver/)).not.toBeInTheDocument();
    });

    it("in German too", () => {
        const problem = missingMethodProblem();
        renderSection(enterKey({ problem }), "de");
        expect(screen.getByText(/In der Kontosicherheit ist etwas schiefgelaufen \(Code TE-/)).toBeInTheDocument();
    });

    it("a real network failure still says 'Can't reach your homeserver'", () => {
        const failure = describeFailure(new TypeError("fetch failed"));
        renderSection(enterKey({ problem: { kind: "failure", failure } }));
        expect(screen.getByText(/Can't reach your homeserver/)).toBeInTheDocument();
    });
});

describe("Enter recovery key: the typed key survives errors that are not about it", () => {
    it.each<[string, () => ActionProblem]>([
        ["a bug (missing client method)", missingMethodProblem],
        ["no connection", () => ({ kind: "failure", failure: describeFailure(new TypeError("fetch failed")) })],
        ["secret storage lacks the keys", () => ({ kind: "secrets_missing" })],
    ])("%s: the key is back in the field, and submitting again sends it", async (_name, problem) => {
        const vm = renderSection(enterKey());
        const field = await submitAndFail(vm, problem());
        expect(field).toHaveValue(KEY);
        await userEvent.click(screen.getByRole("button", { name: "Continue" }));
        expect(vm.submitRecoveryKey).toHaveBeenCalledTimes(2);
        expect(vm.submitRecoveryKey).toHaveBeenLastCalledWith(KEY);
    });

    it.each<[string, ActionProblem]>([
        ["a wrong key", { kind: "wrong_key" }],
        ["not a key at all", { kind: "not_a_key" }],
    ])("%s: the field is empty (that key is no use)", async (_name, problem) => {
        const vm = renderSection(enterKey());
        const field = await submitAndFail(vm, problem);
        expect(field).toHaveValue("");
    });

    it("after a wrong key, an unrelated error does not bring the wrong key back", async () => {
        const vm = renderSection(enterKey());
        await submitAndFail(vm, { kind: "wrong_key" });
        act(() => vm.setFlow(enterKey({ problem: missingMethodProblem() })));
        expect(screen.getByLabelText("Recovery key or passphrase")).toHaveValue("");
    });
});
