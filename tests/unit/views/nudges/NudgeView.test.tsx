/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { createTranslator } from "../../../../src/i18n";
import type { NudgeSnapshot } from "../../../../src/viewmodels/NudgeViewModel";
import { TranslateContext } from "../../../../src/views/i18n";
import { NudgeView } from "../../../../src/views/nudges/NudgeView";
import { StubNudgeViewModel } from "../sessions/stubs";

function renderNudge(overrides: Partial<NudgeSnapshot>, language = "en") {
    const vm = new StubNudgeViewModel(overrides);
    const { container } = render(
        <TranslateContext.Provider value={createTranslator(language)}>
            <NudgeView vm={vm} />
        </TranslateContext.Provider>,
    );
    return { vm, container };
}

const region = () => screen.getByRole("region", { name: "Account security reminder" });

describe("NudgeView", () => {
    it("renders nothing when there is nothing to say", () => {
        const { container } = renderNudge({ state: "hidden" });
        expect(container).toBeEmptyDOMElement();
    });

    it("verify this session: title, why, Verify and Later, never 'Don't remind me'", async () => {
        const { vm } = renderNudge({
            state: "nudge",
            nudge: { kind: "verify_this_session", canDismissForever: false },
        });
        expect(screen.getByRole("status")).toHaveTextContent(
            "Verify this sessionConfirm it's you with another session or your recovery key",
        );
        expect(screen.queryByRole("button", { name: "Don't remind me" })).not.toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Verify" }));
        await userEvent.click(screen.getByRole("button", { name: "Later" }));
        expect(vm.act).toHaveBeenCalled();
        expect(vm.later).toHaveBeenCalled();
    });

    it("set up recovery: offers Set up, Later and Don't remind me", async () => {
        const { vm } = renderNudge({ state: "nudge", nudge: { kind: "set_up_recovery", canDismissForever: true } });
        expect(region()).toHaveTextContent("Set up recovery");
        expect(region()).toHaveTextContent("a recovery key is the only way back");
        await userEvent.click(screen.getByRole("button", { name: "Set up" }));
        await userEvent.click(screen.getByRole("button", { name: "Don't remind me" }));
        expect(vm.act).toHaveBeenCalled();
        expect(vm.dismissForever).toHaveBeenCalled();
    });

    it("backup out of sync: asks for the recovery key", () => {
        renderNudge({ state: "nudge", nudge: { kind: "backup_out_of_sync", canDismissForever: false } });
        expect(region()).toHaveTextContent("This session is out of sync with your backup");
        expect(screen.getByRole("button", { name: "Enter recovery key" })).toBeInTheDocument();
    });

    it("unverified sessions: names one session, or several with their count; unnamed ones by ID", () => {
        const { vm } = renderNudge({
            state: "nudge",
            nudge: {
                kind: "unverified_sessions",
                devices: [{ deviceId: "LIB", name: "Library computer" }],
                canDismissForever: true,
            },
        });
        expect(region()).toHaveTextContent("Unverified session: Library computer");
        expect(region()).toHaveTextContent("If it's yours, verify it.");
        act(() =>
            vm.set({
                nudge: {
                    kind: "unverified_sessions",
                    devices: [
                        { deviceId: "LIB", name: "Library computer" },
                        { deviceId: "XYZ", name: null },
                    ],
                    canDismissForever: true,
                },
            }),
        );
        expect(region()).toHaveTextContent("2 unverified sessions: Library computer, unnamed session XYZ");
        expect(region()).toHaveTextContent("If they're yours, verify them.");
        expect(screen.getByRole("button", { name: "Review sessions" })).toBeInTheDocument();
    });

    it("add email: explains why", () => {
        renderNudge({ state: "nudge", nudge: { kind: "add_email", canDismissForever: true } });
        expect(region()).toHaveTextContent("Add an email addressWithout one, you can't reset a forgotten password.");
        expect(screen.getByRole("button", { name: "Add email" })).toBeInTheDocument();
    });

    it("an incoming request names the asking session; Accept and Decline", async () => {
        const { vm } = renderNudge({ state: "request", requestDeviceId: "OLD", requestDeviceName: "Old laptop" });
        expect(region()).toHaveTextContent("Old laptop wants to verify with this session");
        await userEvent.click(screen.getByRole("button", { name: "Accept" }));
        await userEvent.click(screen.getByRole("button", { name: "Decline" }));
        expect(vm.acceptRequest).toHaveBeenCalled();
        expect(vm.declineRequest).toHaveBeenCalled();
    });

    it("a failed 'Later' says so in an alert, and buttons are disabled while saving", () => {
        renderNudge({
            state: "nudge",
            nudge: { kind: "set_up_recovery", canDismissForever: true },
            error: "unreachable",
            busy: true,
        });
        expect(screen.getByRole("alert")).toHaveTextContent(
            "That choice couldn't be saved: Can't reach your homeserver.",
        );
        expect(screen.getByRole("button", { name: "Later" })).toBeDisabled();
    });

    it("never takes focus and is reachable by Tab in reading order", async () => {
        renderNudge({ state: "nudge", nudge: { kind: "set_up_recovery", canDismissForever: true } });
        expect(document.body).toHaveFocus();
        await userEvent.tab();
        expect(screen.getByRole("button", { name: "Set up" })).toHaveFocus();
        await userEvent.tab();
        expect(screen.getByRole("button", { name: "Later" })).toHaveFocus();
        await userEvent.tab();
        expect(screen.getByRole("button", { name: "Don't remind me" })).toHaveFocus();
    });

    it("reads in German", () => {
        renderNudge({ state: "nudge", nudge: { kind: "set_up_recovery", canDismissForever: true } }, "de");
        expect(screen.getByRole("region", { name: "Erinnerung zur Kontosicherheit" })).toHaveTextContent(
            "Richte die Wiederherstellung ein",
        );
        expect(screen.getByRole("button", { name: "Später" })).toBeInTheDocument();
        expect(screen.getByRole("button", { name: "Nicht mehr erinnern" })).toBeInTheDocument();
    });
});
