/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { DEFAULT_CONFIG } from "../../../src/config";
import { NudgeLayerRoot } from "../../../src/panel/NudgeLayerRoot";
import { PanelRoot } from "../../../src/panel/PanelRoot";
import { createStubHost, fakeClient } from "./stubHost";

// Some tests silence console.error; a spy must not outlive its test (the next one counts errors).
afterEach(() => jest.restoreAllMocks());

describe("PanelRoot (the panel glue)", () => {
    it("follows logout: a logged-out host gets the log-in message", () => {
        const host = createStubHost();
        render(<PanelRoot host={host} variant="dialog" />);
        expect(screen.getByText("Log in to see your account security.")).toBeInTheDocument();
    });

    it("renders German when the host language is de", () => {
        render(<PanelRoot host={createStubHost({ language: "de" })} variant="page" />);
        expect(screen.getByRole("heading", { name: "Kontosicherheit" })).toBeInTheDocument();
        expect(screen.getByText("Melde dich an, um die Sicherheit deines Kontos zu sehen.")).toBeInTheDocument();
    });

    it("shows only the sections the deployer left on, opening the requested one", () => {
        const config = { ...DEFAULT_CONFIG, sections: { backup: false, email: true, sessions: true, admin: false } };
        const host = createStubHost({ config });
        host.setClient(fakeClient());
        jest.spyOn(console, "error").mockImplementation(() => {}); // a section may reject the fake client
        render(<PanelRoot host={host} variant="dialog" initialSection="sessions" />);
        expect(screen.getAllByRole("tab").map((tab) => tab.textContent)).toEqual(["Email addresses", "Sessions"]);
        expect(screen.getByRole("tab", { name: "Sessions" })).toHaveAttribute("aria-selected", "true");
    });
});

describe("NudgeLayerRoot", () => {
    it("renders nothing until login, then the entry button, which opens the panel", async () => {
        const host = createStubHost();
        const { container } = render(<NudgeLayerRoot host={host} />);
        expect(container).toBeEmptyDOMElement();
        act(() => host.setClient(fakeClient()));
        await userEvent.click(screen.getByRole("button", { name: "Account security" }));
        expect(host.openPanel).toHaveBeenCalledWith();
        act(() => host.setClient(null));
        expect(container).toBeEmptyDOMElement();
    });

    it("has no entry button where the host shows our space-panel item", () => {
        const host = createStubHost({ hasSpacePanelEntry: true });
        host.setClient(fakeClient());
        render(<NudgeLayerRoot host={host} />);
        expect(screen.queryByRole("button", { name: "Account security" })).toBeNull();
    });

    it("with a client that has no crypto: no crypto reminder, no failure, the other reminders still work", async () => {
        const error = jest.spyOn(console, "error");
        const config = { ...DEFAULT_CONFIG, email: { ...DEFAULT_CONFIG.email, require_email: true } };
        const host = createStubHost({ config });
        render(<NudgeLayerRoot host={host} />);
        act(() => host.setClient(fakeClient()));
        // The add-email reminder needs no crypto: it shows that the nudge engine really ran.
        const reminder = await screen.findByRole("region", { name: "Account security reminder" });
        expect(reminder).toHaveTextContent("Add an email address");
        expect(screen.queryByText(/Verify this session|Set up recovery/)).toBeNull();
        expect(error).not.toHaveBeenCalled();
    });

    it("speaks the host's language", () => {
        const host = createStubHost({ language: "de" });
        host.setClient(fakeClient());
        render(<NudgeLayerRoot host={host} />);
        expect(screen.getByRole("button", { name: "Kontosicherheit" })).toBeInTheDocument();
    });
});

describe("PanelRoot selection", () => {
    it("opens the first shown section when the requested one is switched off, tab and content agreeing", () => {
        const config = { ...DEFAULT_CONFIG, sections: { backup: false, email: true, sessions: true, admin: false } };
        const host = createStubHost({ config });
        host.setClient(fakeClient());
        jest.spyOn(console, "error").mockImplementation(() => {});
        render(<PanelRoot host={host} variant="dialog" initialSection="backup" />);
        const selected = screen.getByRole("tab", { selected: true });
        expect(selected).toHaveTextContent("Email addresses");
        expect(screen.getByRole("tabpanel")).toHaveAttribute("aria-labelledby", selected.id);
    });
});
