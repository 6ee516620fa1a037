/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { TooltipProvider } from "@vector-im/compound-web";

import { createTranslator } from "../../../../src/i18n";
import type { AdminActions, AdminSnapshot, AdminStep } from "../../../../src/viewmodels/AdminViewModel";
import { ViewModel } from "../../../../src/viewmodels/ViewModel";
import { AdminSection } from "../../../../src/views/admin/AdminSection";
import { TranslateContext } from "../../../../src/views/i18n";

const JAN_3 = Date.UTC(2026, 0, 3, 12);
const JAN_5 = Date.UTC(2026, 0, 5, 12);

const BOB = {
    userId: "@bob:example.org",
    displayname: "Bob",
    deactivated: false,
    admin: false,
    emails: [
        { address: "bob@example.org", addedAt: JAN_3, validatedAt: JAN_3 },
        { address: "bob@work.example", addedAt: JAN_3, validatedAt: JAN_5 },
    ],
};

class StubAdminViewModel extends ViewModel<AdminSnapshot> implements AdminActions {
    public constructor(step: AdminStep, overrides: Partial<AdminSnapshot> = {}) {
        super({ step, query: "", lookupProblem: null, account: null, notice: null, ...overrides });
    }
    public update(snapshot: Partial<AdminSnapshot>): void {
        this.setSnapshot(snapshot);
    }
    public setQuery = jest.fn();
    public lookUp = jest.fn(async () => undefined);
    public startAdd = jest.fn();
    public setDraft = jest.fn();
    public submitAddress = jest.fn(async () => undefined);
    public confirmAdd = jest.fn(async () => undefined);
    public askRemove = jest.fn();
    public confirmRemove = jest.fn(async () => undefined);
    public cancel = jest.fn();
    public retry = jest.fn(async () => undefined);
    public dismissError = jest.fn();
    public dismissNotice = jest.fn();
}

function renderSection(step: AdminStep, overrides: Partial<AdminSnapshot> = {}, language = "en") {
    const vm = new StubAdminViewModel(step, overrides);
    const result = render(
        <TranslateContext.Provider value={createTranslator(language)}>
            <TooltipProvider>
                <AdminSection vm={vm} serverName="example.org" />
            </TooltipProvider>
        </TranslateContext.Provider>,
    );
    return { vm, ...result };
}

beforeEach(() => {
    document.documentElement.lang = "en";
});

