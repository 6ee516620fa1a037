/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Entry for Element Web's build-time module system (build_config.yaml → "modules"; the package's
 * "exports" point Element's generated `import ModuleN from "element-account-security"` here).
 * Same views, same nudge layer: rendered inside Element's app through WrapperLifecycle, panels in
 * Element's module dialog.
 */
import { createElement, Fragment, useEffect, type PropsWithChildren, type ReactNode } from "react";
import type { ModuleApi } from "@matrix-org/react-sdk-module-api/lib/ModuleApi";
import { RuntimeModule } from "@matrix-org/react-sdk-module-api/lib/RuntimeModule";
import { WrapperLifecycle, type WrapperOpts } from "@matrix-org/react-sdk-module-api/lib/lifecycles/WrapperLifecycle";

import { toHostTranslations } from "./i18n";
import { LegacyHost, readLegacyConfig } from "./host/LegacyHost";
import { startSettingsLink } from "./host/settingsLink";
import { NudgeLayerRoot } from "./panel/NudgeLayerRoot";
import { ErrorBoundary } from "./views/ErrorBoundary";

function guarded<T>(what: string, action: () => T): T | undefined {
    try {
        return action();
    } catch (error) {
        console.error(`[account-security] could not ${what}; carrying on without it`, error);
        return undefined;
    }
}

export default class AccountSecurityLegacyModule extends RuntimeModule {
    public readonly host: LegacyHost | null = null;

    public constructor(moduleApi: ModuleApi) {
        super(moduleApi);
        this.moduleName = "element-account-security";
        guarded("register translations", () => moduleApi.registerTranslations(toHostTranslations()));
        const config = readLegacyConfig(moduleApi);
        if (!config.enabled) return;

        const host = new LegacyHost(moduleApi, config, () =>
            import("./host/legacyPanel").then((chunk) => chunk.openLegacyPanelDialog),
        );
        this.host = host;
        guarded("follow the logged-in account", () => host.start());

        // Element asks every module for a wrapper around its whole app, passing one opts object along.
        // Ours renders the app unchanged (inside any wrapper an earlier module set) and the nudge layer
        // next to it, behind an error boundary so our bug can never blank the app.
        this.on(WrapperLifecycle.Wrapper, (opts: WrapperOpts) => {
            const Inner = opts.Wrapper ?? Fragment;
            function AccountSecurityWrapper({ children }: PropsWithChildren): ReactNode {
                useEffect(() => host.refresh(), []);
                return createElement(
                    Fragment,
                    null,
                    createElement(Inner, null, children),
                    createElement(ErrorBoundary, { fallback: null }, createElement(NudgeLayerRoot, { host })),
                );
            }
            opts.Wrapper = AccountSecurityWrapper;
        });
        if (config.entry_point.settings_link) {
            guarded("add the link in Element's Settings", () =>
                startSettingsLink({
                    t: (key, values) => host.t(key, values),
                    open: (section) => host.openPanel(section),
                }),
            );
        }
        console.info("[account-security] loaded as a build-time module");
    }
}
