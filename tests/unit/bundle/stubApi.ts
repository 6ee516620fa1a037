/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Stub module APIs shaped like each published version, for loading the BUILT bundle through that
 * version's real ModuleLoader. Each stub has the members its version declares (checked against that
 * version's types with `satisfies`) and records what the module registered.
 */
import type { ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import type { Api as Api14 } from "module-api-v1.4";
import type { Api as Api19 } from "module-api-v1.9";
import type { Api as Api21 } from "@element-hq/element-web-module-api";
import { Watchable as Watchable14 } from "module-api-v1.4";
import { Watchable as Watchable19 } from "module-api-v1.9";
import { Watchable as Watchable21 } from "@element-hq/element-web-module-api";

/** Every member optional, one level deep: enough to check that member names exist in a version. */
type Shape<T> = { [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? unknown : Partial<T[K]> };

export type ApiVersion = "1.4.1" | "1.9.0" | "2.1.0";

export interface SpacePanelItem {
    label: string;
    tooltip?: string;
    icon?: ReactNode;
    onSelected(): void;
}

export interface OpenedDialog {
    title: string;
    Component: (props: Record<string, unknown>) => ReactNode;
    props: Record<string, unknown>;
    close: jest.Mock;
}

/** What load() gave the host. */
export interface Registrations {
    translations: Array<Record<string, Record<string, string>>>;
    spacePanelItems: Map<string, SpacePanelItem>;
    locationRenderers: Map<string, () => ReactNode>;
    dialogs: OpenedDialog[];
    roots: Array<{ container: Element; root: Root }>;
}

export interface StubOptions {
    /** What config.json holds under each key (a function may throw). */
    config?: Record<string, unknown> | (() => never);
    language?: string;
}

export interface Stub {
    api: Api14 | Api19 | Api21;
    registered: Registrations;
    /** The profile watchable of this version (login/logout/switch are simulated through it). */
    profile: { value: { userId?: string } };
    rootNode: HTMLElement;
    /** Unmounts every root the module created. */
    cleanup(): void;
}

function common(options: StubOptions, registered: Registrations, rootNode: HTMLElement) {
    return {
        config: {
            get: ((key?: string) => {
                if (typeof options.config === "function") options.config();
                const config = (options.config ?? {}) as Record<string, unknown>;
                return key === undefined ? config : config[key];
            }) as Api21["config"]["get"],
        },
        i18n: {
            get language() {
                return options.language ?? "en";
            },
            register: (translations: Record<string, Record<string, string>>) => {
                registered.translations.push(translations);
            },
            translate: (key: string) => key,
            humanizeTime: () => "",
        },
        rootNode,
        createRoot: (container: Element): Root => {
            const root = createRoot(container);
            registered.roots.push({ container, root });
            return root;
        },
        openDialog: (options: { title: string }, Component: unknown, props: Record<string, unknown>) => {
            const close = jest.fn();
            registered.dialogs.push({
                title: options.title,
                Component: Component as OpenedDialog["Component"],
                props,
                close,
            });
            return { finished: new Promise<{ ok: boolean; model: null }>(() => {}), close };
        },
        customComponents: {
            registerMessageRenderer: jest.fn(),
        },
    };
}

/** A stub Api with exactly the members module API `version` has. */
export function createStubApi(version: ApiVersion, options: StubOptions = {}): Stub {
    const registered: Registrations = {
        translations: [],
        spacePanelItems: new Map(),
        locationRenderers: new Map(),
        dialogs: [],
        roots: [],
    };
    const rootNode = document.createElement("div");
    rootNode.id = "matrixchat";
    document.body.append(rootNode);
    const base = common(options, registered, rootNode);

    const extras = {
        setSpacePanelItem: (key: string, item: SpacePanelItem) => void registered.spacePanelItems.set(key, item),
        getVisibleRoomBySpaceKey: jest.fn(),
    };
    const registerLocationRenderer = (path: string, renderer: () => ReactNode) =>
        void registered.locationRenderers.set(path, renderer);
    const accountData = { get: jest.fn(), set: jest.fn(), delete: jest.fn() };

    let api: Api14 | Api19 | Api21;
    let profile: { value: { userId?: string } };
    if (version === "1.4.1") {
        const watchable = new Watchable14({});
        profile = watchable;
        api = {
            ...base,
            profile: watchable,
            navigation: { toMatrixToLink: jest.fn() },
            _registerLegacyModule: jest.fn(),
            _registerLegacyComponentVisibilityCustomisations: jest.fn(),
        } satisfies Shape<Api14> as unknown as Api14;
    } else if (version === "1.9.0") {
        const watchable = new Watchable19({});
        profile = watchable;
        api = {
            ...base,
            profile: watchable,
            navigation: { toMatrixToLink: jest.fn(), registerLocationRenderer, openRoom: jest.fn() },
            extras,
            client: { accountData },
            stores: {},
            builtins: {},
            _registerLegacyModule: jest.fn(),
        } satisfies Shape<Api19> as unknown as Api19;
    } else {
        const watchable = new Watchable21({});
        profile = watchable;
        api = {
            ...base,
            profile: watchable,
            navigation: { toMatrixToLink: jest.fn(), registerLocationRenderer, openRoom: jest.fn() },
            extras,
            client: { accountData },
            stores: {},
            builtins: {},
            customisations: {},
            settings: {},
            storageHelper: {},
        } satisfies Shape<Api21> as unknown as Api21;
    }

    return {
        api,
        registered,
        profile,
        rootNode,
        cleanup: () => {
            for (const { root } of registered.roots) root.unmount();
            document.body.replaceChildren();
        },
    };
}
