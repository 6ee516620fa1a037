/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The reusable "Confirm it's you" step on its own, with the generic props other panels use.

import React from "react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TooltipProvider } from "@vector-im/compound-web";

import { createTranslator } from "../../../../src/i18n";
import { AuthStep, type AuthStepProps } from "../../../../src/views/auth/AuthStep";
import { TranslateContext } from "../../../../src/views/i18n";

function renderStep(props: Partial<AuthStepProps> = {}, language = "en") {
    const handlers = { onSubmitPassword: jest.fn(), onSsoDone: jest.fn(), onCancel: jest.fn() };
    render(
        <TranslateContext.Provider value={createTranslator(language)}>
            <TooltipProvider>
                <AuthStep method={{ kind: "password" }} failed={false} {...handlers} {...props} />
            </TooltipProvider>
        </TranslateContext.Provider>,
    );
    return handlers;
}

describe("AuthStep", () => {
    it("password: keyboard only — type and Enter to confirm, Tab and Space to cancel", async () => {
        const handlers = renderStep({ description: "To reset your keys, confirm it's you." });
        expect(screen.getByRole("group", { name: "Confirm it's you" })).toHaveTextContent("To reset your keys");
        expect(screen.getByLabelText("Your account password")).toHaveFocus();
        await userEvent.keyboard("{Enter}");
        expect(handlers.onSubmitPassword).not.toHaveBeenCalled(); // nothing typed yet
        await userEvent.keyboard("s3cret{Enter}");
        expect(handlers.onSubmitPassword).toHaveBeenCalledWith("s3cret");
        expect(screen.getByLabelText("Your account password")).toHaveValue("");

        // Tab past the show-password toggle and Confirm to Cancel.
        await userEvent.click(screen.getByLabelText("Your account password"));
        let guard = 0;
        while (document.activeElement !== screen.getByRole("button", { name: "Cancel" }) && guard++ < 5) {
            await userEvent.tab();
        }
        await userEvent.keyboard(" ");
        expect(handlers.onCancel).toHaveBeenCalled();
    });

    it("password, after a failure: the field describes the wrong password", () => {
        renderStep({ failed: true });
        expect(screen.getByLabelText("Your account password")).toHaveAccessibleDescription(
            "That password isn't right. Try again.",
        );
    });

    it("SSO, after 'I've finished' came too early: says the homeserver has not seen the sign-in", () => {
        renderStep({ method: { kind: "sso", fallbackUrl: "https://hs.example/fallback" }, failed: true });
        expect(screen.getByText("Not signed in yet")).toBeInTheDocument();
        expect(screen.queryByLabelText("Your account password")).not.toBeInTheDocument();
    });

    it("renders in German", () => {
        renderStep({ failed: true }, "de");
        expect(screen.getByRole("heading", { name: "Bestätige, dass du es bist" })).toBeInTheDocument();
        expect(screen.getByLabelText("Passwort deines Kontos")).toHaveAccessibleDescription(
            "Dieses Passwort stimmt nicht. Versuche es erneut.",
        );
        expect(screen.getByRole("button", { name: "Bestätigen" })).toBeInTheDocument();
    });
});
