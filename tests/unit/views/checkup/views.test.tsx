/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The checkup's views with stub view-models: what each state shows, which action each button calls,
// and the rules for living inside Element's module dialog (no <form>, every button type="button").

import React from "react";
import { render as rtlRender, screen, within, type RenderResult } from "@testing-library/react";
import { TooltipProvider } from "@vector-im/compound-web";
import userEvent from "@testing-library/user-event";

import { createTranslator } from "../../../../src/i18n";
import "../../../../src/i18n/checkupStrings";
import type { Checkup } from "../../../../src/nudges/checkup";
import type { RecoveryKeyCheckSnapshot } from "../../../../src/viewmodels/RecoveryKeyCheckViewModel";
import type { RoomKeyTransferSnapshot } from "../../../../src/viewmodels/RoomKeyTransferViewModel";
import { AccountContext } from "../../../../src/views/AccountContext";
import { RecoveryKeyCheck } from "../../../../src/views/checkup/RecoveryKeyCheck";
import { RecoverySheetButton } from "../../../../src/views/checkup/RecoverySheetButton";
import { recoverySheetHtml } from "../../../../src/views/checkup/recoverySheet";
import { RoomKeyTransfer } from "../../../../src/views/checkup/RoomKeyTransfer";
import { SecurityCheckup } from "../../../../src/views/checkup/SecurityCheckup";

/** As the panel renders them: inside one TooltipProvider (the password fields' show/hide button). */
function render(ui: React.ReactElement): RenderResult {
    const result = rtlRender(<TooltipProvider>{ui}</TooltipProvider>);
    return {
        ...result,
        rerender: (next: React.ReactNode) => result.rerender(<TooltipProvider>{next}</TooltipProvider>),
    };
}

function expectDialogSafe(container: HTMLElement): void {
    expect(container.querySelector("form")).toBeNull();
    for (const button of container.querySelectorAll("button")) expect(button.getAttribute("type")).toBe("button");
    for (const input of container.querySelectorAll("input")) expect(input.hasAttribute("name")).toBe(false);
}

const someOff: Checkup = {
    on: 3,
    total: 4,
    protections: [
        { id: "recovery", state: "on", reason: null, fix: null },
        { id: "this_session", state: "on", reason: null, fix: null },
        { id: "other_sessions", state: "off", reason: null, fix: { section: "sessions" }, count: 2 },
        { id: "email", state: "on", reason: null, fix: null },
    ],
};

describe("SecurityCheckup", () => {
    it("says how many protections are on, each line in words, and the one fix of what is off", async () => {
        const onFix = jest.fn();
        const { container } = render(<SecurityCheckup checkup={someOff} onFix={onFix} />);
        expect(screen.getByRole("heading", { name: "Security checkup" })).toBeInTheDocument();
        expect(screen.getByText("3 of 4 protections on")).toBeInTheDocument();
        const items = within(screen.getByRole("list")).getAllByRole("listitem");
        expect(items.map((li) => li.textContent)).toEqual([
            "✓On: Recovery is set up and works on this session",
            "✓On: This session is verified",
            "!Off: Unverified sessions: 2Review sessions",
            "✓On: An email address can reset your password",
        ]);
        expect(screen.getAllByRole("button")).toHaveLength(1);
        await userEvent.click(screen.getByRole("button", { name: "Review sessions" }));
        expect(onFix).toHaveBeenCalledWith({ section: "sessions" });
        expectDialogSafe(container);
    });

    it("says it is checking before the first read, and shows nothing when the deployer kept no protection", () => {
        const { rerender, container } = render(<SecurityCheckup checkup={null} onFix={jest.fn()} />);
        expect(screen.getByRole("status")).toHaveTextContent("Checking your protections…");
        rerender(<SecurityCheckup checkup={{ on: 0, total: 0, protections: [] }} onFix={jest.fn()} />);
        expect(container).toBeEmptyDOMElement();
    });
});

