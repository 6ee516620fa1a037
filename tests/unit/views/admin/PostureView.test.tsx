/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { TooltipProvider } from "@vector-im/compound-web";

import { createTranslator } from "../../../../src/i18n";
import type {
    PostureActions,
    PostureSnapshot,
    PostureStep,
    PostureSummary,
    ReportLabels,
} from "../../../../src/viewmodels/PostureViewModel";
import { ViewModel } from "../../../../src/viewmodels/ViewModel";
import { PostureView } from "../../../../src/views/admin/PostureView";
import { TranslateContext } from "../../../../src/views/i18n";

const SUMMARY: PostureSummary = {
    homeserver: "https://matrix.example.org",
    generatedAt: "2026-12-01T05:00:00.000Z",
    staleDays: 90,
    assessed: 4,
    failed: 1,
    complete: false,
    counts: { email: 3, cross_signing: 2, recovery: 1, all_devices_verified: 1, no_stale_devices: 4 },
    devices: { total: 9, unverified: 5, stale: 0 },
    failures: [{ user_id: "@gone:example.org", status: "failed", reason: "the account no longer exists" }],
};

class StubPostureViewModel extends ViewModel<PostureSnapshot> implements PostureActions {
    public constructor(step: PostureStep) {
        super({ step });
    }
    public start = jest.fn(async () => undefined);
    public stop = jest.fn();
    public htmlReport = jest.fn((_labels?: ReportLabels) => "<!doctype html><title>report</title>");
}

function renderView(step: PostureStep, language = "en") {
    const vm = new StubPostureViewModel(step);
    const view = render(
        <TranslateContext.Provider value={createTranslator(language)}>
            <TooltipProvider>
                <PostureView vm={vm} />
            </TooltipProvider>
        </TranslateContext.Provider>,
    );
    return { vm, ...view };
}

afterEach(() => jest.restoreAllMocks());

describe("PostureView (the server's security posture in the Admin section)", () => {
    it("starts only when the admin asks", async () => {
        const { vm } = renderView({ kind: "idle" });
        expect(vm.start).not.toHaveBeenCalled();
        const button = screen.getByRole("button", { name: "Check all accounts" });
        expect(button).toHaveAttribute("type", "button");
        await userEvent.click(button);
        expect(vm.start).toHaveBeenCalled();
    });

    it("shows progress and can be stopped", async () => {
        const { vm } = renderView({ kind: "running", done: 120, total: 400 });
        expect(screen.getByRole("status")).toHaveTextContent("Checking accounts: 120 of 400…");
        await userEvent.click(screen.getByRole("button", { name: "Stop" }));
        expect(vm.stop).toHaveBeenCalled();
    });

    it("shows the summary per protection, names the accounts it could not check, and links the HTML report", async () => {
        Object.assign(URL, { createObjectURL: jest.fn(() => "blob:report"), revokeObjectURL: jest.fn() });
        renderView({ kind: "done", summary: SUMMARY, stopped: false });
        const table = screen.getByRole("table", { name: "4 accounts checked" });
        const email = within(table).getByRole("row", { name: /Email address/ });
        expect(email).toHaveTextContent("3 of 4");
        expect(email).toHaveTextContent("75 %");
        expect(within(table).getByRole("row", { name: /Recovery set up/ })).toHaveTextContent("1 of 4");
        expect(screen.getByText(/Sessions: 9, of which 5 not verified/)).toBeInTheDocument();
        expect(screen.getByText("Incomplete: 1 accounts could not be checked")).toBeInTheDocument();
        expect(screen.getByText("@gone:example.org: the account no longer exists")).toBeInTheDocument();
        const link = screen.getByRole("link", { name: "Download the report (HTML)" });
        expect(link).toHaveAttribute("href", "blob:report");
        expect(link).toHaveAttribute("download", "account-security-report.html");
    });

    it("speaks German and passes axe", async () => {
        jest.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
        const { container, vm } = renderView(
            { kind: "done", summary: { ...SUMMARY, complete: true, failed: 0, failures: [] }, stopped: false },
            "de",
        );
        expect(screen.getByRole("heading", { name: "Sicherheit der Konten dieses Servers" })).toBeInTheDocument();
        // The downloaded page speaks German too.
        const labels = (vm.htmlReport.mock.calls as unknown as Array<[ReportLabels]>)[0]![0];
        expect(labels.lang).toBe("de");
        expect(labels.title("https://matrix.example.org")).toBe("Kontosicherheit auf https://matrix.example.org");
        expect(labels.protection.recovery).toBe(
            "Wiederherstellung eingerichtet (Verlauf übersteht die letzte Sitzung)",
        );
        const results = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
        expect(results.violations.map((v) => v.id)).toEqual([]);
    });
});
