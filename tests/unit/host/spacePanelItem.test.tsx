/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The space-panel item as Element renders it (SpaceButton: aria-label = `label`): the badge's count is
// drawn by CSS, so the item holds no visible text outside its name, and the count is said in the label.

import React from "react";
import { act, render } from "@testing-library/react";

import { startRuntimeModule } from "../../../src/host/runtime";
import type { BadgeState } from "../../../src/nudges/badge";
import { createStubApi, type Stub } from "../bundle/stubApi";
import { fakeClient } from "../panel/stubHost";

// The item is what is tested here: the reminders that feed the badge in real use stay out of it.
jest.mock("../../../src/panel/NudgeSlot", () => ({ NudgeSlot: () => null }));

const globals = window as unknown as { mxMatrixClientPeg?: { get(): unknown } };
let stub: Stub | null = null;
/** The signed-in account's badge, which the item shows. */
let nudgeBadge: BadgeState;

afterEach(() => {
    act(() => stub?.cleanup());
    stub = null;
    delete globals.mxMatrixClientPeg;
    jest.restoreAllMocks();
});

function start(language = "en"): Stub {
    jest.spyOn(console, "info").mockImplementation(() => {});
    const client = fakeClient();
    globals.mxMatrixClientPeg = { get: () => client };
    stub = createStubApi("2.1.0", { language });
    const api = stub.api;
    let host: ReturnType<typeof startRuntimeModule> = null;
    act(() => {
        host = startRuntimeModule(api as never); // it renders the nudge layer into a root of its own
    });
    nudgeBadge = host!.getAccount()!.badge;
    return stub;
}

function item(s: Stub): { label: string; icon?: React.ReactNode } {
    const registered = [...s.registered.spacePanelItems.values()];
    expect(registered).toHaveLength(1);
    return registered[0]!;
}

describe("the space-panel item", () => {
    it("says the number of problems in its label, updated with the badge", () => {
        const s = start();
        expect(item(s).label).toBe("Account security");
        act(() => nudgeBadge.set(2));
        expect(item(s).label).toBe("Account security, 2 to review");
        act(() => nudgeBadge.set(0));
        expect(item(s).label).toBe("Account security");
    });

    it("with the security checkup counting, its label says the checkup's count and the badge the protections off", () => {
        const s = start();
        act(() => nudgeBadge.setCheckup({ on: 3, total: 4 }));
        expect(item(s).label).toBe("Account security, 3 of 4 protections on");
        expect(nudgeBadge.get()).toBe(1);
        const { container } = render(<div>{item(s).icon}</div>);
        expect(container.querySelector("[data-eas-count]")).toHaveAttribute("data-eas-count", "1");
        act(() => nudgeBadge.setCheckup({ on: 4, total: 4 }));
        expect(item(s).label).toBe("Account security");
        expect(nudgeBadge.get()).toBe(0);
    });

    it("speaks German", () => {
        const s = start("de");
        act(() => nudgeBadge.set(1));
        expect(item(s).label).toBe("Kontosicherheit, 1 zu prüfen");
    });

    it("rendered the way Element does, the icon adds no text to the named button", () => {
        const s = start();
        act(() => nudgeBadge.set(3));
        const { label, icon } = item(s);
        const { getByRole } = render(
            <div role="tree">
                <div role="treeitem" aria-selected={false}>
                    <button type="button" aria-label={label}>
                        {icon}
                    </button>
                </div>
            </div>,
        );
        const button = getByRole("button", { name: "Account security, 3 to review" });
        // The count is on screen through CSS generated content only, not as text inside the button.
        expect(button.textContent).toBe("");
        expect(button.querySelector("[data-eas-count]")).toHaveAttribute("data-eas-count", "3");
        expect(button.querySelector("[data-eas-count]")).toHaveAttribute("aria-hidden", "true");
        const rule = document.getElementById("io-github-element-account-security-badge")?.textContent;
        expect(rule).toContain("content: attr(data-eas-count)");
    });
});
