/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TooltipProvider } from "@vector-im/compound-web";

import { catalogues, createTranslator } from "../../../../src/i18n";
import { TranslateContext } from "../../../../src/views/i18n";
import { VerificationView } from "../../../../src/views/sessions/VerificationView";
import { emojiName } from "../../../../src/views/sessions/texts";
import type { VerificationSnapshot } from "../../../../src/viewmodels/VerificationViewModel";
import { SEVEN, StubVerificationViewModel } from "./stubs";

function renderScreen(overrides: Partial<VerificationSnapshot> = {}, language = "en") {
    const vm = new StubVerificationViewModel({ step: "compare", emoji: SEVEN, otherName: "Old laptop", ...overrides });
    const onClose = jest.fn();
    const onRetry = jest.fn();
    render(
        <TranslateContext.Provider value={createTranslator(language)}>
            <TooltipProvider>
                <VerificationView vm={vm} onClose={onClose} onRetry={onRetry} />
            </TooltipProvider>
        </TranslateContext.Provider>,
    );
    return { vm, onClose, onRetry };
}

/** The 64 SAS emoji names of the Matrix spec, as matrix-js-sdk's rust crypto reports them. */
const SPEC_NAMES =
    "Dog Cat Lion Horse Unicorn Pig Elephant Rabbit Panda Rooster Penguin Turtle Fish Octopus Butterfly Flower Tree Cactus Mushroom Globe Moon Cloud Fire Banana Apple Strawberry Corn Pizza Cake Heart Smiley Robot Hat Glasses Spanner Santa|Thumbs Up|Umbrella Hourglass Clock Gift|Light Bulb|Book Pencil Paperclip Scissors Lock Key Hammer Telephone Flag Train Bicycle Aeroplane Rocket Trophy Ball Guitar Trumpet Bell Anchor Headphones Folder Pin"
        .split("|")
        .flatMap((part, i) => (i % 2 === 1 ? [part] : part.split(" ").filter(Boolean)));

describe("the emoji screen", () => {
    it("shows the 7 emoji in order, each with its name, and tells whom to compare with", () => {
        renderScreen();
        expect(screen.getByRole("heading", { name: "Compare the emoji" })).toBeInTheDocument();
        expect(screen.getByText("Check that Old laptop shows the same emoji in the same order.")).toBeInTheDocument();
        const list = screen.getByRole("list", { name: "Emoji to compare" });
        const items = within(list).getAllByRole("listitem");
        expect(items).toHaveLength(7);
        expect(items.map((item) => item.textContent)).toEqual(
            SEVEN.map(({ symbol, name }, i) => `${symbol}${name}${i + 1} of 7: ${name}`),
        );
    });

    it("gives screen readers one sentence per emoji and hides the symbols from them", () => {
        renderScreen();
        const items = within(screen.getByRole("list", { name: "Emoji to compare" })).getAllByRole("listitem");
        expect(items).toHaveLength(7); // the checks below run once per item
        items.forEach((item, i) => {
            const hidden = item.querySelectorAll('[aria-hidden="true"]');
            // The symbol and the visible name are hidden; the spoken text says position, count and name.
            expect([...hidden].map((el) => el.textContent)).toEqual([SEVEN[i]!.symbol, SEVEN[i]!.name]);
            const spoken = [...item.childNodes].filter((n) => (n as Element).getAttribute?.("aria-hidden") !== "true");
            expect(spoken.map((n) => n.textContent)).toEqual([`${i + 1} of 7: ${SEVEN[i]!.name}`]);
        });
    });

    it("is usable by keyboard: focus starts at the heading, Tab reaches 'They match' then 'They don't match'", async () => {
        const { vm } = renderScreen();
        expect(screen.getByRole("heading", { name: "Compare the emoji" })).toHaveFocus();
        await userEvent.tab();
        expect(screen.getByRole("button", { name: "They match" })).toHaveFocus();
        await userEvent.keyboard("{Enter}");
        expect(vm.confirm).toHaveBeenCalledTimes(1);
        await userEvent.tab();
        expect(screen.getByRole("button", { name: "They don't match" })).toHaveFocus();
        await userEvent.keyboard(" ");
        expect(vm.mismatch).toHaveBeenCalledTimes(1);
    });

    it("after 'They match', waits for the other session in a status and offers only Cancel", async () => {
        const { vm } = renderScreen({ step: "confirming" });
        expect(screen.getByRole("status")).toHaveTextContent("Waiting for Old laptop to confirm…");
        expect(screen.queryByRole("button", { name: "They match" })).not.toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
        expect(vm.cancel).toHaveBeenCalled();
    });

    it("speaks German, names included", () => {
        renderScreen({}, "de");
        expect(screen.getByRole("heading", { name: "Vergleiche die Emojis" })).toBeInTheDocument();
        const items = within(screen.getByRole("list", { name: "Zu vergleichende Emojis" })).getAllByRole("listitem");
        expect(items[0]).toHaveTextContent("1 von 7: Hund");
        expect(items[1]).toHaveTextContent("2 von 7: Daumen hoch");
        expect(items[2]).toHaveTextContent("3 von 7: Glühbirne");
        expect(screen.getByRole("button", { name: "Sie stimmen überein" })).toBeInTheDocument();
    });

    it("has an English and a German name for all 64 emoji of the spec", () => {
        expect(SPEC_NAMES).toHaveLength(64);
        const en = createTranslator("en");
        const de = createTranslator("de");
        for (const name of SPEC_NAMES) {
            expect(emojiName(en, name)).toBe(name);
            const german = emojiName(de, name);
            expect(german).not.toMatch(/^sessions\./);
            expect(Object.values(catalogues.de!)).toContain(german);
        }
        // A name we don't know is shown in English rather than as a key.
        expect(emojiName(de, "Kazoo")).toBe("Kazoo");
    });
});

