/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { createElement } from "react";

import { CONFIG_KEY, parseConfig, type AccountSecurityConfig } from "../config";
import { toHostTranslations } from "../i18n";
import { NudgeLayerRoot } from "../panel/NudgeLayerRoot";
import { createLayerContainer } from "./layerContainer";
import { schedulePanelPrefetch } from "./prefetch";
import { RuntimeHost, type RuntimeApi } from "./RuntimeHost";
import { loadPanelChunk, PAGE_HASH, PAGE_PATH, PanelPageLoader, SpacePanelIcon } from "./runtimeEntryPoints";
import { startSettingsLink } from "./settingsLink";

/** The key of our space-panel item (the host keeps one item per key). */
const SPACE_KEY = CONFIG_KEY;

/** Reads our config key; a bad value logs ONE error (naming the key and each field) and falls back per field. */
export function readRuntimeConfig(api: Pick<RuntimeApi, "config">): AccountSecurityConfig {
    const problems: string[] = [];
    let raw: unknown;
    try {
        raw = api.config.get(CONFIG_KEY);
    } catch (error) {
        problems.push(`${CONFIG_KEY} could not be read (${String(error)}); using the defaults.`);
    }
    const config = parseConfig(raw, (message) => problems.push(message));
    if (problems.length > 0) {
        console.error(`[account-security] config.json "${CONFIG_KEY}" has problems:\n  ${problems.join("\n  ")}`);
    }
    return config;
}

/**
 * Everything `load()` does on a runtime host: register translations, read config, add the best entry
 * point the host offers and mount the nudge layer. Synchronous, no request. Each step is guarded on
 * its own, so one failing step (an alpha API that changed) does not take the others with it.
 */
export function startRuntimeModule(api: RuntimeApi): RuntimeHost | null {
    const step = (what: string, action: () => void): void => {
        try {
            action();
        } catch (error) {
            console.error(`[account-security] could not ${what}; carrying on without it`, error);
        }
    };

    step("register translations", () => api.i18n.register(toHostTranslations()));
    const config = readRuntimeConfig(api);
    if (!config.enabled) {
        console.info(`[account-security] disabled by config.json "${CONFIG_KEY}".enabled`);
        return null;
    }

    const host = new RuntimeHost(api, config, () => loadPanelChunk().then((chunk) => chunk.openPanelDialog));
    step("follow the logged-in account", () => host.start());
    // The panel's code (not its data) is fetched while the browser is idle after login, so the first
    // click on the entry point does not wait for the network.
    step("prefetch the panel", () =>
        schedulePanelPrefetch(host, () => loadPanelChunk().then((chunk) => chunk.prefetchPanel(host.language))),
    );

    // `capabilities.legacyModule` (1.x's _registerLegacyModule) is detected but not used: the sibling
    // root already carries the nudge layer on every version, and handing over the legacy RuntimeModule
    // would put react-sdk-module-api into the entry chunk for no visible gain.
    const { locationRenderer, spacePanel } = host.capabilities;
    if (locationRenderer) {
        step("register the Account security page", () =>
            api.navigation!.registerLocationRenderer!(PAGE_PATH, () => createElement(PanelPageLoader, { host })),
        );
    }
    if (spacePanel && config.entry_point.space_panel) {
        // Element names the item by `label` (aria-label, and the tooltip of the collapsed panel), so the
        // number of problems the badge shows is said there too; the same key updates the item.
        const setItem = (): void => {
            const badge = host.getAccount()?.badge;
            const count = badge?.get() ?? 0;
            const checkup = badge?.getCheckup() ?? null;
            // With the checkup counting, the label says "3 of 4 protections on" and the badge the 1 that is off.
            const label =
                checkup && checkup.on < checkup.total
                    ? host.t("shell.space_panel_label_checkup", { ...checkup })
                    : count > 0
                      ? host.t("shell.space_panel_label_count", { count })
                      : host.t("shell.title");
            api.extras!.setSpacePanelItem!(SPACE_KEY, {
                label,
                tooltip: host.t("shell.space_panel_tooltip"),
                icon: createElement(SpacePanelIcon, { host }),
                // Selecting the item makes it Element's active space: show our page there, as a space
                // shows its rooms. Without a page (not seen in practice) fall back to the dialog.
                onSelected: () => (locationRenderer ? host.showPage() : host.openPanel()),
            });
        };
        step("add the space panel item", () => {
            setItem();
            host.hasSpacePanelEntry = true;
            // The badge belongs to the signed-in account: follow it, and the next one after a switch.
            let stopBadge = (): void => undefined;
            const followAccount = (): void => {
                stopBadge();
                stopBadge =
                    host.getAccount()?.badge.subscribe(() => step("update the space panel item", setItem)) ??
                    (() => undefined);
                step("update the space panel item", setItem);
            };
            followAccount();
            host.onClientChange(followAccount);
        });
    }

    step("mount the nudge layer", () => {
        const container = createLayerContainer(api.rootNode, "io-github-element-account-security-layer");
        api.createRoot(container).render(createElement(NudgeLayerRoot, { host }));
    });

    if (config.entry_point.settings_link) {
        step("add the link in Element's Settings", () =>
            startSettingsLink({
                t: (key, values) => host.t(key, values),
                // The page where Element has one (the section is handed over to it), else the dialog.
                open: (section) => (locationRenderer ? host.showPage(section) : host.openPanel(section)),
            }),
        );
    }

    // One line for deployers checking that the module loaded, and with what the host offered.
    const entry = host.hasSpacePanelEntry ? "space panel item" : "button in the nudge layer";
    const page = locationRenderer ? `, page ${PAGE_HASH}` : "";
    console.info(`[account-security] loaded: entry point ${entry}${page}`);
    return host;
}
