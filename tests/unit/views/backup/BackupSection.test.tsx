/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TooltipProvider } from "@vector-im/compound-web";

import { createTranslator } from "../../../../src/i18n";
import type { BackupFlow, BackupSnapshot, RecoveryState } from "../../../../src/viewmodels/BackupViewModel";
import { BackupSection } from "../../../../src/views/backup/BackupSection";
import { TranslateContext } from "../../../../src/views/i18n";
import { StubBackupViewModel } from "./stubViewModel";

const KEY = "EsTc LW2K PGiF wKEA 3As5 g5c4 BXwk qeeJ ZJV8 Q9fu gUMN UE4d";

function renderSection(state: RecoveryState, overrides: Partial<BackupSnapshot> = {}, language = "en") {
    const vm = new StubBackupViewModel(state, overrides);
    const result = render(
        <TranslateContext.Provider value={createTranslator(language)}>
            <TooltipProvider>
                <BackupSection vm={vm} />
            </TooltipProvider>
        </TranslateContext.Provider>,
    );
    return { vm, ...result };
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

describe("BackupSection: every state", () => {
    it("checking: a status, no actions", () => {
        renderSection("checking");
        expect(screen.getByRole("status")).toHaveTextContent("Checking your recovery…");
        expect(screen.queryByRole("button")).not.toBeInTheDocument();
    });

    it("error: the reason in plain words and Try again", async () => {
        const { vm } = renderSection("error", { failure: { kind: "unreachable", detail: "fetch failed" } });
        expect(screen.getByText("Couldn't check your recovery")).toBeInTheDocument();
        expect(screen.getByText(/Can't reach your homeserver/)).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Try again" }));
        expect(vm.retry).toHaveBeenCalled();
    });

    it("details: the server's key count is asked for when the details open, 'Unknown' until it comes", async () => {
        const { vm } = renderSection("healthy");
        const facts = vm.getSnapshot().facts!;
        act(() => vm.set({ facts: { ...facts, backup: { ...facts.backup!, countIsFresh: false } } }));
        expect(vm.loadDetails).not.toHaveBeenCalled();
        await userEvent.click(screen.getByText("Details"));
        await waitFor(() => expect(vm.loadDetails).toHaveBeenCalledTimes(1));
        expect(screen.getByText("Keys stored on the server").nextSibling).toHaveTextContent("Unknown");
        act(() => vm.set({ facts }));
        expect(screen.getByText("Keys stored on the server").nextSibling).toHaveTextContent("42");
    });

    it("healthy: reassures, offers change key / turn off, and the details behind it", async () => {
        const { vm } = renderSection("healthy");
        expect(screen.getByText("Your messages are backed up")).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Change recovery key" }));
        expect(vm.startSetup).toHaveBeenCalledWith("change");
        await userEvent.click(screen.getByRole("button", { name: "Turn off key storage" }));
        expect(vm.askTurnOffKeyStorage).toHaveBeenCalled();

        await userEvent.click(screen.getByText("Details"));
        expect(screen.getByText("Backup version").nextSibling).toHaveTextContent("7");
        expect(screen.getByText("Keys stored on the server").nextSibling).toHaveTextContent("42");
        expect(screen.getByText("Keys waiting to upload from this device").nextSibling).toHaveTextContent("3");
        expect(screen.getByText("Recovery method").nextSibling).toHaveTextContent("Passphrase");
        const table = screen.getByRole("table", { name: "Where your keys are" });
        const master = within(table).getByRole("row", { name: /Master key/ });
        expect(
            within(master)
                .getAllByRole("cell")
                .map((c) => c.textContent),
        ).toEqual(["Yes", "Yes", "Yes"]);
    });

    it("not_set_up: one primary action, and Element's earlier 'no' is mentioned", async () => {
        const facts = { ...new StubBackupViewModel("healthy").getSnapshot().facts!, recoveryDeclinedByUser: true };
        const { vm } = renderSection("not_set_up", { facts });
        expect(screen.getByText("Recovery is not set up")).toBeInTheDocument();
        expect(screen.getByText(/You chose not to set up recovery earlier/)).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Set up recovery" }));
        expect(vm.startSetup).toHaveBeenCalledWith("set_up");
    });

    it.each([
        ["out_of_sync", "This device can't read your backup yet"],
        ["backup_key_missing_from_storage", "Your recovery is incomplete"],
    ] as const)("%s: enter the recovery key, or 'forgot it' leads to reset", async (state, title) => {
        const { vm } = renderSection(state);
        expect(screen.getByText(title)).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Enter recovery key" }));
        expect(vm.startEnterKey).toHaveBeenCalled();
        await userEvent.click(screen.getByRole("button", { name: "Forgot your recovery key?" }));
        expect(vm.startReset).toHaveBeenCalled();
    });

    it("out_of_sync on a session that another one could verify: 'Verify with another device' beside the key", async () => {
        const { vm } = renderSection("out_of_sync", { canVerifyWithOtherSession: true });
        const buttons = screen.getAllByRole("button").map((button) => button.textContent);
        // The key stays first; the other way is next to it, before "forgot".
        expect(buttons.indexOf("Verify with another device")).toBe(buttons.indexOf("Enter recovery key") + 1);
        await userEvent.click(screen.getByRole("button", { name: "Verify with another device" }));
        expect(vm.verifyWithOtherSession).toHaveBeenCalled();
    });

    it.each(["not_set_up", "backup_key_missing_from_storage", "key_storage_off", "backup_untrusted"] as const)(
        "%s on a session not verified yet: 'Verify with another device' right after the main action",
        (state) => {
            renderSection(state, { canVerifyWithOtherSession: true });
            const buttons = screen.getAllByRole("button").map((button) => button.textContent);
            expect(buttons.indexOf("Verify with another device")).toBe(1);
        },
    );

    it("identity_needs_reset on a session another one could verify: verifying comes before the reset", () => {
        renderSection("identity_needs_reset", { canVerifyWithOtherSession: true });
        const buttons = screen.getAllByRole("button").map((button) => button.textContent);
        expect(buttons.indexOf("Verify with another device")).toBe(0);
    });

    it("no 'Verify with another device' when no other session could answer", () => {
        renderSection("out_of_sync", { canVerifyWithOtherSession: false });
        expect(screen.queryByRole("button", { name: "Verify with another device" })).not.toBeInTheDocument();
    });

    it("key_storage_off: turn it on", async () => {
        const { vm } = renderSection("key_storage_off");
        expect(screen.getByText("Key storage is off")).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Turn on key storage" }));
        expect(vm.turnOnKeyStorage).toHaveBeenCalled();
    });

    it("backup_untrusted: start a new backup", async () => {
        const { vm } = renderSection("backup_untrusted");
        expect(screen.getByText("Your backup can't be used")).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Start a new backup" }));
        expect(vm.startSetup).toHaveBeenCalledWith("new_backup");
    });

    it("identity_needs_reset: only reset, and it says another device could verify instead", async () => {
        const { vm } = renderSection("identity_needs_reset");
        expect(screen.getByText(/If another of your devices is still signed in/)).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Reset encryption" }));
        expect(vm.startReset).toHaveBeenCalled();
    });

    it("in German too", () => {
        renderSection("out_of_sync", {}, "de");
        expect(screen.getByRole("button", { name: "Wiederherstellungsschlüssel eingeben" })).toBeInTheDocument();
    });
});

describe("BackupSection: set-up flow by keyboard", () => {
    it("choose → generate with Enter on the focused button", async () => {
        const { vm } = renderSection("not_set_up", { flow: setup() });
        expect(screen.getByRole("heading", { name: "Set up recovery" })).toHaveFocus();
        await userEvent.tab();
        expect(screen.getByRole("button", { name: "Generate a recovery key" })).toHaveFocus();
        await userEvent.keyboard("{Enter}");
        expect(vm.generateKey).toHaveBeenCalledWith();
    });

    it("a short passphrase is refused in place; a long one is handed on and leaves the field", async () => {
        const { vm } = renderSection("not_set_up", { flow: setup() });
        const field = screen.getByLabelText("Or use a passphrase you'll remember");
        await userEvent.type(field, "short{Enter}");
        expect(screen.getByText("Use at least 10 characters.")).toBeInTheDocument();
        expect(vm.generateKey).not.toHaveBeenCalled();
        await userEvent.clear(field);
        await userEvent.type(field, "correct horse battery{Enter}");
        expect(vm.generateKey).toHaveBeenCalledWith("correct horse battery");
        expect(field).toHaveValue("");
    });

    it("a weak passphrase like 'aaaaaaaaaa' is refused with the reason and why it matters; a strong one passes", async () => {
        const { vm } = renderSection("not_set_up", { flow: setup(), passphraseMinScore: 4 });
        expect(
            screen.getByText(
                /Anyone who can read your account's data on the server could try to guess your passphrase/,
            ),
        ).toBeInTheDocument();
        const field = screen.getByLabelText("Or use a passphrase you'll remember");
        await userEvent.type(field, "aaaaaaaaaa");
        await userEvent.click(screen.getByRole("button", { name: "Use this passphrase" }));
        expect(await screen.findByRole("alert")).toHaveTextContent(
            'Too easy to guess: strength 0 of 4, and this server asks for at least 4. Repeated characters like "aaa" are easy to guess.',
        );
        expect(field).toHaveAttribute("aria-invalid", "true");
        expect(field).toHaveValue("aaaaaaaaaa"); // left to be changed, not cleared
        expect(vm.generateKey).not.toHaveBeenCalled();

        await userEvent.clear(field);
        await userEvent.type(field, "password123456");
        // The estimate follows the typing: a common password is named as such before any click.
        expect(
            await screen.findByText(/This is (a commonly used password|close to a commonly used password)/),
        ).toBeInTheDocument();
        await userEvent.type(field, "{Enter}");
        expect(vm.generateKey).not.toHaveBeenCalled();

        await userEvent.clear(field);
        await userEvent.type(field, "violet staircase humming anchor");
        expect(await screen.findByText("Strong enough (strength 4 of 4).")).toBeInTheDocument();
        await userEvent.type(field, "{Enter}");
        await waitFor(() => expect(vm.generateKey).toHaveBeenCalledWith("violet staircase humming anchor"));
        expect(field).toHaveValue("");
    });

    it("the deployer's minimum decides: a middling passphrase passes at score 1 and is refused at 4 (in German too)", async () => {
        const low = renderSection("not_set_up", { flow: setup(), passphraseMinScore: 1 });
        await userEvent.type(screen.getByLabelText("Or use a passphrase you'll remember"), "summer2024!{Enter}");
        await waitFor(() => expect(low.vm.generateKey).toHaveBeenCalledWith("summer2024!"));
        low.unmount();

        const high = renderSection("not_set_up", { flow: setup(), passphraseMinScore: 4 }, "de");
        await userEvent.type(
            screen.getByLabelText("Oder eine Passphrase, die du dir merken kannst"),
            "summer2024!{Enter}",
        );
        expect(await screen.findByRole("alert")).toHaveTextContent(
            "Zu leicht zu erraten: Stärke 2 von 4, dieser Server verlangt mindestens 4.",
        );
        expect(high.vm.generateKey).not.toHaveBeenCalled();
    });

    it("no passphrase option when the deployer turned it off", () => {
        renderSection("not_set_up", { flow: setup(), allowPassphrase: false });
        expect(screen.queryByLabelText("Or use a passphrase you'll remember")).not.toBeInTheDocument();
    });

    it("show key: copy, download, I've saved it", async () => {
        const user = userEvent.setup();
        const writeText = jest.spyOn(navigator.clipboard, "writeText");
        const createObjectURL = jest.fn(() => "blob:key");
        Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
        const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
        const { vm } = renderSection("not_set_up", { flow: setup({ step: "show_key", recoveryKey: KEY }) });
        expect(screen.getByTestId("recovery-key")).toHaveTextContent(KEY);

        await user.click(screen.getByRole("button", { name: "Copy" }));
        expect(writeText).toHaveBeenCalledWith(KEY);
        expect(await screen.findByRole("button", { name: "Copied" })).toBeInTheDocument();
        await user.click(screen.getByRole("button", { name: "Download as a file" }));
        expect(createObjectURL).toHaveBeenCalled();
        expect(click).toHaveBeenCalled();
        await user.click(screen.getByRole("button", { name: "I've saved it" }));
        expect(vm.keySaved).toHaveBeenCalled();
    });

    it("type it back: focus in the field, Enter submits, a mismatch says so; the key is gone from the DOM", async () => {
        const { vm } = renderSection("not_set_up", { flow: setup({ step: "confirm_key", recoveryKey: KEY }) });
        expect(screen.queryByText(KEY)).not.toBeInTheDocument();
        const field = screen.getByLabelText("Recovery key");
        expect(field).toHaveFocus();
        await userEvent.type(field, "EsTc LW2K{Enter}");
        expect(vm.confirmKey).toHaveBeenCalledWith("EsTc LW2K");
        expect(field).toHaveValue("");

        act(() => vm.setFlow(setup({ step: "confirm_key", recoveryKey: KEY, mismatch: true })));
        expect(screen.getByText(/doesn't match your new recovery key/)).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Show the key again" }));
        expect(vm.showKeyAgain).toHaveBeenCalled();
    });

    it("saving: a status", () => {
        renderSection("not_set_up", { flow: setup({ step: "saving" }) });
        expect(screen.getByRole("status")).toHaveTextContent("Saving your recovery…");
    });
});

describe("BackupSection: enter-key flow by keyboard", () => {
    it("focus in the field, Enter submits, the key leaves the field", async () => {
        const { vm } = renderSection("out_of_sync", { flow: enterKey() });
        const field = screen.getByLabelText("Recovery key or passphrase");
        expect(field).toHaveFocus();
        await userEvent.type(field, `${KEY}{Enter}`);
        expect(vm.submitRecoveryKey).toHaveBeenCalledWith(KEY);
        expect(field).toHaveValue("");
    });

    it("a wrong key says nothing was changed", () => {
        renderSection("out_of_sync", { flow: enterKey({ problem: { kind: "wrong_key" } }) });
        expect(screen.getByText(/not right. Nothing was changed/)).toBeInTheDocument();
    });

    it("unusable passphrase settings are explained in plain words, pointing to the recovery key", () => {
        renderSection("out_of_sync", { flow: enterKey({ problem: { kind: "passphrase_unusable" } }) });
        expect(screen.getByText(/Your recovery passphrase can't be checked/)).toHaveTextContent(
            "Nothing was changed. Enter your recovery key instead.",
        );
    });

    it("restoring shows n of total with a progress bar", () => {
        renderSection("out_of_sync", { flow: enterKey({ step: "restoring", progress: { done: 30, total: 120 } }) });
        expect(screen.getByRole("status")).toHaveTextContent("Restored 30 of 120 keys");
        expect(screen.getByRole("progressbar")).toHaveAttribute("value", "30");
    });

    it("a failed restore explains and retries", async () => {
        const { vm } = renderSection("healthy", {
            flow: enterKey({
                step: "restore_failed",
                problem: { kind: "failure", failure: { kind: "unreachable", detail: "x" } },
            }),
        });
        expect(screen.getByText("Restoring your message keys stopped.")).toBeInTheDocument();
        expect(screen.getByText(/Can't reach your homeserver/)).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Try again" }));
        expect(vm.restore).toHaveBeenCalled();
    });

    it("restored: a summary", () => {
        renderSection("healthy", { flow: enterKey({ step: "restored", result: { total: 5, imported: 5 } }) });
        expect(screen.getByRole("status")).toHaveTextContent("Done: 5 of 5 keys restored. This device is verified.");
    });
});

describe("BackupSection: confirmations and auth", () => {
    it("turning key storage off says what is deleted", async () => {
        const { vm } = renderSection("healthy", { flow: { kind: "confirm_key_storage_off", problem: null } });
        expect(screen.getByText(/backup and your recovery key will be deleted/)).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Turn off and delete backup" }));
        expect(vm.confirmTurnOffKeyStorage).toHaveBeenCalled();
    });

    it("reset names what is lost and is a separate destructive action", async () => {
        const { vm } = renderSection("identity_needs_reset", {
            flow: { kind: "confirm_reset", step: "confirm", problem: null },
        });
        expect(screen.getByRole("heading", { name: "Reset your encryption?" })).toHaveFocus();
        expect(screen.getAllByRole("listitem")).toHaveLength(3);
        await userEvent.click(screen.getByRole("button", { name: "Reset encryption" }));
        expect(vm.confirmReset).toHaveBeenCalled();
    });

    it("the auth prompt asks for the password and hands it on", async () => {
        const { vm } = renderSection("identity_needs_reset", {
            flow: { kind: "confirm_reset", step: "resetting", problem: null },
            auth: { method: { kind: "password" }, failed: false },
        });
        expect(screen.getByText("To reset your encryption, confirm it's you.")).toBeInTheDocument();
        await userEvent.type(screen.getByLabelText("Your account password"), "hunter2{Enter}");
        expect(vm.submitAuth).toHaveBeenCalledWith({ kind: "password", password: "hunter2" });
    });
});
