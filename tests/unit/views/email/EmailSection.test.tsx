/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TooltipProvider } from "@vector-im/compound-web";

import { createTranslator } from "../../../../src/i18n";
import type { EmailProblem, EmailSnapshot, EmailStep } from "../../../../src/viewmodels/EmailViewModel";
import { EmailSection } from "../../../../src/views/email/EmailSection";
import { TranslateContext } from "../../../../src/views/i18n";
import { ALICE, PHONE, StubEmailViewModel } from "./stubViewModel";

function renderSection(step: EmailStep, overrides: Partial<EmailSnapshot> = {}, language = "en") {
    const vm = new StubEmailViewModel(step, overrides);
    const result = render(
        <TranslateContext.Provider value={createTranslator(language)}>
            <TooltipProvider>
                <EmailSection vm={vm} />
            </TooltipProvider>
        </TranslateContext.Provider>,
    );
    return { vm, ...result };
}

const waiting = (extra: Partial<Extract<EmailStep, { kind: "waiting_for_click" }>> = {}): EmailStep => ({
    kind: "waiting_for_click",
    address: "new@example.org",
    notClickedYet: false,
    resent: false,
    resending: false,
    problem: null,
    ...extra,
});

beforeEach(() => {
    document.documentElement.lang = "en";
});

