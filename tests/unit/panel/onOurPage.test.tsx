/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { act, render, screen } from "@testing-library/react";

import { useOnOurPage } from "../../../src/panel/useOnOurPage";

function Probe(): React.JSX.Element {
    return <p>{useOnOurPage() ? "on our page" : "elsewhere"}</p>;
}

function goTo(hash: string): void {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent("hashchange"));
}

describe("the nudge card steps aside on the Account security page", () => {
    afterEach(() => goTo(""));

    it("follows the location hash", () => {
        goTo("#/home");
        render(<Probe />);
        expect(screen.getByText("elsewhere")).toBeInTheDocument();
        act(() => goTo("#/account-security"));
        expect(screen.getByText("on our page")).toBeInTheDocument();
        act(() => goTo("#/room/!abc:example.org"));
        expect(screen.getByText("elsewhere")).toBeInTheDocument();
    });
});
