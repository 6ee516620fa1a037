/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Jest environment of the `integration` (and `e2e`) projects: Node, plus three things the test bed needs.
//
// 1. Failure tracking: `globalThis.__testbed.failures` counts failed tests and hooks, so `setupSynapse`
//    can print Synapse's log for a failing test (and keep its temp folder) without a custom reporter.
// 2. The project's `testTimeout`: jest-circus only reads the GLOBAL testTimeout (default 5 s) and ignores
//    a project's; it does honour `jest.setTimeout`'s symbol, so the environment sets that from the
//    project config (a --testTimeout given on the command line still wins).
// 3. Timer hygiene: matrix-js-sdk leaves request-timeout timers running after `stopClient()` (up to
//    ~110 s). When the test file is done, every timer it created is meaningless, so teardown clears
//    them and the worker (or an in-band jest) exits at once instead of waiting.
const { TestEnvironment } = require("jest-environment-node");

class IntegrationEnvironment extends TestEnvironment {
    constructor(config, context) {
        super(config, context);
        const g = this.global;
        g.__testbed = { failures: 0, currentTest: undefined };
        // Which matrix-js-sdk this project maps `matrix-js-sdk` to (jest.config.js), for host-sdk.test.ts.
        const options = config.projectConfig.testEnvironmentOptions ?? {};
        g.__hostSdk = {
            project: config.projectConfig.displayName?.name ?? null,
            expectedVersion: options.expectedSdkVersion ?? null,
        };

        const projectTimeout = config.projectConfig.testTimeout;
        const globalTimeout = config.globalConfig.testTimeout;
        if (projectTimeout && (!globalTimeout || globalTimeout === 5000)) {
            g[Symbol.for("TEST_TIMEOUT_SYMBOL")] = projectTimeout;
        }

        const timers = new Set();
        this.testbedTimers = timers;
        const realSetTimeout = g.setTimeout;
        const realSetInterval = g.setInterval;
        const realClearTimeout = g.clearTimeout;
        const realClearInterval = g.clearInterval;
        const track = (real) =>
            Object.assign(function (fn, ...rest) {
                const handle = real(
                    typeof fn === "function"
                        ? function (...args) {
                              if (real === realSetTimeout) timers.delete(handle);
                              return fn.apply(this, args);
                          }
                        : fn,
                    ...rest,
                );
                timers.add(handle);
                return handle;
            }, real);
        g.setTimeout = track(realSetTimeout);
        g.setInterval = track(realSetInterval);
        g.clearTimeout = (handle) => {
            timers.delete(handle);
            realClearTimeout(handle);
        };
        g.clearInterval = (handle) => {
            timers.delete(handle);
            realClearInterval(handle);
        };
        this.realClearTimeout = realClearTimeout;
    }

    async handleTestEvent(event) {
        const state = this.global.__testbed;
        if (event.name === "test_start") state.currentTest = event.test.name;
        if (event.name === "test_fn_failure" || event.name === "hook_failure") state.failures += 1;
    }

    async teardown() {
        for (const handle of this.testbedTimers) this.realClearTimeout(handle);
        this.testbedTimers.clear();
        await super.teardown();
    }
}

module.exports = IntegrationEnvironment;