describe("the verification steps", () => {
    it("waiting: names the other session, says when it is silent, and cancels", async () => {
        const { vm } = renderScreen({ step: "waiting", target: "other", otherName: "Old laptop", emoji: [] });
        expect(screen.getByRole("status")).toHaveTextContent(
            "Open Element on Old laptop and accept the request there.",
        );
        expect(screen.queryByText(/No answer yet/)).not.toBeInTheDocument();
        act(() => vm.set({ silent: true }));
        expect(await screen.findByText(/No answer yet\. Old laptop may be offline or closed/)).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
        expect(vm.cancel).toHaveBeenCalled();
    });

    it("mismatch: says nothing was trusted and what it may mean, in an alert", () => {
        renderScreen({ step: "cancelled", cancelReason: "mismatch", cancelledByMe: true, emoji: [] });
        expect(screen.getByRole("alert")).toHaveTextContent(/you said the emoji don't match\. Nothing was trusted/);
        expect(screen.getByRole("alert")).toHaveTextContent(/someone may be interfering/);
    });

    it("cancelled by the other side: says who, and offers Try again and Close", async () => {
        const { onRetry, onClose } = renderScreen({ step: "cancelled", cancelReason: "cancelled", emoji: [] });
        expect(screen.getByRole("alert")).toHaveTextContent(
            "The other session cancelled the verification. Nothing changed.",
        );
        await userEvent.click(screen.getByRole("button", { name: "Try again" }));
        await userEvent.click(screen.getByRole("button", { name: "Close" }));
        expect(onRetry).toHaveBeenCalled();
        expect(onClose).toHaveBeenCalled();
    });

    it("timeout reads plainly", () => {
        renderScreen({ step: "cancelled", cancelReason: "timeout", emoji: [] });
        expect(screen.getByRole("alert")).toHaveTextContent("The verification took too long and was stopped.");
    });

    it("done: says both sessions trust each other", () => {
        renderScreen({ step: "done", emoji: [] });
        expect(screen.getByRole("status")).toHaveTextContent("Old laptop and this session now trust each other.");
    });
});
