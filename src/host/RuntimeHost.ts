/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { Api } from "@element-hq/element-web-module-api";

import type { AccountSecurityConfig, NudgeKind } from "../config";
import type { PanelTarget } from "../panelTargets";
import type { PageRequest } from "../panel/Host";
import { ElementHost, type PanelOpener } from "./ElementHost";
import { PAGE_HASH } from "../pagePath";
import { HOST_REMINDERS, runtimeGeneration, type HostGeneration } from "./hostReminders";

/**
 * The part of the module API every supported version (1.4.1 … 2.x) has. Members that came later are
 * optional here so that using them without a feature check is a type error.
 */
export type RuntimeApi = Pick<Api, "config" | "i18n" | "rootNode" | "createRoot" | "openDialog" | "profile"> & {
    /** 1.9+ (alpha). */
    readonly extras?: Partial<Pick<Api["extras"], "setSpacePanelItem">>;
    /** `registerLocationRenderer` is 1.9+ (alpha). */
    readonly navigation?: Partial<Pick<Api["navigation"], "registerLocationRenderer">>;
    /** 1.9+. */
    readonly client?: Partial<Api["client"]>;
    /** 1.x only: hands a build-time RuntimeModule to the host's legacy module system. */
    readonly _registerLegacyModule?: unknown;
};

/** What this host offers beyond the 1.4 baseline, detected from the API object, never from its version. */
export interface RuntimeCapabilities {
    spacePanel: boolean;
    locationRenderer: boolean;
    accountData: boolean;
    legacyModule: boolean;
}

export function detectCapabilities(api: RuntimeApi): RuntimeCapabilities {
    return {
        spacePanel: typeof api.extras?.setSpacePanelItem === "function",
        locationRenderer: typeof api.navigation?.registerLocationRenderer === "function",
        accountData: typeof api.client?.accountData?.get === "function",
        legacyModule: typeof api._registerLegacyModule === "function",
    };
}

/** The Host over Element Web's runtime module API (1.4.1, 1.9.0, 2.x). */
export class RuntimeHost extends ElementHost<RuntimeApi> {
    public hasSpacePanelEntry = false;
    public readonly capabilities: RuntimeCapabilities;
    public readonly generation: HostGeneration;
    private readonly onProfile = (profile: { userId?: string }): void => this.watcher.check(profile?.userId ?? null);

    public constructor(
        api: RuntimeApi,
        config: AccountSecurityConfig,
        loadPanelOpener: () => Promise<PanelOpener<RuntimeApi>>,
    ) {
        super(api, config, loadPanelOpener);
        this.capabilities = detectCapabilities(api);
        this.generation = runtimeGeneration(this.capabilities);
    }

    private pageRequest: PageRequest | null = null;
    private readonly pageListeners = new Set<() => void>();

    /**
     * Shows our page (`#/account-security`, hosts with a location renderer) at `target`. Each call is a
     * new request, which the page follows whether it is being mounted or already shown.
     */
    public showPage(target?: PanelTarget): void {
        this.pageRequest = target === undefined ? null : { target };
        for (const listener of [...this.pageListeners]) listener();
        window.location.hash = PAGE_HASH;
    }

    public get currentPageRequest(): PageRequest | null {
        return this.pageRequest;
    }

    public onPageRequest(listener: () => void): () => void {
        this.pageListeners.add(listener);
        return () => this.pageListeners.delete(listener);
    }

    public get hostReminders(): readonly NudgeKind[] {
        return HOST_REMINDERS[this.generation];
    }

    /** Starts following login/logout/account switch. No request. */
    public start(): void {
        this.startWatching();
        try {
            this.api.profile?.watch(this.onProfile);
            this.watcher.check(this.api.profile?.value?.userId ?? undefined);
        } catch (error) {
            console.error("[account-security] cannot watch the host's profile", error);
        }
    }

    public get language(): string {
        try {
            return this.api.i18n.language || "en";
        } catch {
            return "en";
        }
    }
}