const checkSnapshot = (overrides: Partial<RecoveryKeyCheckSnapshot>): RecoveryKeyCheckSnapshot => ({
    step: "idle",
    malformed: false,
    canChangeHere: null,
    lastCheckedAt: null,
    saveFailed: null,
    problem: null,
    ...overrides,
});

describe("RecoveryKeyCheck", () => {
    const vm = (): { start: jest.Mock; close: jest.Mock; check: jest.Mock } => ({
        start: jest.fn(),
        close: jest.fn(),
        check: jest.fn(async () => {}),
    });

    it("takes the key in a field without a form; Enter and the button hand it on and empty the field", async () => {
        const actions = vm();
        const { container } = render(
            <RecoveryKeyCheck snapshot={checkSnapshot({ step: "input" })} vm={actions} onChangeKey={jest.fn()} />,
        );
        const field = screen.getByLabelText("Recovery key or passphrase");
        expect(field).toHaveAttribute("autocomplete", "off");
        await userEvent.type(field, "EsTc abcd{Enter}");
        expect(actions.check).toHaveBeenCalledWith("EsTc abcd");
        expect(field).toHaveValue("");
        expectDialogSafe(container);
    });

    it("right: 'Good — keep it safe'; wrong: change the key while this session can", async () => {
        const actions = vm();
        const onChangeKey = jest.fn();
        const { rerender } = render(
            <RecoveryKeyCheck
                snapshot={checkSnapshot({ step: "right", lastCheckedAt: Date.UTC(2026, 11, 1) })}
                vm={actions}
                onChangeKey={onChangeKey}
            />,
        );
        expect(screen.getByText("Good — keep it safe")).toBeInTheDocument();
        expect(screen.getByText(/^Last checked successfully: /)).toBeInTheDocument();

        rerender(
            <RecoveryKeyCheck
                snapshot={checkSnapshot({ step: "wrong", canChangeHere: true })}
                vm={actions}
                onChangeKey={onChangeKey}
            />,
        );
        expect(screen.getByText("That is not your current recovery key")).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Change recovery key" }));
        expect(onChangeKey).toHaveBeenCalled();

        rerender(
            <RecoveryKeyCheck
                snapshot={checkSnapshot({ step: "wrong", canChangeHere: false })}
                vm={actions}
                onChangeKey={onChangeKey}
            />,
        );
        expect(screen.queryByRole("button", { name: "Change recovery key" })).toBeNull();
        expect(screen.getByText(/can't make a new key/)).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Try again" }));
        expect(actions.start).toHaveBeenCalled();
    });
});

const transferSnapshot = (overrides: Partial<RoomKeyTransferSnapshot>): RoomKeyTransferSnapshot => ({
    supported: true,
    minPassphraseLength: 10,
    flow: "none",
    step: "input",
    exportProblem: null,
    importProblem: null,
    file: null,
    progress: null,
    result: null,
    dehydration: null,
    ...overrides,
});

describe("RoomKeyTransfer", () => {
    const actions = (): Record<
        "startExport" | "startImport" | "close" | "exportKeys" | "importKeys" | "checkDehydration",
        jest.Mock
    > => ({
        checkDehydration: jest.fn(),
        startExport: jest.fn(),
        startImport: jest.fn(),
        close: jest.fn(),
        exportKeys: jest.fn(async () => {}),
        importKeys: jest.fn(async () => {}),
    });

    it("export: passphrase twice, the rule's hint, then a file to save", async () => {
        const vm = actions();
        const { rerender, container } = render(
            <RoomKeyTransfer snapshot={transferSnapshot({ flow: "export", exportProblem: "too_short" })} vm={vm} />,
        );
        expect(screen.getByText("Use at least 10 characters.")).toBeInTheDocument();
        await userEvent.type(screen.getByLabelText("Passphrase"), "violet kettle rowing");
        await userEvent.type(screen.getByLabelText("Passphrase again"), "violet kettle rowing");
        await userEvent.click(screen.getByRole("button", { name: "Export" }));
        expect(vm.exportKeys).toHaveBeenCalledWith("violet kettle rowing", "violet kettle rowing");
        expectDialogSafe(container);

        rerender(
            <RoomKeyTransfer
                snapshot={transferSnapshot({
                    flow: "export",
                    step: "done",
                    file: { name: "element-keys.txt", text: "-----BEGIN MEGOLM SESSION DATA-----", count: 12 },
                })}
                vm={vm}
            />,
        );
        expect(screen.getByText("Keys ready: 12")).toBeInTheDocument();
        expect(screen.getByRole("button", { name: "Save the file" })).toBeInTheDocument();
    });

    it("import: progress while importing, then how many keys were restored", () => {
        const vm = actions();
        const { rerender, container } = render(
            <RoomKeyTransfer
                snapshot={transferSnapshot({ flow: "import", importProblem: "wrong_passphrase" })}
                vm={vm}
            />,
        );
        expect(screen.getByText("Wrong passphrase for this file (or the file is damaged).")).toBeInTheDocument();
        expect(screen.getByRole("button", { name: "Import" })).toHaveAttribute("aria-disabled", "true"); // no file yet
        expectDialogSafe(container);
        rerender(
            <RoomKeyTransfer
                snapshot={transferSnapshot({ flow: "import", step: "working", progress: { done: 40, total: 100 } })}
                vm={vm}
            />,
        );
        expect(screen.getByText("Importing keys: 40 of 100")).toBeInTheDocument();
        expect(screen.getByRole("progressbar")).toHaveAttribute("value", "40");
        rerender(
            <RoomKeyTransfer
                snapshot={transferSnapshot({ flow: "import", step: "done", result: { total: 100, imported: 100 } })}
                vm={vm}
            />,
        );
        expect(screen.getByText("Keys restored: 100 of 100")).toBeInTheDocument();
    });

    it("asks the homeserver about dehydrated devices only when the user asks, and shows while it asks", async () => {
        const vm = actions();
        const { rerender } = render(<RoomKeyTransfer snapshot={transferSnapshot({})} vm={vm} />);
        expect(screen.getByText("Messages while all your devices are offline")).toBeInTheDocument();
        await userEvent.click(screen.getByRole("button", { name: "Check whether your homeserver supports it" }));
        expect(vm.checkDehydration).toHaveBeenCalledTimes(1);
        rerender(<RoomKeyTransfer snapshot={transferSnapshot({ dehydration: "checking" })} vm={vm} />);
        expect(screen.getByRole("status")).toHaveTextContent("Checking…");
        expect(screen.queryByRole("button", { name: /Check whether/ })).toBeNull();
    });

    it("says whether a dehydrated device is possible here, and that set-up and key change here keep one", () => {
        const { rerender } = render(
            <RoomKeyTransfer snapshot={transferSnapshot({ dehydration: "supported" })} vm={actions()} />,
        );
        expect(screen.getByText("Messages while all your devices are offline")).toBeInTheDocument();
        expect(screen.getByText(/changing the recovery key here keeps one/)).toBeInTheDocument();
        rerender(<RoomKeyTransfer snapshot={transferSnapshot({ dehydration: "unsupported_server" })} vm={actions()} />);
        expect(screen.getByText(/does not support dehydrated devices/)).toBeInTheDocument();
        rerender(<RoomKeyTransfer snapshot={transferSnapshot({ dehydration: "unsupported_client" })} vm={actions()} />);
        expect(screen.getByText("This version of Element cannot keep a dehydrated device.")).toBeInTheDocument();
    });

    it("says so where the host's Element cannot export or import room keys", () => {
        render(<RoomKeyTransfer snapshot={transferSnapshot({ supported: false })} vm={actions()} />);
        expect(screen.getByText("This version of Element can't export or import room keys.")).toBeInTheDocument();
        expect(screen.queryByRole("button", { name: /Export|Import/ })).toBeNull();
    });
});

describe("the recovery sheet", () => {
    const KEY = "EsTc 1234 abcd <b>";

    it("is one self-contained page with the key, what it is for, where to keep it, account, homeserver and date", () => {
        const html = recoverySheetHtml(createTranslator("en"), {
            recoveryKey: KEY,
            userId: "@alice:example.org",
            homeserver: "https://matrix.example.org",
            date: Date.UTC(2026, 11, 1),
            language: "en",
        });
        const doc = new DOMParser().parseFromString(html, "text/html");
        expect(doc.querySelector(".key")?.textContent).toBe(KEY); // escaped, not markup
        expect(doc.body.textContent).toContain("What it is for");
        expect(doc.body.textContent).toContain("Where to keep it");
        expect(doc.body.textContent).toContain("@alice:example.org");
        expect(doc.body.textContent).toContain("https://matrix.example.org");
        expect(doc.body.textContent).toContain("December 1, 2026");
        // Nothing to fetch, nothing to run: made here, never sent anywhere.
        expect(doc.querySelectorAll("script, link, img, iframe")).toHaveLength(0);
        expect(html).not.toMatch(/https?:\/\/(?!matrix\.example\.org)/);
    });

    function setUp(): { frames: HTMLIFrameElement[]; downloads: jest.Mock; restore(): void } {
        const frames: HTMLIFrameElement[] = [];
        const append = jest.spyOn(document.body, "append").mockImplementation((...nodes) => {
            for (const node of nodes) if (node instanceof HTMLIFrameElement) frames.push(node);
            HTMLElement.prototype.append.apply(document.body, nodes as Node[]);
        });
        const downloads = jest.fn(() => "blob:sheet");
        Object.assign(URL, { createObjectURL: downloads, revokeObjectURL: jest.fn() });
        const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
        return {
            frames,
            downloads,
            restore: () => {
                append.mockRestore();
                click.mockRestore();
            },
        };
    }

    async function openSheet(): Promise<void> {
        const { container } = render(
            <AccountContext.Provider value={{ userId: "@alice:example.org", homeserver: "https://hs" }}>
                <RecoverySheetButton recoveryKey={KEY} />
            </AccountContext.Provider>,
        );
        expectDialogSafe(container);
        await userEvent.click(screen.getByRole("button", { name: "Save a recovery sheet" }));
    }

    it("prints from a frame that is removed after printing, so the key does not stay in the page", async () => {
        const bed = setUp();
        await openSheet();
        expect(bed.frames).toHaveLength(1);
        const frame = bed.frames[0]!;
        expect(frame.srcdoc).toContain("EsTc 1234");
        expect(frame.getAttribute("sandbox")).not.toContain("allow-scripts");
        const print = jest.fn();
        Object.assign(frame.contentWindow!, { print });
        frame.dispatchEvent(new Event("load"));
        expect(print).toHaveBeenCalledTimes(1);
        frame.contentWindow!.dispatchEvent(new Event("afterprint"));
        expect(frame.isConnected).toBe(false);
        expect(frame.srcdoc).toBe("");
        expect(document.body.innerHTML).not.toContain("EsTc 1234");
        expect(bed.downloads).not.toHaveBeenCalled();
        bed.restore();
    });

    it("where printing fails, offers the page as a download made in the browser (a Blob)", async () => {
        const bed = setUp();
        await openSheet();
        const frame = bed.frames[0]!;
        Object.assign(frame.contentWindow!, {
            print: () => {
                throw new Error("blocked");
            },
        });
        frame.dispatchEvent(new Event("load"));
        expect(frame.isConnected).toBe(false);
        expect(bed.downloads).toHaveBeenCalledTimes(1);
        const blob = (bed.downloads.mock.calls[0] as unknown[])[0] as Blob;
        expect(blob.type).toBe("text/html");
        bed.restore();
    });
});
