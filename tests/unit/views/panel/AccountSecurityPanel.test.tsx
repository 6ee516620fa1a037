/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useState } from "react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import type { PanelSection } from "../../../../src/panelTargets";
import { createTranslator } from "../../../../src/i18n";
import { TranslateContext } from "../../../../src/views/i18n";
import { AccountSecurityPanel, type PanelTab } from "../../../../src/views/panel/AccountSecurityPanel";

const TABS: PanelTab[] = [
    { id: "backup", titleKey: "shell.section_backup" },
    { id: "email", titleKey: "shell.section_email" },
    { id: "sessions", titleKey: "shell.section_sessions" },
];

/** The view with its selection state, and stub content standing in for a built section. */
function Harness({ language = "en", loggedIn = true, built = ["email"] as PanelSection[] }) {
    const [selected, setSelected] = useState<PanelSection>("backup");
    return (
        <TranslateContext.Provider value={createTranslator(language)}>
            <AccountSecurityPanel
                variant="page"
                loggedIn={loggedIn}
                tabs={TABS}
                selected={selected}
                onSelect={setSelected}
                content={built.includes(selected) ? <p>content of {selected}</p> : null}
            />
        </TranslateContext.Provider>
    );
}

describe("AccountSecurityPanel", () => {
    it("shows one tab per section, and says honestly when a section is not built", async () => {
        render(<Harness />);
        expect(screen.getByRole("heading", { name: "Account security" })).toBeInTheDocument();
        expect(screen.getAllByRole("tab").map((tab) => tab.textContent)).toEqual([
            "Secure Backup",
            "Email addresses",
            "Sessions",
        ]);
        expect(screen.getByRole("tab", { name: "Secure Backup" })).toHaveAttribute("aria-selected", "true");
        expect(screen.getByRole("tabpanel")).toHaveTextContent("This section is not available yet.");

        await userEvent.click(screen.getByRole("tab", { name: "Email addresses" }));
        expect(screen.getByRole("tabpanel", { name: "Email addresses" })).toHaveTextContent("content of email");
    });

    it("moves between tabs with the arrow keys (WAI-ARIA tabs)", async () => {
        render(<Harness />);
        await userEvent.click(screen.getByRole("tab", { name: "Secure Backup" }));
        await userEvent.keyboard("{ArrowRight}");
        expect(screen.getByRole("tab", { name: "Email addresses" })).toHaveFocus();
        expect(screen.getByRole("tab", { name: "Email addresses" })).toHaveAttribute("aria-selected", "true");
        await userEvent.keyboard("{ArrowLeft}{ArrowLeft}");
        expect(screen.getByRole("tab", { name: "Sessions" })).toHaveFocus();
        await userEvent.keyboard("{Home}");
        expect(screen.getByRole("tab", { name: "Secure Backup" })).toHaveFocus();
        // Only the selected tab is in the Tab order.
        expect(screen.getAllByRole("tab").filter((tab) => tab.tabIndex === 0)).toHaveLength(1);
    });

    it("asks to log in when the host has no client", () => {
        render(<Harness loggedIn={false} />);
        expect(screen.getByText("Log in to see your account security.")).toBeInTheDocument();
        expect(screen.queryByRole("tablist")).toBeNull();
    });

    it("renders German when the host language is de", () => {
        render(<Harness language="de" />);
        expect(screen.getByRole("heading", { name: "Kontosicherheit" })).toBeInTheDocument();
        expect(screen.getByRole("tab", { name: "Sicheres Backup" })).toBeInTheDocument();
        expect(screen.getByRole("tabpanel")).toHaveTextContent("Dieser Bereich ist noch nicht verfügbar.");
    });

    it("contains a failing section behind an error boundary", () => {
        jest.spyOn(console, "error").mockImplementation(() => {});
        function Broken(): React.JSX.Element {
            throw new Error("section bug");
        }
        render(
            <AccountSecurityPanel
                variant="dialog"
                loggedIn
                tabs={TABS}
                selected="backup"
                onSelect={() => {}}
                content={<Broken />}
            />,
        );
        expect(screen.getByRole("alert")).toHaveTextContent("This part of Account security stopped working.");
        expect(screen.getAllByRole("tab")).toHaveLength(3);
    });
});
