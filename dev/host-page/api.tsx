/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The module API object the development host hands to ModuleLoader: the members our module uses,
 * implemented the way Element Web implements them (src/modules/Api.ts and friends), and a harmless
 * stand-in for the rest that says in the console what a module called.
 */
import React, { type ComponentType, type JSX } from "react";
import { createRoot } from "react-dom/client";
import {
    Watchable,
    type AccountDataApi,
    type Api,
    type Config,
    type DialogHandle,
    type DialogOptions,
    type DialogProps,
    type Profile,
    type SpacePanelItemProps,
    type Translations,
} from "@element-hq/element-web-module-api";
import { ClientEvent, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";

import { InHostForm } from "./hostForm";
import type { DialogManager } from "./dialogs";
import type { Session } from "./session";

/** A tiny observable registry, for things the host's UI renders (space items, location renderers). */
export class Registry<T> {
    private readonly entries = new Map<string, T>();
    private snapshot: [string, T][] = [];
    private readonly listeners = new Set<() => void>();

    public set(key: string, value: T): void {
        this.entries.set(key, value);
        this.snapshot = [...this.entries];
        for (const listener of this.listeners) listener();
    }

    public get(key: string): T | undefined {
        return this.entries.get(key);
    }

    public subscribe = (listener: () => void): (() => void) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    };

    public getSnapshot = (): [string, T][] => this.snapshot;
}

export interface HostUi {
    spacePanelItems: Registry<SpacePanelItemProps>;
    locationRenderers: Registry<() => JSX.Element>;
}

/** Account data of one event type, followed live (Element: a Watchable bound to the current client). */
class AccountDataWatchable extends Watchable<unknown> {
    public constructor(
        private readonly client: MatrixClient,
        private readonly eventType: string,
    ) {
        super(client.getAccountData(eventType as never)?.getContent());
    }

    private readonly onAccountData = (event: MatrixEvent): void => {
        if (event.getType() === this.eventType) this.value = event.getContent();
    };

    protected override onFirstWatch(): void {
        this.client.on(ClientEvent.AccountData, this.onAccountData);
    }

    protected override onLastWatch(): void {
        this.client.off(ClientEvent.AccountData, this.onAccountData);
    }
}

function substitute(text: string, variables?: Record<string, unknown>): string {
    if (!variables) return text;
    return text.replace(/%\((\w+)\)s/g, (match, name: string) => (name in variables ? String(variables[name]) : match));
}

/** Parts of the API our module does not use: any call is logged and ignored, so a mistake is visible. */
function notImplemented(area: string): never {
    return new Proxy(
        {},
        {
            get: (_target, member) => {
                if (typeof member !== "string" || member === "then") return undefined;
                return (...args: unknown[]) => {
                    console.warn(`dev host: api.${area}.${member}() is not implemented here; ignored`, args);
                };
            },
        },
    ) as never;
}

export function createModuleApi(options: {
    config: Config;
    language: string;
    session: Session;
    dialogs: DialogManager;
    ui: HostUi;
    rootNode: HTMLElement;
}): Api {
    const { config, language, session, dialogs, ui, rootNode } = options;
    const translations: Translations = {};

    const profile = new Watchable<Profile>({});
    const updateProfile = (client: MatrixClient | null): void => {
        if (!client) {
            profile.value = {};
            return;
        }
        const userId = client.getSafeUserId();
        profile.value = {
            userId,
            displayName: client.getUser(userId)?.displayName ?? userId,
            isGuest: client.isGuest(),
        };
    };
    session.onChange(updateProfile);

    const requireClient = (): MatrixClient => {
        const client = session.current;
        if (!client) throw new Error("dev host: not logged in");
        return client;
    };

    const accountData: AccountDataApi = {
        get: (eventType) => new AccountDataWatchable(requireClient(), eventType),
        set: async (eventType, content) => {
            await requireClient().setAccountData(eventType as never, content as never);
        },
        delete: async (eventType) => {
            await requireClient().deleteAccountData(eventType as never);
        },
    };

    const api = {
        config: {
            get: (key?: keyof Config) => (key === undefined ? config : config[key]),
        },
        i18n: {
            get language() {
                return language;
            },
            register(add: Partial<Translations>) {
                Object.assign(translations, add);
            },
            translate(key: string, variables?: Record<string, unknown>) {
                const entry = translations[key];
                const base = language.split("-")[0] ?? "en";
                const text = entry?.[language] ?? entry?.[base] ?? entry?.["en"] ?? key;
                return substitute(text, variables);
            },
            humanizeTime(timeMillis: number) {
                return new Date(timeMillis).toLocaleString(language);
            },
        },
        rootNode,
        createRoot: (element: Element) => createRoot(element),
        profile,
        openDialog<M, P extends object>(
            initialOptions: DialogOptions,
            Dialog: ComponentType<P & DialogProps<M>>,
            props: P,
        ): DialogHandle<M> {
            let settle!: (result: { ok: boolean; model: M | null }) => void;
            const finished = new Promise<{ ok: boolean; model: M | null }>((resolve) => (settle = resolve));
            let closed = false;
            const finish = (ok: boolean, model: M | null): void => {
                if (closed) return;
                closed = true;
                remove();
                settle({ ok, model });
            };
            const onSubmit = (model: M): void => finish(true, model);
            const onCancel = (): void => finish(false, null);
            const remove = dialogs.open(
                initialOptions.title,
                <InHostForm>
                    <Dialog {...props} onSubmit={onSubmit} onCancel={onCancel} />
                </InHostForm>,
                onCancel,
            );
            return { finished, close: onCancel };
        },
        client: {
            accountData,
            getRoom: () => null,
            creationManagement: notImplemented("client.creationManagement"),
        },
        extras: {
            setSpacePanelItem: (spaceKey: string, props: SpacePanelItemProps) =>
                ui.spacePanelItems.set(spaceKey, props),
            getVisibleRoomBySpaceKey: () => undefined,
            addRoomHeaderButtonCallback: () => undefined,
        },
        navigation: {
            registerLocationRenderer: (path: string, renderer: () => JSX.Element) =>
                ui.locationRenderers.set(path, renderer),
            toMatrixToLink: async (link: string) => {
                console.warn("dev host: matrix.to links are not followed here", link);
            },
            openRoom: (roomIdOrAlias: string) => {
                window.location.hash = `#/room/${encodeURIComponent(roomIdOrAlias)}`;
            },
        },
        overwriteAccountAuth: async () => {
            throw new Error("dev host: overwriteAccountAuth is not implemented");
        },
        customComponents: notImplemented("customComponents"),
        builtins: notImplemented("builtins"),
        stores: notImplemented("stores"),
        widgetLifecycle: notImplemented("widgetLifecycle"),
        widget: notImplemented("widget"),
        customisations: notImplemented("customisations"),
        composer: notImplemented("composer"),
        storageHelper: notImplemented("storageHelper"),
        settings: notImplemented("settings"),
        urlPreviews: notImplemented("urlPreviews"),
    };
    return api as unknown as Api;
}
