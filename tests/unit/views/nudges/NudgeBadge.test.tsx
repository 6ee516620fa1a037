/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { render, screen } from "@testing-library/react";

import { createTranslator } from "../../../../src/i18n";
import { TranslateContext } from "../../../../src/views/i18n";
import { EntryButton } from "../../../../src/views/panel/EntryButton";

function entryButton(language: string, count: number): React.JSX.Element {
    return (
        <TranslateContext.Provider value={createTranslator(language)}>
            <EntryButton onClick={() => undefined} badgeCount={count} />
        </TranslateContext.Provider>
    );
}

describe("the badge on the entry button", () => {
    it("is absent while nothing needs attention, and shows the count it is given", () => {
        const { rerender } = render(entryButton("en", 0));
        expect(screen.getByRole("button", { name: "Account security" })).toBeInTheDocument();
        rerender(entryButton("en", 2));
        const button = screen.getByRole("button", { name: "Account security 2 to review" });
        expect(button).toHaveTextContent("2");
        rerender(entryButton("en", 0));
        expect(screen.getByRole("button", { name: "Account security" })).not.toHaveTextContent("2");
    });

    it("speaks German", () => {
        render(entryButton("de", 1));
        expect(screen.getByRole("button")).toHaveAccessibleName("Kontosicherheit 1 zu prüfen");
    });
});
