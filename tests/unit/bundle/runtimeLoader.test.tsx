/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The BUILT dist/index.js, loaded by the REAL ModuleLoader of each module API version we support,
 * with a stub Api of that version's shape: what load() registers, what it renders, and what the
 * loaders refuse.
 */
import path from "node:path";
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ModuleIncompatibleError as Incompatible14, ModuleLoader as Loader14 } from "module-api-v1.4";
import { ModuleIncompatibleError as Incompatible19, ModuleLoader as Loader19 } from "module-api-v1.9";
import {
    ModuleIncompatibleError as Incompatible21,
    ModuleLoader as Loader21,
} from "@element-hq/element-web-module-api";

import { importBuiltModule, importLoaderClaimingVersion, type LoaderLike } from "./importBuilt";
import { fakeClient } from "../panel/stubHost";
import { createStubApi, type ApiVersion, type Stub } from "./stubApi";

const CONFIG_KEY = "io.github.element_account_security";

const LOADERS: Record<ApiVersion, new (api: never) => LoaderLike> = {
    "1.4.1": Loader14 as never,
    "1.9.0": Loader19 as never,
    "2.1.0": Loader21 as never,
};

interface ElementGlobals {
    React?: unknown;
    mxMatrixClientPeg?: { get(): unknown };
    mxDispatcher?: unknown;
}
const globals = window as unknown as ElementGlobals;

let built: { default: unknown };
let stub: Stub | null = null;

beforeAll(async () => {
    // Element's contract: its React on window.React. The bundle must use it (it contains no React).
    globals.React = React;
    built = await importBuiltModule();
});

let info: jest.SpyInstance;
beforeEach(() => {
    info = jest.spyOn(console, "info").mockImplementation(() => {});
});

afterEach(() => {
    act(() => stub?.cleanup());
    stub = null;
    delete globals.mxMatrixClientPeg;
    delete globals.mxDispatcher;
    window.location.hash = "";
    jest.restoreAllMocks();
});

async function loadWith(version: ApiVersion, options: Parameters<typeof createStubApi>[1] = {}): Promise<Stub> {
    stub = createStubApi(version, options);
    const loader = new LOADERS[version](stub.api as never);
    await loader.load(built);
    await act(() => loader.start());
    return stub;
}

/** Simulates Element logging in: the peg gets a client, then the profile watchable changes. */
function logIn(s: Stub, userId = "@alice:example.org"): void {
    // A client without crypto or account data (enough for the shell; features degrade on it).
    const client = fakeClient(userId);
    globals.mxMatrixClientPeg = { get: () => client };
    act(() => {
        s.profile.value = { userId };
    });
}

function logOut(s: Stub): void {
    globals.mxMatrixClientPeg = { get: () => null };
    act(() => {
        s.profile.value = { userId: undefined };
    });
}

function layer(s: Stub): HTMLElement {
    const container = s.rootNode.nextElementSibling as HTMLElement | null;
    if (!container) throw new Error("no sibling root after api.rootNode");
    return container;
}