describe("EmailSection", () => {
    it("loading: says so in a status, without an empty list", () => {
        renderSection({ kind: "loading" }, { listed: false, emails: [] });
        expect(screen.getByRole("status")).toHaveTextContent("Loading your email addresses…");
        expect(screen.queryByRole("list")).not.toBeInTheDocument();
    });

    it("ready: lists addresses with dates, a Remove per address, and Add", async () => {
        const { vm } = renderSection({ kind: "ready" });
        const list = screen.getByRole("list", { name: "Email addresses on your account" });
        const items = within(list).getAllByRole("listitem");
        expect(items).toHaveLength(2);
        expect(items[0]).toHaveTextContent("alice@example.org");
        expect(items[0]).toHaveTextContent("Added Jan 3, 2026");
        // Verified on a later day than added: both dates are shown.
        expect(items[1]).toHaveTextContent("Added Jan 3, 2026 · Verified Jan 5, 2026");

        await userEvent.click(screen.getByRole("button", { name: "Remove alice@example.org" }));
        expect(vm.askRemove).toHaveBeenCalledWith("alice@example.org");
        await userEvent.click(screen.getByRole("button", { name: "Add email address" }));
        expect(vm.startAdd).toHaveBeenCalled();
    });

    it("ready with no address: explains what is missing", () => {
        renderSection({ kind: "ready" }, { emails: [] });
        expect(screen.getByText(/There is no email address on your account/)).toBeInTheDocument();
    });

    it("lists phone numbers read-only", () => {
        renderSection({ kind: "ready" }, { phones: [PHONE] });
        const phones = screen.getByRole("list", { name: "Phone numbers on your account" });
        expect(phones).toHaveTextContent("447700900123");
        expect(within(phones).queryByRole("button")).not.toBeInTheDocument();
        expect(screen.getByText("Phone numbers can't be changed here.")).toBeInTheDocument();
    });

    it("read_only (changes disabled): no Add, no Remove, says why", () => {
        renderSection({ kind: "read_only", reason: "changes_disabled" });
        expect(screen.getByText(/doesn't allow changing email addresses/)).toBeInTheDocument();
        expect(screen.queryByRole("button", { name: /Add email address|Remove/ })).not.toBeInTheDocument();
    });

    it("read_only (delegated): links to the provider's account page", () => {
        renderSection({
            kind: "read_only",
            reason: "delegated",
            accountManagementUrl: "https://auth.example.org/account",
        });
        expect(screen.getByText(/managed by your account provider/)).toBeInTheDocument();
        expect(screen.getByRole("link", { name: "Manage your email addresses" })).toHaveAttribute(
            "href",
            "https://auth.example.org/account",
        );
        expect(screen.queryByRole("button", { name: /Remove/ })).not.toBeInTheDocument();
    });

    it("entering: a labelled field with focus; typing and Enter reach the view-model", async () => {
        const { vm } = renderSection({ kind: "entering", draft: "", problem: null });
        const field = screen.getByRole("textbox", { name: "Email address" });
        expect(field).toHaveFocus();
        expect(screen.queryByRole("button", { name: /Remove/ })).not.toBeInTheDocument();
        await userEvent.keyboard("b");
        expect(vm.setDraft).toHaveBeenLastCalledWith("b");
        await userEvent.keyboard("{Enter}");
        expect(vm.submitAddress).toHaveBeenCalled();
    });

    it("entering with a problem: the message is tied to the field", () => {
        renderSection({ kind: "entering", draft: "bob@example.org", problem: { kind: "in_use" } });
        const field = screen.getByRole("textbox", { name: "Email address" });
        expect(field).toHaveValue("bob@example.org");
        expect(field).toHaveAccessibleDescription(/already used by another account/);
        expect(screen.getByRole("alert")).toHaveTextContent(/already used by another account/);
    });

    it.each([
        [{ kind: "empty" }, "Enter an email address."],
        [{ kind: "invalid" }, "That doesn't look like an email address."],
        [{ kind: "already_yours" }, "This address is already on your account."],
        [{ kind: "denied" }, "doesn't accept this address"],
        [{ kind: "not_supported" }, "can't send email"],
    ] as const)("entering shows the problem %p in plain words", (problem, text) => {
        renderSection({ kind: "entering", draft: "x", problem });
        expect(screen.getByRole("alert")).toHaveTextContent(text);
    });

    it("sending: a status naming the address", () => {
        renderSection({ kind: "sending", address: "new@example.org" });
        expect(screen.getByRole("status")).toHaveTextContent("send an email to new@example.org");
        expect(screen.getByRole("status")).toHaveFocus();
    });

    it("waiting_for_click: names the address, focuses the heading, offers Continue, Resend, Cancel", async () => {
        const { vm } = renderSection(waiting());
        expect(screen.getByRole("heading", { name: "Check your email" })).toHaveFocus();
        expect(screen.getByText(/We sent an email to new@example.org/)).toBeInTheDocument();
        expect(screen.getByText(/Check your spam folder/)).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Continue" }));
        await userEvent.click(screen.getByRole("button", { name: "Send the email again" }));
        await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
        expect(vm.continueAdd).toHaveBeenCalled();
        expect(vm.resend).toHaveBeenCalled();
        expect(vm.cancelAdd).toHaveBeenCalled();
    });

    it("waiting_for_click with the deployer's help link", () => {
        renderSection(waiting(), { helpUrl: "https://help.example.org/email" });
        expect(screen.getByRole("link", { name: "Didn't get the email?" })).toHaveAttribute(
            "href",
            "https://help.example.org/email",
        );
    });

    it("waiting_for_click after an early Continue: 'we haven't seen the click yet', focused, not an error", () => {
        renderSection(waiting({ notClickedYet: true }));
        expect(screen.queryByRole("alert")).not.toBeInTheDocument();
        const notice = screen.getByText(/We haven't seen the click yet/).closest("[tabindex]");
        expect(notice).toHaveFocus();
        expect(notice).toHaveTextContent("Open the link in the email to new@example.org");
        expect(screen.getByRole("button", { name: "Continue" })).not.toHaveAttribute("aria-disabled", "true");
    });

    it("waiting_for_click while resending, after resending, and after a failed resend", () => {
        const { vm } = renderSection(waiting({ resending: true }));
        // compound-web marks disabled buttons with aria-disabled (they stay focusable).
        expect(screen.getByRole("button", { name: "Sending…" })).toHaveAttribute("aria-disabled", "true");
        act(() => vm.set({ step: waiting({ resent: true }) }));
        expect(screen.getByText("We sent another email. Use the link in the newest one.")).toBeInTheDocument();
        act(() => vm.set({ step: waiting({ problem: { kind: "rate_limited", retryAfterMs: 12_300 } }) }));
        expect(screen.getByRole("alert")).toHaveTextContent("Too many attempts. Try again in 13 seconds.");
    });

    it("verifying: a status naming the address", () => {
        renderSection({ kind: "verifying", address: "new@example.org" });
        expect(screen.getByRole("status")).toHaveTextContent("Adding new@example.org…");
    });

    it("auth (password): field focused, submit hands the password over once and clears it", async () => {
        const { vm } = renderSection({
            kind: "auth",
            address: "new@example.org",
            method: { kind: "password" },
            failed: false,
        });
        expect(screen.getByRole("group", { name: "Confirm it's you" })).toHaveTextContent(
            "To add new@example.org to your account, confirm it's you.",
        );
        const field = screen.getByLabelText("Your account password");
        expect(field).toHaveFocus();
        expect(screen.getByRole("button", { name: "Confirm" })).toHaveAttribute("aria-disabled", "true");
        await userEvent.keyboard("correct horse{Enter}");
        expect(vm.submitAuth).toHaveBeenCalledWith({ kind: "password", password: "correct horse" });
        expect(field).toHaveValue("");
    });

    it("auth (password) after a wrong one: says so next to the field", () => {
        renderSection({ kind: "auth", address: "new@example.org", method: { kind: "password" }, failed: true });
        expect(screen.getByLabelText("Your account password")).toHaveAccessibleDescription(
            "That password isn't right. Try again.",
        );
    });

    it("auth (SSO): opens the fallback page in a popup, and 'I've finished' continues", async () => {
        const open = jest.spyOn(window, "open").mockReturnValue(null);
        const { vm } = renderSection({
            kind: "auth",
            address: "new@example.org",
            method: {
                kind: "sso",
                fallbackUrl: "https://hs.example.org/_matrix/client/v3/auth/m.login.sso/fallback/web?session=s",
            },
            failed: false,
        });
        expect(screen.getByRole("heading", { name: "Confirm it's you" })).toHaveFocus();
        await userEvent.click(screen.getByRole("button", { name: "Open the sign-in page" }));
        expect(open).toHaveBeenCalledWith(
            expect.stringContaining("/fallback/web?session=s"),
            "_blank",
            expect.any(String),
        );
        // The browser blocked the popup (open returned null): offer the page as a link instead.
        expect(screen.getByRole("link", { name: "Open the sign-in page" })).toHaveAttribute(
            "href",
            expect.stringContaining("session=s"),
        );
        await userEvent.click(screen.getByRole("button", { name: "I've finished" }));
        expect(vm.submitAuth).toHaveBeenCalledWith({ kind: "sso_done" });
        await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
        expect(vm.submitAuth).toHaveBeenLastCalledWith(null);
        open.mockRestore();
    });

    it("auth (SSO): continues by itself when the popup reports it is done", async () => {
        const popup = {} as Window;
        const open = jest.spyOn(window, "open").mockReturnValue(popup);
        const { vm } = renderSection({
            kind: "auth",
            address: "new@example.org",
            method: { kind: "sso", fallbackUrl: "https://hs.example.org/fallback" },
            failed: false,
        });
        await userEvent.click(screen.getByRole("button", { name: "Open the sign-in page" }));
        act(() => {
            window.dispatchEvent(new MessageEvent("message", { data: "authDone", source: window }));
        });
        expect(vm.submitAuth).not.toHaveBeenCalled(); // not from our popup
        act(() => {
            window.dispatchEvent(new MessageEvent("message", { data: "authDone", source: popup as never }));
        });
        expect(vm.submitAuth).toHaveBeenCalledTimes(1);
        expect(vm.submitAuth).toHaveBeenCalledWith({ kind: "sso_done" });
        open.mockRestore();
    });

    it("confirm_remove: names the address; no warning when others remain", async () => {
        const { vm } = renderSection({ kind: "confirm_remove", address: "alice@example.org", isLast: false });
        expect(screen.getByRole("heading", { name: "Remove alice@example.org?" })).toHaveFocus();
        expect(screen.queryByText(/only email address/)).not.toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Remove address" }));
        expect(vm.confirmRemove).toHaveBeenCalled();
    });

    it("confirm_remove of the last address: warns that password reset stops working", async () => {
        const { vm } = renderSection(
            { kind: "confirm_remove", address: "alice@example.org", isLast: true },
            { emails: [ALICE] },
        );
        expect(screen.getByText(/This is your only email address/)).toBeInTheDocument();
        expect(screen.getByText(/can't reset your password/)).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
        expect(vm.cancelRemove).toHaveBeenCalled();
    });

    it("removing: a status naming the address", () => {
        renderSection({ kind: "removing", address: "alice@example.org" });
        expect(screen.getByRole("status")).toHaveTextContent("Removing alice@example.org…");
    });

    it.each([
        [{ kind: "unreachable" }, "Can't reach your homeserver"],
        [{ kind: "timeout" }, "taking too long"],
        [{ kind: "rate_limited", retryAfterMs: 2000 }, "Try again in 2 seconds"],
        [{ kind: "rate_limited", retryAfterMs: null }, "Wait a moment"],
        [{ kind: "session_expired" }, "This verification has expired"],
        [{ kind: "unknown", detail: "M_UNKNOWN, HTTP 500" }, "Something went wrong (M_UNKNOWN, HTTP 500)"],
        [{ kind: "auth_unsupported", stages: ["m.login.terms"] }, "(m.login.terms)"],
    ] as Array<[EmailProblem, string]>)("error %p: plain words and a focused way on", async (problem, text) => {
        const { vm } = renderSection({ kind: "error", problem, canRetry: true });
        expect(screen.getByRole("alert")).toHaveTextContent(text);
        const retry = screen.getByRole("button", {
            name: problem.kind === "session_expired" ? "Send a new email" : "Try again",
        });
        expect(retry).toHaveFocus();
        await userEvent.keyboard("{Enter}");
        expect(vm.retry).toHaveBeenCalled();
    });

    it("error without retry: only Close, focused", async () => {
        const { vm } = renderSection({ kind: "error", problem: { kind: "changes_disabled" }, canRetry: false });
        expect(screen.queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
        expect(screen.getByRole("button", { name: "Close" })).toHaveFocus();
        await userEvent.keyboard("{Enter}");
        expect(vm.dismissError).toHaveBeenCalled();
    });

    it.each([
        [{ kind: "added", address: "new@example.org" }, "new@example.org is now on your account."],
        [{ kind: "removed", address: "old@example.org" }, "old@example.org was removed from your account."],
        [{ kind: "pending_expired", address: "late@example.org" }, "wasn't finished within an hour"],
    ] as const)("notice %p is announced and can be dismissed", async (notice, text) => {
        const { vm } = renderSection({ kind: "ready" }, { notice });
        const status = screen.getByRole("status");
        expect(status).toHaveTextContent(text);
        await userEvent.click(within(status).getByRole("button"));
        expect(vm.dismissNotice).toHaveBeenCalled();
    });

    it("with no address yet, shows the field with Send only: nothing to cancel back to", async () => {
        const { vm } = renderSection({ kind: "entering", draft: "", problem: null }, { emails: [] });
        expect(screen.queryByRole("button", { name: "Add email address" })).toBeNull();
        await userEvent.type(screen.getByRole("textbox", { name: "Email address" }), "a{Enter}");
        expect(vm.submitAddress).toHaveBeenCalled();
        expect(screen.getByRole("button", { name: "Send verification email" })).toBeInTheDocument();
        expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
    });

    it("works with the keyboard alone: Tab to Add, Enter, type, Enter", async () => {
        // (Addresses on the account, the list not drawn: Add is the first control.)
        const { vm } = renderSection({ kind: "ready" }, { listed: false });
        await userEvent.tab();
        expect(screen.getByRole("button", { name: "Add email address" })).toHaveFocus();
        await userEvent.keyboard("{Enter}");
        expect(vm.startAdd).toHaveBeenCalled();

        act(() => vm.set({ step: { kind: "entering", draft: "", problem: null } }));
        expect(screen.getByRole("textbox", { name: "Email address" })).toHaveFocus();
        await userEvent.keyboard("a{Enter}");
        expect(vm.submitAddress).toHaveBeenCalled();
        await userEvent.tab();
        expect(screen.getByRole("button", { name: "Send verification email" })).toHaveFocus();
        await userEvent.tab();
        expect(screen.getByRole("button", { name: "Cancel" })).toHaveFocus();
        await userEvent.keyboard(" ");
        expect(vm.cancelAdd).toHaveBeenCalled();
    });

    it("renders in German, with German dates", () => {
        document.documentElement.lang = "de";
        renderSection(waiting({ notClickedYet: true }), {}, "de");
        expect(screen.getByRole("heading", { name: "Sieh in dein E-Mail-Postfach" })).toBeInTheDocument();
        expect(screen.getByText(/Wir haben den Klick noch nicht gesehen/)).toBeInTheDocument();
        expect(screen.getByRole("button", { name: "Weiter" })).toBeInTheDocument();
        expect(screen.getByRole("button", { name: "E-Mail erneut senden" })).toBeInTheDocument();
        expect(screen.getByText("Hinzugefügt am 03.01.2026")).toBeInTheDocument();
    });
});
