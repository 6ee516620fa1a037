/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The guard for issue 12 item 6: Element's build-time module dialog renders module content inside its
// own <form>. Every step of every section is rendered here inside such a host form, and must not give
// that form a way to submit with our values: no <form> of ours (a nested form makes the browser submit
// the outer one natively, fields in the URL), every button type="button" (compound-web's Button sets
// no type, and a button without one submits), no `name` on any field, autocomplete off on secret fields,
// and Enter in a field reaches our handler with the browser's implicit submission cancelled.
import React from "react";
import { fireEvent, render, screen } from "@testing-library/react";
import { TooltipProvider } from "@vector-im/compound-web";

import { createTranslator } from "../../../../src/i18n";
import type { BackupFlow, BackupSnapshot, RecoveryState } from "../../../../src/viewmodels/BackupViewModel";
import type { EmailStep } from "../../../../src/viewmodels/EmailViewModel";
import { AuthStep } from "../../../../src/views/auth/AuthStep";
import { BackupSection } from "../../../../src/views/backup/BackupSection";
import { EmailSection } from "../../../../src/views/email/EmailSection";
import { TranslateContext } from "../../../../src/views/i18n";
import { NudgeView } from "../../../../src/views/nudges/NudgeView";
import { PanelProviders } from "../../../../src/views/panel/PanelProviders";
import { SessionsSection } from "../../../../src/views/sessions/SessionsSection";
import { StubBackupViewModel } from "../backup/stubViewModel";
import { StubEmailViewModel } from "../email/stubViewModel";
import { StubNudgeViewModel, StubSessionsViewModel } from "../sessions/stubs";

const KEY = "EsTc LW2K PGiF wKEA 3As5 g5c4 BXwk qeeJ ZJV8 Q9fu gUMN UE4d";

/** Renders `ui` the way Element's module dialog does: inside a host <form> (with a submit handler that records). */
function renderInHostForm(ui: React.ReactElement) {
    const hostSubmits: string[] = [];
    const result = render(
        <TranslateContext.Provider value={createTranslator("en")}>
            <TooltipProvider>
                <form
                    data-testid="host-form"
                    onSubmit={(event) => {
                        event.preventDefault();
                        hostSubmits.push("submit");
                    }}
                >
                    {ui}
                    <button type="submit">Host OK</button>
                </form>
            </TooltipProvider>
        </TranslateContext.Provider>,
    );
    return { ...result, hostSubmits };
}

/** What a host <form> around us must never find: the problems, as readable strings (empty = safe). */
function hostFormProblems(host: HTMLElement): string[] {
    const problems: string[] = [];
    for (const form of host.querySelectorAll("form")) problems.push(`nested <form> ${form.outerHTML.slice(0, 80)}`);
    for (const button of host.querySelectorAll("button")) {
        if (button.textContent === "Host OK") continue;
        if (button.getAttribute("type") !== "button") {
            problems.push(
                `button "${button.textContent || button.getAttribute("aria-label")}" type=${button.getAttribute("type")}`,
            );
        }
    }
    for (const field of host.querySelectorAll("input, textarea, select")) {
        if (field.hasAttribute("name")) problems.push(`field named "${field.getAttribute("name")}"`);
        if (field.getAttribute("type") === "password" && field.getAttribute("autocomplete") === null) {
            problems.push(`password field without autocomplete`);
        }
    }
    return problems;
}

const setup = (extra: Partial<Extract<BackupFlow, { kind: "setup" }>> = {}): BackupFlow => ({
    kind: "setup",
    purpose: "set_up",
    step: "choose",
    recoveryKey: null,
    withPassphrase: false,
    mismatch: false,
    problem: null,
    ...extra,
});
const enterKey = (extra: Partial<Extract<BackupFlow, { kind: "enter_key" }>> = {}): BackupFlow => ({
    kind: "enter_key",
    step: "input",
    progress: null,
    result: null,
    problem: null,
    ...extra,
});

const BACKUP_CASES: [string, RecoveryState, Partial<BackupSnapshot>][] = [
    ["status: not set up", "not_set_up", {}],
    ["status: healthy", "healthy", {}],
    ["status: out of sync", "out_of_sync", {}],
    ["set-up: choose, with a passphrase", "not_set_up", { flow: setup() }],
    ["set-up: show the key", "not_set_up", { flow: setup({ step: "show_key", recoveryKey: KEY }) }],
    ["set-up: type it back, after a mismatch", "not_set_up", { flow: setup({ step: "confirm_key", mismatch: true }) }],
    ["change key: choose", "healthy", { flow: setup({ purpose: "change" }) }],
    ["enter key", "out_of_sync", { flow: enterKey() }],
    ["enter key: wrong key", "out_of_sync", { flow: enterKey({ problem: { kind: "wrong_key" } }) }],
    ["key storage off", "healthy", { flow: { kind: "confirm_key_storage_off", problem: null } }],
    ["reset", "healthy", { flow: { kind: "confirm_reset", step: "confirm", problem: null } }],
    ["password prompt", "healthy", { auth: { method: { kind: "password" }, failed: true } }],
];

