/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TooltipProvider } from "@vector-im/compound-web";

import { createTranslator } from "../../../../src/i18n";
import type { SessionsSnapshot } from "../../../../src/viewmodels/SessionsViewModel";
import { TranslateContext } from "../../../../src/views/i18n";
import { SessionsSection } from "../../../../src/views/sessions/SessionsSection";
import { SEVEN, StubSessionsViewModel, StubVerificationViewModel } from "./stubs";

function renderSection(overrides: Partial<SessionsSnapshot> = {}, language = "en") {
    const vm = new StubSessionsViewModel(overrides);
    render(
        <TranslateContext.Provider value={createTranslator(language)}>
            <TooltipProvider>
                <SessionsSection vm={vm} />
            </TooltipProvider>
        </TranslateContext.Provider>,
    );
    return vm;
}

const DAY = Date.UTC(2026, 0, 3, 12);

beforeEach(() => {
    document.documentElement.lang = "en";
});

describe("SessionsSection", () => {
    it("loading: says so in a status", () => {
        renderSection({ state: "loading", thisSession: null });
        expect(screen.getByRole("status")).toHaveTextContent("Loading your sessions…");
    });

    it("error: a plain message and Try again", async () => {
        const vm = renderSection({ state: "error", error: "unreachable", thisSession: null });
        expect(screen.getByRole("alert")).toHaveTextContent("Can't reach your homeserver.");
        await userEvent.click(screen.getByRole("button", { name: "Try again" }));
        expect(vm.retry).toHaveBeenCalled();
    });

    it("a verified session: name, ID, status and why; other sessions with last activity and a Verify where needed", async () => {
        const vm = renderSection({
            otherSessions: [
                { deviceId: "PHONE", name: "Phone", lastSeenTs: DAY, trust: "verified" },
                { deviceId: "LIB", name: "Library computer", lastSeenTs: null, trust: "unverified" },
            ],
        });
        const mine = screen.getByRole("region", { name: "This session" });
        expect(mine).toHaveTextContent("Work laptop");
        expect(mine).toHaveTextContent("Session ID: THISDEV");
        expect(mine).toHaveTextContent("Verified");
        expect(mine).toHaveTextContent("Your identity vouches for this session");
        expect(within(mine).queryByRole("button")).not.toBeInTheDocument();

        const others = screen.getByRole("region", { name: "Your other sessions" });
        const items = within(others).getAllByRole("listitem");
        expect(items[0]).toHaveTextContent("Phone");
        expect(items[0]).toHaveTextContent("Last active Jan 3, 2026");
        expect(within(items[0]!).queryByRole("button")).not.toBeInTheDocument();
        expect(items[1]).toHaveTextContent("Not verified");
        expect(items[1]).toHaveTextContent("Last activity unknown");
        await userEvent.click(within(items[1]!).getByRole("button", { name: "Verify Library computer" }));
        expect(vm.verifyOtherSession).toHaveBeenCalledWith("LIB");
    });

    it("an unverified session offers the three ways out, with the reset explained", async () => {
        const vm = renderSection({
            thisSession: { deviceId: "NEW", name: null, trust: "unverified" },
            otherSessions: [{ deviceId: "OLD", name: "Old laptop", lastSeenTs: DAY, trust: "unknown" }],
        });
        const mine = screen.getByRole("region", { name: "This session" });
        expect(mine).toHaveTextContent("Unnamed session");
        expect(mine).toHaveTextContent("has not vouched for this session yet");
        expect(mine).toHaveTextContent("No other session and no recovery key?");
        await userEvent.click(screen.getByRole("button", { name: "Verify with another device" }));
        await userEvent.click(screen.getByRole("button", { name: "Use recovery key instead" }));
        await userEvent.click(screen.getByRole("button", { name: "I can't verify — reset" }));
        expect(vm.verifyThisSession).toHaveBeenCalled();
        expect(vm.useRecoveryKey).toHaveBeenCalled();
        expect(vm.reset).toHaveBeenCalled();
        // Until this session is verified it cannot judge the others, and says so.
        expect(screen.getByText(/Verify this session first/)).toBeInTheDocument();
        expect(screen.queryByRole("button", { name: /^Verify Old laptop/ })).not.toBeInTheDocument();
    });

    it("an unverified session with no other session to ask offers the recovery key, not a request nobody answers", async () => {
        const vm = renderSection({
            thisSession: { deviceId: "NEW", name: "Phone", trust: "unverified" },
            otherSessions: [{ deviceId: "BOT", name: "old script", lastSeenTs: null, trust: "no_encryption" }],
        });
        expect(
            screen.getByText("You have no other session to verify with: use your recovery key."),
        ).toBeInTheDocument();
        expect(screen.queryByRole("button", { name: "Verify with another device" })).not.toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Verify with recovery key" }));
        expect(vm.useRecoveryKey).toHaveBeenCalled();
        expect(screen.getByRole("button", { name: "I can't verify — reset" })).toBeInTheDocument();
    });

    it("an account without identity is sent to set up recovery", async () => {
        const vm = renderSection({ thisSession: { deviceId: "D", name: "Laptop", trust: "no_identity" } });
        expect(screen.getByText(/no identity that could vouch for sessions yet/)).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Set up recovery" }));
        expect(vm.setUpRecovery).toHaveBeenCalled();
    });

    it("an incoming request is offered by name with Accept and Decline", async () => {
        const vm = renderSection({ incoming: { deviceId: "OLD", name: "Old laptop" } });
        expect(screen.getByRole("alert")).toHaveTextContent("Old laptop wants to verify with this session");
        await userEvent.click(screen.getByRole("button", { name: "Accept" }));
        await userEvent.click(screen.getByRole("button", { name: "Decline" }));
        expect(vm.acceptIncoming).toHaveBeenCalled();
        expect(vm.declineIncoming).toHaveBeenCalled();
    });

    it("a failed start is explained", () => {
        renderSection({ startError: "timeout" });
        expect(screen.getByRole("alert")).toHaveTextContent(
            "Couldn't start the verification: Your homeserver is taking too long",
        );
    });

    it("a running verification replaces the lists; waiting for any session offers the recovery key", async () => {
        const verification = new StubVerificationViewModel({ step: "waiting", target: "this" });
        const vm = renderSection({ verification });
        expect(screen.queryByRole("region", { name: "This session" })).not.toBeInTheDocument();
        expect(screen.getByRole("status")).toHaveTextContent(
            "Open Element on one of your other sessions and accept the request there.",
        );
        await userEvent.click(screen.getByRole("button", { name: "Use recovery key instead" }));
        expect(vm.useRecoveryKey).toHaveBeenCalled();
    });

    it("shows the emoji of a verification accepted elsewhere, then its outcome, and closes it", async () => {
        const verification = new StubVerificationViewModel({
            step: "compare",
            target: "incoming",
            otherName: "Old laptop",
            emoji: SEVEN,
        });
        const vm = renderSection({ verification });
        const emoji = within(screen.getByRole("list", { name: "Emoji to compare" })).getAllByRole("listitem");
        expect(emoji.map((item) => item.textContent)).toEqual(
            SEVEN.map(({ symbol, name }, i) => `${symbol}${name}${i + 1} of 7: ${name}`),
        );

        act(() => verification.set({ step: "done" }));
        expect(screen.getByRole("status")).toHaveTextContent("Old laptop and this session now trust each other.");
        await userEvent.click(screen.getByRole("button", { name: "Close" }));
        expect(vm.closeVerification).toHaveBeenCalled();
    });

    it("reads in German", () => {
        renderSection(
            {
                thisSession: { deviceId: "NEU", name: null, trust: "unverified" },
                otherSessions: [{ deviceId: "ALT", name: "Laptop", lastSeenTs: DAY, trust: "unknown" }],
            },
            "de",
        );
        expect(screen.getByRole("region", { name: "Diese Sitzung" })).toHaveTextContent("Nicht verifiziert");
        expect(screen.getByRole("button", { name: "Mit einem anderen Gerät verifizieren" })).toBeInTheDocument();
    });
});