describe.each(["1.4.1", "1.9.0", "2.1.0"] as const)("module API %s with its real loader", (version) => {
    const hasSpacePanel = version !== "1.4.1";

    it("accepts the module and load() registers our translations", async () => {
        const s = await loadWith(version);
        expect(info).toHaveBeenCalledWith(
            hasSpacePanel
                ? "[account-security] loaded: entry point space panel item, page #/account-security"
                : "[account-security] loaded: entry point button in the nudge layer",
        );
        expect(s.registered.translations).toHaveLength(1);
        expect(s.registered.translations[0]!["shell.title"]).toEqual({ en: "Account security", de: "Kontosicherheit" });
    });

    it("mounts the nudge layer in a sibling root below Element's dialogs, empty until login", async () => {
        const s = await loadWith(version);
        const container = layer(s);
        expect(s.registered.roots.map((r) => r.container)).toContain(container);
        expect(container).toBeEmptyDOMElement();

        logIn(s);
        const nudgeLayer = container.querySelector<HTMLElement>(".eas-nudge-layer");
        expect(nudgeLayer).not.toBeNull();
        expect(Number(nudgeLayer!.style.zIndex)).toBeLessThan(4000);

        logOut(s);
        expect(container.querySelector(".eas-nudge-layer")).toBeNull();
    });

    it(
        hasSpacePanel
            ? "adds a space-panel item that shows our full page at #/account-security"
            : "offers an Account security button in the nudge layer (no space panel on this host)",
        async () => {
            const s = await loadWith(version);
            logIn(s);
            const button = within(layer(s)).queryByRole("button", { name: "Account security" });
            if (!hasSpacePanel) {
                expect(s.registered.spacePanelItems.size).toBe(0);
                expect(s.registered.locationRenderers.size).toBe(0);
                expect(button).not.toBeNull();
                return;
            }
            expect(button).toBeNull();
            const item = s.registered.spacePanelItems.get(CONFIG_KEY);
            expect(item).toMatchObject({ label: "Account security" });
            expect(render(<>{item!.icon}</>).container.querySelector("svg")).not.toBeNull();
            act(() => item!.onSelected());
            expect(window.location.hash).toBe("#/account-security");
            expect([...s.registered.locationRenderers.keys()]).toEqual(["account-security"]);
        },
    );

    it("opens the panel in the host's dialog; its lazy chunk loads from next to index.js", async () => {
        const s = await loadWith(version);
        logIn(s);
        const button = within(layer(s)).queryByRole("button", { name: "Account security" });
        if (button) fireEvent.click(button);
        else act(() => s.registered.spacePanelItems.get(CONFIG_KEY)!.onSelected());
        logOut(s); // the panel must then say "log in" (and never touch a stale client)
        if (hasSpacePanel) {
            // Hosts with a page show it for the hash.
            const Page = s.registered.locationRenderers.get("account-security")!;
            render(<>{Page()}</>);
            expect(await screen.findByRole("heading", { name: "Account security" })).toBeInTheDocument();
            expect(screen.getByText("Log in to see your account security.")).toBeInTheDocument();
            return;
        }
        await waitFor(() => expect(s.registered.dialogs).toHaveLength(1));
        const dialog = s.registered.dialogs[0]!;
        expect(dialog.title).toBe("Account security");
        const { Component, props } = dialog;
        render(<Component {...props} onSubmit={jest.fn()} onCancel={jest.fn()} />);
        expect(await screen.findByText("Log in to see your account security.")).toBeInTheDocument();
        // compound-web's stylesheet is injected by the lazy chunk (never at load()).
        expect(document.head.querySelector("style")).not.toBeNull();
    });

    it("follows the host's language, fetching the German panel strings when a panel opens", async () => {
        const error = jest.spyOn(console, "error");
        const s = await loadWith(version, { language: "de" });
        logIn(s);
        if (hasSpacePanel) {
            expect(s.registered.spacePanelItems.get(CONFIG_KEY)!.label).toBe("Kontosicherheit");
            logOut(s);
            render(<>{s.registered.locationRenderers.get("account-security")!()}</>);
        } else {
            fireEvent.click(within(layer(s)).getByRole("button", { name: "Kontosicherheit" }));
            await waitFor(() => expect(s.registered.dialogs).toHaveLength(1));
            logOut(s);
            const { Component, props, title } = s.registered.dialogs[0]!;
            expect(title).toBe("Kontosicherheit");
            render(<Component {...props} onSubmit={jest.fn()} onCancel={jest.fn()} />);
        }
        expect(await screen.findByText("Melde dich an, um die Sicherheit deines Kontos zu sehen.")).toBeInTheDocument();
        // The strings chunk (strings-de.<hash>.js) loaded from next to index.js: no fallback to English.
        expect(error.mock.calls.filter((call) => String(call[0]).includes("could not load"))).toEqual([]);
    });

    it("logs one error naming the key and field of a bad config, and still loads", async () => {
        const error = jest.spyOn(console, "error").mockImplementation(() => {});
        const s = await loadWith(version, {
            config: { [CONFIG_KEY]: { nudges: { snooze_days: "soon" }, entry_point: { space_panel: 1 } } },
        });
        expect(error).toHaveBeenCalledTimes(1);
        const message = String(error.mock.calls[0]![0]);
        expect(message).toContain(`${CONFIG_KEY}.nudges.snooze_days`);
        expect(message).toContain(`${CONFIG_KEY}.entry_point.space_panel`);
        expect(s.registered.translations).toHaveLength(1);
        logIn(s);
        expect(layer(s).querySelector(".eas-nudge-layer")).not.toBeNull();
    });

    it("does not throw into the host when config cannot be read, and makes no request", async () => {
        const error = jest.spyOn(console, "error").mockImplementation(() => {});
        const fetch = jest.fn();
        (globalThis as { fetch?: unknown }).fetch = fetch;
        const open = jest.spyOn(XMLHttpRequest.prototype, "open");
        await expect(
            loadWith(version, {
                config: () => {
                    throw new Error("config.json is broken");
                },
            }),
        ).resolves.toBeDefined();
        expect(error).toHaveBeenCalledTimes(1);
        expect(fetch).not.toHaveBeenCalled();
        expect(open).not.toHaveBeenCalled();
        delete (globalThis as { fetch?: unknown }).fetch;
    });

    it("stays off, registering nothing visible, when config says enabled: false", async () => {
        const s = await loadWith(version, { config: { [CONFIG_KEY]: { enabled: false } } });
        expect(s.registered.spacePanelItems.size).toBe(0);
        expect(s.registered.roots).toHaveLength(0);
    });
});

