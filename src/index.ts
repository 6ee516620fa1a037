/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Entry for Element Web's runtime module loader (config.json → "modules": [".../index.js"]).
 * This file, the host adapter, config and the nudge layer's shell are the only code in the imported
 * chunk; the reminders' code is a lazy chunk fetched at sign-in, the panels' when first opened (or
 * ahead of that, while the browser is idle).
 */
import type { Api, Module, ModuleFactory } from "@element-hq/element-web-module-api";

import { startRuntimeModule } from "./host/runtime";
import type { RuntimeApi } from "./host/RuntimeHost";

class AccountSecurityModule implements Module {
    /**
     * Every module API version this module was loaded with by that version's real loader in our tests:
     * 1.4.1 (Element Web 1.12.0), 1.9.0 (1.12.10) and 2.1.0. Features added after 1.4 are detected at
     * runtime, so the whole 1.x line from 1.4 and the 2.x line are accepted.
     */
    public static readonly moduleApiVersion = "^1.4.0 || ^2.0.0";

    public constructor(private readonly api: Api) {}

    /** Never throws into the host and makes no request: a failure only means the module stays off. */
    public async load(): Promise<void> {
        try {
            startRuntimeModule(this.api as RuntimeApi);
        } catch (error) {
            console.error("[account-security] could not start; Element carries on without it", error);
        }
    }
}

export default AccountSecurityModule satisfies ModuleFactory;
