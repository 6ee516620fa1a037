/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Entry of the development host page: the stand-in for Element Web that `npm start` and the browser
 * tests serve. It does, in order, what Element does for a runtime module: React on `window.React`,
 * config from /config.json, every URL in `config.modules` import()ed and handed to the real
 * ModuleLoader from @element-hq/element-web-module-api, `start()`, then the app itself (login or the
 * resumed session). Never shipped in dist/.
 */
import React from "react";
import { createRoot } from "react-dom/client";
import { ModuleLoader, type Config } from "@element-hq/element-web-module-api";

import { createModuleApi, Registry, type HostUi } from "./api";
import { App, type SessionState } from "./App";
import { createCryptoCallbacks } from "./cryptoCallbacks";
import { DialogContainer, DialogManager } from "./dialogs";
import { Session } from "./session";
import { h, setHostLanguage } from "./strings";

type DispatchPayload = { action: string; [key: string]: unknown };

/** What the browser tests read to know the page is ready and whether any module failed to load. */
interface DevHostStatus {
    modulesLoaded: boolean;
    moduleErrors: string[];
    dispatched: DispatchPayload[];
}

function installGlobals(status: DevHostStatus): void {
    const globals = window as unknown as Record<string, unknown>;
    // "part of the Module API contract": modules use the host's React, never their own copy.
    globals.React = React;
    // Element's dispatcher, minimal: modules may dispatch actions such as "view_user_settings".
    const callbacks = new Map<string, (payload: DispatchPayload) => void>();
    let nextId = 0;
    globals.mxDispatcher = {
        dispatch(payload: DispatchPayload) {
            status.dispatched.push(payload);
            console.info("dev host: dispatched", payload.action);
            for (const callback of callbacks.values()) callback(payload);
        },
        register(callback: (payload: DispatchPayload) => void): string {
            const id = `ID_${nextId++}`;
            callbacks.set(id, callback);
            return id;
        },
        unregister(id: string) {
            callbacks.delete(id);
        },
    };
    globals.mxDevHost = status;
}

async function main(): Promise<void> {
    const status: DevHostStatus = { modulesLoaded: false, moduleErrors: [], dispatched: [] };
    installGlobals(status);

    const config = (await (await fetch("/config.json", { cache: "no-store" })).json()) as Config;
    const language = localStorage.getItem("mx_dev_host_language") ?? "en";
    document.documentElement.lang = language;
    setHostLanguage(language);
    const homeserverUrl = config.default_server_config?.["m.homeserver"]?.base_url ?? window.location.origin;

    const dialogs = new DialogManager();
    createRoot(document.getElementById("mx_Dialog_Container")!).render(<DialogContainer manager={dialogs} />);
    // Element's settings are not part of this stand-in: say so where Element would open them.
    (
        window as unknown as { mxDispatcher: { register(cb: (p: DispatchPayload) => void): string } }
    ).mxDispatcher.register((payload) => {
        if (payload.action !== "view_user_settings") return;
        const close = dialogs.open(
            h("Settings"),
            <p>
                {h(
                    "Element Web would open its own settings here (tab: {tab}). The development host does not have them.",
                    { tab: String(payload.initialTabId ?? "general") },
                )}
            </p>,
            () => close(),
        );
    });

    const cryptoCallbacks = createCryptoCallbacks(dialogs, () => session.current);
    const session: Session = new Session(cryptoCallbacks);
    const ui: HostUi = { spacePanelItems: new Registry(), locationRenderers: new Registry() };
    const rootNode = document.getElementById("matrixchat")!;
    const api = createModuleApi({ config, language, session, dialogs, ui, rootNode });

    // Element's loadModules(): one import() per URL, the real loader checks moduleApiVersion.
    const loader = new ModuleLoader(api);
    for (const url of config.modules ?? []) {
        try {
            await loader.load(await import(/* webpackIgnore: true */ url));
        } catch (error) {
            status.moduleErrors.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
            console.error("dev host: could not load module", url, error);
        }
    }
    try {
        await loader.start();
    } catch (error) {
        status.moduleErrors.push(`start(): ${error instanceof Error ? error.message : String(error)}`);
        console.error("dev host: a module's load() failed", error);
    }
    status.modulesLoaded = true;

    const appRoot = createRoot(rootNode);
    const render = (state: SessionState): void =>
        appRoot.render(
            <App
                session={session}
                ui={ui}
                dialogs={dialogs}
                initialState={state}
                homeserverUrl={homeserverUrl}
                language={language}
            />,
        );
    render("restoring");
    try {
        render((await session.restore()) ? "logged_in" : "logged_out");
    } catch (error) {
        console.error("dev host: could not resume the saved session", error);
        render("logged_out");
    }
}

void main();