describe("a host whose alpha APIs misbehave", () => {
    it("still loads: a throwing setSpacePanelItem means the nudge-layer button is the entry point", async () => {
        const error = jest.spyOn(console, "error").mockImplementation(() => {});
        stub = createStubApi("2.1.0");
        const api = stub.api as unknown as { extras: { setSpacePanelItem(): void } };
        api.extras.setSpacePanelItem = () => {
            throw new Error("changed in this Element version");
        };
        const loader = new Loader21(stub.api as never);
        await loader.load(built as never);
        await act(() => loader.start());
        expect(error).toHaveBeenCalledTimes(1);
        expect(String(error.mock.calls[0]![0])).toContain("could not add the space panel item");
        logIn(stub);
        expect(within(layer(stub)).getByRole("button", { name: "Account security" })).toBeInTheDocument();
    });
});

describe("versions the module does not support", () => {
    const pkg = (name: string) => path.resolve(__dirname, "../../../node_modules", name);

    it("is refused by a module API 3.0.0 engine with its ModuleIncompatibleError", async () => {
        const engine = await importLoaderClaimingVersion(pkg("@element-hq/element-web-module-api"), "2.1.0", "3.0.0");
        const loader = new engine.ModuleLoader(createStubApi("2.1.0").api);
        await expect(loader.load(built)).rejects.toBeInstanceOf(engine.ModuleIncompatibleError);
        await expect(loader.load(built)).rejects.toThrow("incompatible with engine version 3.0.0");
    });

    it("is refused by a module API 1.3.0 engine (before the APIs we need)", async () => {
        const engine = await importLoaderClaimingVersion(pkg("module-api-v1.4"), "1.4.1", "1.3.0");
        const loader = new engine.ModuleLoader(createStubApi("1.4.1").api);
        await expect(loader.load(built)).rejects.toBeInstanceOf(engine.ModuleIncompatibleError);
    });

    it("declares a range the real loaders check, and their errors are the published classes", async () => {
        const factory = built.default as { moduleApiVersion: string };
        expect(factory.moduleApiVersion).toBe("^1.4.0 || ^2.0.0");
        for (const [Loader, Incompatible] of [
            [Loader14, Incompatible14],
            [Loader19, Incompatible19],
            [Loader21, Incompatible21],
        ] as const) {
            const loader = new Loader(createStubApi("2.1.0").api as never);
            const tooNew = { default: class extends (built.default as new (api: never) => object) {} };
            Object.defineProperty(tooNew.default, "moduleApiVersion", { value: "^9.0.0" });
            await expect(loader.load(tooNew as never)).rejects.toBeInstanceOf(Incompatible);
        }
    });
});