const waiting: EmailStep = {
    kind: "waiting_for_click",
    address: "new@example.org",
    notClickedYet: true,
    resent: false,
    resending: false,
    problem: null,
};
const EMAIL_CASES: [string, EmailStep][] = [
    ["list", { kind: "ready" }],
    ["add: enter the address", { kind: "entering", draft: "new@example.org", problem: { kind: "invalid" } }],
    ["add: waiting for the click", waiting],
    ["add: password prompt", { kind: "auth", address: "new@example.org", method: { kind: "password" }, failed: true }],
    ["remove: confirm", { kind: "confirm_remove", address: "alice@example.org", isLast: false }],
    ["error", { kind: "error", problem: { kind: "unreachable" }, canRetry: true }],
];

describe("inside a host <form> (Element's module dialog)", () => {
    it.each(BACKUP_CASES)("Secure Backup, %s: nothing can submit the host form", (_name, state, overrides) => {
        const vm = new StubBackupViewModel(state, overrides);
        renderInHostForm(<BackupSection vm={vm} />);
        expect(hostFormProblems(screen.getByTestId("host-form"))).toEqual([]);
    });

    it.each(EMAIL_CASES)("Email, %s: nothing can submit the host form", (_name, step) => {
        const vm = new StubEmailViewModel(step);
        renderInHostForm(<EmailSection vm={vm} />);
        expect(hostFormProblems(screen.getByTestId("host-form"))).toEqual([]);
    });

    it("Sessions and a reminder: nothing can submit the host form", () => {
        renderInHostForm(
            <>
                <SessionsSection
                    vm={
                        new StubSessionsViewModel({
                            thisSession: { deviceId: "THISDEV", name: "Work laptop", trust: "unverified" },
                        })
                    }
                />
                <NudgeView
                    vm={
                        new StubNudgeViewModel({
                            state: "nudge",
                            nudge: { kind: "set_up_recovery", canDismissForever: true },
                        })
                    }
                />
            </>,
        );
        expect(hostFormProblems(screen.getByTestId("host-form"))).toEqual([]);
    });

    it("in the real panel providers, compound-web's untyped Alert close button cannot submit the host form either", () => {
        // Our views type every button (eslint); compound-web's Alert renders its "Close" X without a
        // type. PanelProviders' guard types it and cancels any submission of a form that owns a button.
        const hostSubmits: string[] = [];
        const vm = new StubEmailViewModel(
            { kind: "ready" },
            { notice: { kind: "removed", address: "old@example.org" } },
        );
        render(
            <form
                data-testid="host-form"
                onSubmit={(event) => {
                    event.preventDefault();
                    hostSubmits.push("submit");
                }}
            >
                <PanelProviders t={createTranslator("en")}>
                    <EmailSection vm={vm} />
                </PanelProviders>
            </form>,
        );
        expect(hostFormProblems(screen.getByTestId("host-form"))).toEqual([]);
        fireEvent.click(screen.getByRole("button", { name: "Close" }));
        expect(vm.dismissNotice).toHaveBeenCalled();
        expect(hostSubmits).toEqual([]);
    });

    it("the guard cancels a host submit from any submit button inside the panel (belt and braces)", () => {
        const hostSubmits: string[] = [];
        render(
            <form
                data-testid="host-form"
                onSubmit={(event) => {
                    event.preventDefault();
                    hostSubmits.push("submit");
                }}
            >
                <PanelProviders t={createTranslator("en")}>
                    <button type="submit">Sneaky</button>
                    <label>
                        Field
                        <input type="text" />
                    </label>
                </PanelProviders>
            </form>,
        );
        fireEvent.click(screen.getByRole("button", { name: "Sneaky" }));
        expect(fireEvent.keyDown(screen.getByLabelText("Field"), { key: "Enter" })).toBe(false);
        expect(hostSubmits).toEqual([]);
    });

    it("Enter in the password field confirms through the module and cancels the host form's implicit submit", () => {
        const onSubmitPassword = jest.fn();
        const { hostSubmits } = renderInHostForm(
            <AuthStep
                method={{ kind: "password" }}
                failed={false}
                onSubmitPassword={onSubmitPassword}
                onSsoDone={jest.fn()}
                onCancel={jest.fn()}
            />,
        );
        const field = screen.getByLabelText("Your account password");
        fireEvent.change(field, { target: { value: "my password" } });
        // fireEvent returns false when a handler cancelled the event, i.e. the browser will not submit.
        expect(fireEvent.keyDown(field, { key: "Enter" })).toBe(false);
        expect(onSubmitPassword).toHaveBeenCalledWith("my password");
        expect(hostSubmits).toEqual([]);
        expect(field).toHaveValue("");
    });

    it("the recovery key field has no name and no autocomplete, so neither a host form nor the browser keeps it", () => {
        const vm = new StubBackupViewModel("out_of_sync", { flow: enterKey() });
        renderInHostForm(<BackupSection vm={vm} />);
        const field = screen.getByLabelText("Recovery key or passphrase");
        expect(field).not.toHaveAttribute("name");
        expect(field).toHaveAttribute("autocomplete", "off");
        fireEvent.change(field, { target: { value: KEY } });
        expect(fireEvent.keyDown(field, { key: "Enter" })).toBe(false);
        expect(vm.submitRecoveryKey).toHaveBeenCalledWith(KEY);
    });
});
