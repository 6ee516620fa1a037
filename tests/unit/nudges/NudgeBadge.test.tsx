/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { act, render, screen } from "@testing-library/react";

import { createTranslator } from "../../../src/i18n";
import { nudgeBadge } from "../../../src/nudges/badge";
import { TranslateContext } from "../../../src/views/i18n";
import { EntryButton } from "../../../src/views/panel/EntryButton";

afterEach(() => act(() => nudgeBadge.set(0)));

describe("the badge on the entry button", () => {
    it("is absent while nothing needs attention, and counts problems by event", () => {
        render(
            <TranslateContext.Provider value={createTranslator("en")}>
                <EntryButton onClick={() => undefined} />
            </TranslateContext.Provider>,
        );
        expect(screen.getByRole("button", { name: "Account security" })).toBeInTheDocument();
        act(() => nudgeBadge.set(2));
        const button = screen.getByRole("button", { name: "Account security 2 to review" });
        expect(button).toHaveTextContent("2");
        act(() => nudgeBadge.set(0));
        expect(screen.getByRole("button", { name: "Account security" })).not.toHaveTextContent("2");
    });

    it("speaks German", () => {
        render(
            <TranslateContext.Provider value={createTranslator("de")}>
                <EntryButton onClick={() => undefined} />
            </TranslateContext.Provider>,
        );
        act(() => nudgeBadge.set(1));
        expect(screen.getByRole("button")).toHaveAccessibleName("Kontosicherheit 1 zu prüfen");
    });
});