describe("AdminSection", () => {
    it("checking access: a status and nothing else", () => {
        renderSection({ kind: "checking_access" });
        expect(screen.getByRole("status")).toHaveTextContent("Checking your admin rights…");
        expect(screen.queryByRole("search")).not.toBeInTheDocument();
    });

    it("delegated: explains that emails are managed in the account provider, with its link", () => {
        renderSection({ kind: "delegated", accountManagementUrl: "https://auth.example.org/account/" });
        expect(screen.getByText(/managed in the account provider/)).toBeInTheDocument();
        expect(screen.getByRole("link", { name: "Open the account provider" })).toHaveAttribute(
            "href",
            "https://auth.example.org/account/",
        );
        expect(screen.queryByRole("search")).not.toBeInTheDocument();
    });

    it("ready: looks up what is typed, with the server in the hint", async () => {
        const { vm } = renderSection({ kind: "ready" });
        expect(screen.getByText("A user ID like @alice:example.org, or just alice")).toBeInTheDocument();
        await userEvent.type(screen.getByRole("textbox", { name: "User" }), "b");
        expect(vm.setQuery).toHaveBeenCalledWith("b");
        await userEvent.click(screen.getByRole("button", { name: "Look up" }));
        expect(vm.lookUp).toHaveBeenCalled();
    });

    it("shows a lookup problem on the field", () => {
        renderSection(
            { kind: "ready" },
            { query: "@nobody:example.org", lookupProblem: { kind: "not_found", userId: "@nobody:example.org" } },
        );
        expect(screen.getByRole("alert")).toHaveTextContent("There is no account @nobody:example.org.");
    });

    it("an account: emails with added and validated dates, Remove per address, Add", async () => {
        const { vm } = renderSection({ kind: "ready" }, { account: BOB });
        const list = screen.getByRole("list", { name: "Email addresses of @bob:example.org" });
        const items = within(list).getAllByRole("listitem");
        expect(items[0]).toHaveTextContent("bob@example.org");
        expect(items[0]).toHaveTextContent("Added Jan 3, 2026 · Validated Jan 3, 2026");
        expect(items[1]).toHaveTextContent("Added Jan 3, 2026 · Validated Jan 5, 2026");
        await userEvent.click(screen.getByRole("button", { name: "Remove bob@work.example from @bob:example.org" }));
        expect(vm.askRemove).toHaveBeenCalledWith("bob@work.example");
        await userEvent.click(screen.getByRole("button", { name: "Add email address" }));
        expect(vm.startAdd).toHaveBeenCalled();
    });

    it("an account without email says what that means", () => {
        renderSection({ kind: "ready" }, { account: { ...BOB, emails: [] } });
        expect(screen.getByText(/has no email address, so its password can't be reset/)).toBeInTheDocument();
    });

    it("entering: the address field; another account's address is refused and named", async () => {
        const { vm } = renderSection(
            {
                kind: "entering",
                draft: "carol@example.org",
                problem: { kind: "owned_by_other", owner: "@carol:example.org" },
            },
            { account: BOB },
        );
        expect(screen.getByRole("alert")).toHaveTextContent(
            "@carol:example.org already uses this address, so it was left there. If it should move, remove it from @carol:example.org first.",
        );
        // No Remove / Add while another step is open.
        expect(screen.queryByRole("button", { name: /^Remove / })).not.toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Continue" }));
        expect(vm.submitAddress).toHaveBeenCalled();
        await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
        expect(vm.cancel).toHaveBeenCalled();
    });

    it("confirm add and confirm remove name the address and the account; the last address warns", async () => {
        const { vm, unmount } = renderSection({ kind: "confirm_add", address: "new@example.org" }, { account: BOB });
        expect(screen.getByRole("heading", { name: "Add new@example.org to @bob:example.org?" })).toHaveFocus();
        await userEvent.click(screen.getByRole("button", { name: "Add address" }));
        expect(vm.confirmAdd).toHaveBeenCalled();
        unmount();

        const second = renderSection(
            { kind: "confirm_remove", address: "bob@example.org", isLast: true },
            { account: BOB },
        );
        expect(screen.getByText("This is the account's only email address")).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Remove address" }));
        expect(second.vm.confirmRemove).toHaveBeenCalled();
    });

    it("saving and errors: a status, then a plain sentence with Try again", async () => {
        const { vm } = renderSection({ kind: "saving", action: "add", address: "new@example.org" }, { account: BOB });
        expect(screen.getByRole("status")).toHaveTextContent("Adding new@example.org…");
        act(() => vm.update({ step: { kind: "error", problem: { kind: "forbidden" }, canClose: true } }));
        expect(await screen.findByRole("alert")).toHaveTextContent(
            "The homeserver no longer accepts you as a server admin.",
        );
        expect(screen.getByRole("button", { name: "Try again" })).toHaveFocus();
        await userEvent.click(screen.getByRole("button", { name: "Close" }));
        expect(vm.dismissError).toHaveBeenCalled();
    });

    it("a notice after a change, announced, which the admin can close", async () => {
        const { vm } = renderSection(
            { kind: "ready" },
            { account: BOB, notice: { kind: "added", address: "new@example.org", userId: "@bob:example.org" } },
        );
        const status = screen.getByRole("status");
        expect(status).toHaveTextContent("new@example.org was added to @bob:example.org.");
        await userEvent.click(within(status).getByRole("button", { name: "Close" }));
        expect(vm.dismissNotice).toHaveBeenCalledTimes(1);
    });

    it("speaks German", () => {
        renderSection({ kind: "confirm_remove", address: "bob@example.org", isLast: false }, { account: BOB }, "de");
        expect(
            screen.getByRole("heading", { name: "bob@example.org von @bob:example.org entfernen?" }),
        ).toBeInTheDocument();
        expect(screen.getByRole("button", { name: "Adresse entfernen" })).toBeInTheDocument();
    });

    it("has no accessibility violations with an account loaded", async () => {
        // jsdom has no canvas; axe only uses it to spot icon ligatures, which we don't have.
        jest.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
        const { container } = renderSection({ kind: "ready" }, { account: BOB });
        const results = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
        expect(results.violations.map((v) => v.id)).toEqual([]);
    });
});
