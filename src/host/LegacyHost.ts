/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { ModuleApi } from "@matrix-org/react-sdk-module-api/lib/ModuleApi";

import { CONFIG_KEY, DEFAULT_CONFIG, parseConfig, type AccountSecurityConfig } from "../config";
import { ElementHost } from "./ElementHost";
import { HOST_REMINDERS } from "./hostReminders";

/**
 * Reads our config from a build-time host. Its ModuleApi only reads one field at a time
 * (`getConfigValue(namespace, key)`), so the top-level fields are read one by one and then validated
 * like the runtime config. Logs one error listing every problem.
 */
export function readLegacyConfig(moduleApi: Pick<ModuleApi, "getConfigValue">): AccountSecurityConfig {
    const problems: string[] = [];
    const raw: Record<string, unknown> = {};
    for (const field of Object.keys(DEFAULT_CONFIG)) {
        try {
            const value = moduleApi.getConfigValue<unknown>(CONFIG_KEY, field);
            if (value !== undefined) raw[field] = value;
        } catch (error) {
            problems.push(`"${CONFIG_KEY}.${field}" could not be read (${String(error)}); using the default.`);
        }
    }
    const config = parseConfig(raw, (message) => problems.push(message));
    if (problems.length > 0) {
        console.error(`[account-security] config.json "${CONFIG_KEY}" has problems:\n  ${problems.join("\n  ")}`);
    }
    return config;
}

/** The user's language on a build-time host: Element sets it on <html lang> when it applies a language. */
function documentLanguage(): string {
    if (typeof document !== "undefined" && document.documentElement.lang) return document.documentElement.lang;
    if (typeof navigator !== "undefined" && navigator.language) return navigator.language;
    return "en";
}

/** The Host over a build-time RuntimeModule's ModuleApi (Element Web with build_config.yaml modules). */
export class LegacyHost extends ElementHost<ModuleApi> {
    /** Build-time modules run inside Element 1.12.x (the legacy system went with module API 2). */
    public readonly hostReminders = HOST_REMINDERS["element-build-time"];

    /** Starts following login/logout (Element's dispatcher actions). No request. */
    public start(): void {
        this.startWatching();
    }

    public get language(): string {
        return documentLanguage();
    }

    /** Looks at the host's client peg again (the wrapper does this once it has mounted). */
    public refresh(): void {
        this.watcher.check();
    }
}
