/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The BUILT lib/legacy.js as Element Web's build-time module system uses it: the package's default
 * import is a RuntimeModule constructed with a ModuleApi; Element asks it for a Wrapper around the app
 * (WrapperLifecycle) and it opens panels with moduleApi.openDialog.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import semver from "semver";
import React, { createRef, type ReactNode } from "react";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ModuleApi } from "@matrix-org/react-sdk-module-api/lib/ModuleApi";
import { RuntimeModule } from "@matrix-org/react-sdk-module-api/lib/RuntimeModule";
import { WrapperLifecycle, type WrapperOpts } from "@matrix-org/react-sdk-module-api/lib/lifecycles/WrapperLifecycle";

import pkg from "../../../package.json";
import { fakeClient } from "../panel/stubHost";
import { LIB } from "./importBuilt";

const CONFIG_KEY = "io.github.element_account_security";

interface ElementGlobals {
    mxMatrixClientPeg?: { get(): unknown };
    mxDispatcher?: { register(cb: (payload: { action: string }) => void): string; unregister(): void };
}
const globals = window as unknown as ElementGlobals;

/** Element's dispatcher, reduced to what the module uses: register/unregister and a way to dispatch. */
function installDispatcher(): (action: string) => void {
    const callbacks = new Set<(payload: { action: string }) => void>();
    globals.mxDispatcher = {
        register: (cb) => {
            callbacks.add(cb);
            return "id";
        },
        unregister: () => callbacks.clear(),
    };
    return (action) => act(() => callbacks.forEach((cb) => cb({ action })));
}

type LegacyModuleClass = new (api: ModuleApi) => RuntimeModule;

function loadLegacy(): LegacyModuleClass {
    // What Element's generated modules.js does: `import Module1 from "element-account-security"`.
    const exported = jest.requireActual(path.join(LIB, "legacy.js")) as {
        default: LegacyModuleClass;
        __esModule?: boolean;
    };
    expect(exported.__esModule).toBe(true);
    return exported.default;
}

interface Opened {
    options: { title: string };
    body: (props: Record<string, unknown>, ref: React.RefObject<unknown>) => ReactNode;
    props: Record<string, unknown>;
}

function stubModuleApi(config: Record<string, unknown> = {}) {
    const opened: Opened[] = [];
    const registerTranslations = jest.fn();
    const api = {
        registerTranslations,
        translateString: (s: string) => s,
        getConfigValue: (namespace: string, key: string) =>
            namespace === CONFIG_KEY ? (config as Record<string, unknown>)[key] : undefined,
        openDialog: (options: { title: string }, body: Opened["body"], props: Record<string, unknown>) => {
            opened.push({ options, body, props });
            return new Promise(() => {});
        },
    } as unknown as ModuleApi;
    return { api, opened, registerTranslations };
}

beforeEach(() => {
    jest.spyOn(console, "info").mockImplementation(() => {});
});

afterEach(() => {
    delete globals.mxMatrixClientPeg;
    delete globals.mxDispatcher;
    document.documentElement.lang = "";
    jest.restoreAllMocks();
});

