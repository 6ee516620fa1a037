/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { render, screen } from "@testing-library/react";

import { catalogues, ensureStrings, stringsReady } from "../../../src/i18n";
import { loadPanelStrings } from "../../../src/i18n/panelStrings.lazy";
import { StringsGate } from "../../../src/panel/StringsGate";

describe("panel strings", () => {
    it("the runtime bundle's loader brings every German panel string", async () => {
        const loaded = await loadPanelStrings!("de");
        const germanPanelKeys = Object.keys(catalogues.de!).filter((key) =>
            /^(backup|email|sessions|admin|checkup)\./.test(key),
        );
        expect(germanPanelKeys.length).toBeGreaterThan(0);
        expect(Object.keys(loaded).sort()).toEqual(germanPanelKeys.sort());
        expect(await loadPanelStrings!("fr")).toEqual({});
    });

    it("outside the runtime bundle every language is ready at once", async () => {
        expect(stringsReady("de")).toBe(true);
        expect(stringsReady("de-CH")).toBe(true);
        expect(stringsReady("xx")).toBe(true);
        await expect(ensureStrings("de")).resolves.toBeUndefined();
        render(
            <StringsGate language="de">
                <p>ready</p>
            </StringsGate>,
        );
        expect(screen.getByText("ready")).toBeInTheDocument();
    });
});
