/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The panel shell routes a step ("Use recovery key instead" → Secure Backup's key entry) to the
// section it belongs to. The sections are stand-ins here that show what they were given; the real
// Secure Backup starting the step is covered against Synapse (tests/integration/matrix/recovery/backup-steps.test.ts).

import React from "react";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import type { PanelTarget } from "../../../src/panelTargets";
import { PanelRoot } from "../../../src/panel/PanelRoot";
import { prefetchSections } from "../../../src/panel/sections";
import type { SectionContext } from "../../../src/panel/SectionContext";
import { intentFor } from "../../../src/nudges/engine";
import { DEFAULT_CONFIG } from "../../../src/config";
import { createStubHost, fakeClient } from "./stubHost";
import { jest as jestGlobals } from "@jest/globals";

const mockEsmModule = jestGlobals.unstable_mockModule.bind(jestGlobals);

let openFromSessions: ((target: PanelTarget) => void) | null = null;

jest.mock("../../../src/panel/BackupSectionRoot", () => ({
    BackupSectionRoot: ({ context }: { context: SectionContext }) => (
        <p>backup step: {context.intent?.section === "backup" ? (context.intent.step ?? "none") : "none"}</p>
    ),
}));
// Sessions is a lazy chunk: its dynamic import() goes through jest's ESM loader, which only
// unstable_mockModule reaches (jest.mock covers the static imports above).
mockEsmModule("../../../src/panel/SessionsSectionRoot", () => ({
    SessionsSectionRoot: ({ context }: { context: SectionContext }) => {
        openFromSessions = context.openSection;
        return <p>sessions intent: {context.intent ? "yes" : "none"}</p>;
    },
}));

function renderPanel(initialSection?: PanelTarget): void {
    const host = createStubHost();
    host.setClient(fakeClient());
    render(<PanelRoot host={host} variant="dialog" initialSection={initialSection} />);
}

describe("opening the panel at a step", () => {
    // As after the idle-time prefetch: the lazy sections' code is here before the panel opens.
    beforeAll(() => prefetchSections(), 30_000);

    it("hands the host's step to Secure Backup", () => {
        renderPanel({ section: "backup", step: "enter_key" });
        expect(screen.getByRole("tab", { name: "Secure Backup" })).toHaveAttribute("aria-selected", "true");
        expect(screen.getByText("backup step: enter_key")).toBeInTheDocument();
    });

    it("a plain section opens without a step", () => {
        renderPanel("backup");
        expect(screen.getByText("backup step: none")).toBeInTheDocument();
    });

    it("Sessions → 'I can't verify — reset' opens Secure Backup at the reset step; a tab click drops it", async () => {
        renderPanel("sessions");
        expect(screen.getByText("sessions intent: none")).toBeInTheDocument();
        act(() => openFromSessions!({ section: "backup", step: "reset" }));
        expect(screen.getByRole("tab", { name: "Secure Backup" })).toHaveAttribute("aria-selected", "true");
        expect(screen.getByText("backup step: reset")).toBeInTheDocument();

        await userEvent.click(screen.getByRole("tab", { name: "Sessions" }));
        await userEvent.click(screen.getByRole("tab", { name: "Secure Backup" }));
        expect(screen.getByText("backup step: none")).toBeInTheDocument();
    });
});

describe("reminders lead to the step that fixes them", () => {
    it("names the Secure Backup step for set-up, out of sync, and verify where Sessions is off", () => {
        expect(intentFor("set_up_recovery", DEFAULT_CONFIG)).toEqual({ section: "backup", step: "set_up" });
        expect(intentFor("backup_out_of_sync", DEFAULT_CONFIG)).toEqual({ section: "backup", step: "enter_key" });
        // Sessions shows this session's card with its three ways (another device, recovery key, reset).
        expect(intentFor("verify_this_session", DEFAULT_CONFIG)).toEqual({ section: "sessions" });
        const noSessions = { ...DEFAULT_CONFIG, sections: { ...DEFAULT_CONFIG.sections, sessions: false } };
        expect(intentFor("verify_this_session", noSessions)).toEqual({ section: "backup", step: "enter_key" });
        expect(intentFor("unverified_sessions", noSessions)).toBeNull();
        expect(intentFor("add_email", DEFAULT_CONFIG)).toEqual({ section: "email" });
    });
});