describe("build-time module (lib/legacy.js)", () => {
    it("package.json points Element's build-time import at lib/legacy.js", () => {
        expect(pkg.exports["."]).toBe("./lib/legacy.js");
        expect(pkg.main).toBe("lib/legacy.js");
        expect(pkg.exports["./runtime"]).toBe("./dist/index.js");
    });

    it("installs the way Element's build-time installer expects", () => {
        // Element's module_system installer reads the module's declared react-sdk-module-api range and
        // checks its own installed version against it (semver.satisfies(installed, declared)).
        const declared = (pkg.devDependencies as Record<string, string>)["@matrix-org/react-sdk-module-api"];
        expect(semver.satisfies("2.5.0", declared!)).toBe(true);
        // Its generated modules.js then does `import Module1 from "element-account-security"`.
        const resolved = execFileSync(
            process.execPath,
            ["-e", 'process.stdout.write(require.resolve("element-account-security"))'],
            { cwd: path.resolve(__dirname, "../../..") },
        ).toString();
        expect(resolved).toBe(path.join(LIB, "legacy.js"));
    });

    it("loads outside a browser too (no self/document at import time), using the host's module API", () => {
        const script = `
            const Module = require(${JSON.stringify(path.join(LIB, "legacy.js"))}).default;
            const { RuntimeModule } = require("@matrix-org/react-sdk-module-api/lib/RuntimeModule");
            console.info = () => {};
            const api = { registerTranslations() {}, translateString: (s) => s, getConfigValue() {}, openDialog() {} };
            const opts = {};
            const module = new Module(api);
            module.emit("wrapper", opts);
            process.stdout.write(JSON.stringify([module instanceof RuntimeModule, typeof opts.Wrapper]));`;
        const out = execFileSync(process.execPath, ["-e", script], { cwd: path.resolve(__dirname, "../../..") });
        expect(JSON.parse(out.toString())).toEqual([true, "function"]);
    });

    it("is a RuntimeModule that registers translations and wraps the app without changing it", () => {
        const Module = loadLegacy();
        const { api, registerTranslations } = stubModuleApi();
        const module = new Module(api);
        expect(module).toBeInstanceOf(RuntimeModule);
        expect(registerTranslations).toHaveBeenCalledTimes(1);
        expect(registerTranslations.mock.calls[0][0]["shell.title"]).toEqual({
            en: "Account security",
            de: "Kontosicherheit",
        });

        const opts: WrapperOpts = { Wrapper: React.Fragment };
        module.emit(WrapperLifecycle.Wrapper, opts);
        expect(opts.Wrapper).not.toBe(React.Fragment);
        render(
            <opts.Wrapper>
                <main>Element app</main>
            </opts.Wrapper>,
        );
        expect(screen.getByText("Element app")).toBeInTheDocument();
        // Nobody logged in: the nudge layer renders nothing.
        expect(screen.queryByRole("button", { name: "Account security" })).toBeNull();
    });

    it("after login, shows the entry button; it opens the panel in Element's module dialog", async () => {
        const dispatch = installDispatcher();
        const Module = loadLegacy();
        const { api, opened } = stubModuleApi();
        const module = new Module(api);
        const opts: WrapperOpts = { Wrapper: React.Fragment };
        module.emit(WrapperLifecycle.Wrapper, opts);
        render(
            <opts.Wrapper>
                <main>Element app</main>
            </opts.Wrapper>,
        );

        globals.mxMatrixClientPeg = { get: () => null };
        dispatch("on_logged_in");
        expect(screen.queryByRole("button", { name: "Account security" })).toBeNull();

        globals.mxMatrixClientPeg = { get: () => fakeClient() };
        dispatch("on_logged_in");
        fireEvent.click(screen.getByRole("button", { name: "Account security" }));
        await waitFor(() => expect(opened).toHaveLength(1));
        expect(opened[0]!.options.title).toBe("Account security");

        globals.mxMatrixClientPeg = { get: () => null };
        dispatch("on_logged_out");
        expect(screen.queryByRole("button", { name: "Account security" })).toBeNull();

        const ref = createRef<unknown>();
        // As Element's ModuleUiDialog does: the module's props plus moduleApi, setOptions and cancel.
        const { body, props } = opened[0]!;
        render(<>{body({ ...props, moduleApi: api, setOptions: jest.fn(), cancel: jest.fn() }, ref)}</>);
        expect(screen.getByText("Log in to see your account security.")).toBeInTheDocument();
        expect(ref.current).toHaveProperty("trySubmit");
    });

    it("with a client that has no crypto, the crypto reminders stay quiet and nothing fails", async () => {
        const error = jest.spyOn(console, "error");
        const dispatch = installDispatcher();
        const Module = loadLegacy();
        // require_email: the one reminder that needs no crypto, to see the nudge engine really ran.
        const module = new Module(stubModuleApi({ email: { require_email: true } }).api);
        const opts: WrapperOpts = { Wrapper: React.Fragment };
        module.emit(WrapperLifecycle.Wrapper, opts);
        render(
            <opts.Wrapper>
                <main>Element app</main>
            </opts.Wrapper>,
        );
        globals.mxMatrixClientPeg = { get: () => fakeClient() };
        dispatch("on_logged_in");

        const reminder = await screen.findByRole("region", { name: "Account security reminder" });
        expect(reminder).toHaveTextContent("Add an email address");
        expect(screen.queryByText(/Verify this session|Set up recovery/)).toBeNull();
        expect(screen.queryByText("This part of Account security stopped working.")).toBeNull();
        expect(error).not.toHaveBeenCalled();
    });

    it("keeps a wrapper an earlier module set, and follows <html lang>", () => {
        document.documentElement.lang = "de";
        installDispatcher();
        globals.mxMatrixClientPeg = { get: () => fakeClient() };
        const Module = loadLegacy();
        const module = new Module(stubModuleApi().api);
        const Earlier = ({ children }: { children?: ReactNode }) => <div data-testid="earlier">{children}</div>;
        const opts: WrapperOpts = { Wrapper: Earlier };
        module.emit(WrapperLifecycle.Wrapper, opts);
        render(
            <opts.Wrapper>
                <main>Element app</main>
            </opts.Wrapper>,
        );
        expect(screen.getByTestId("earlier")).toHaveTextContent("Element app");
        expect(screen.getByRole("button", { name: "Kontosicherheit" })).toBeInTheDocument();
    });

    it("logs one error for a bad config field and does not throw; enabled: false adds no wrapper", () => {
        const error = jest.spyOn(console, "error").mockImplementation(() => {});
        const Module = loadLegacy();
        expect(() => new Module(stubModuleApi({ nudges: { snooze_days: -3 } }).api)).not.toThrow();
        expect(error).toHaveBeenCalledTimes(1);
        expect(String(error.mock.calls[0]![0])).toContain(`${CONFIG_KEY}.nudges.snooze_days`);

        const off = new Module(stubModuleApi({ enabled: false }).api);
        const opts: WrapperOpts = { Wrapper: React.Fragment };
        off.emit(WrapperLifecycle.Wrapper, opts);
        expect(opts.Wrapper).toBe(React.Fragment);
    });
});
