/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Jest environment of the `unit` project: jsdom, minus ONE known false alarm.
//
// The built bundle's lazy chunk injects compound-web's stylesheet (tests/unit/bundle). jsdom's CSS
// parser cannot read that modern CSS and reports each <style> as a "jsdomError" of type
// "css parsing" ("Could not parse CSS stylesheet", with the whole sheet attached). Browsers read the
// sheet fine, so that one report is dropped here, at jsdom's virtual console. Every other jsdom error
// and every console.error of the code under test still reaches the test's console (spies included).
const { TestEnvironment } = require("jest-environment-jsdom");

const isCssParseError = (value) =>
    value instanceof Error && value.type === "css parsing" && value.message === "Could not parse CSS stylesheet";

class UnitEnvironment extends TestEnvironment {
    constructor(config, context) {
        const testConsole = context.console;
        // Only jsdom's virtual console writes through this object; looked up per call, so a
        // jest.spyOn(console, "error") in a test still sees the other jsdom errors.
        const jsdomConsole = Object.create(testConsole, {
            error: {
                value: (...args) => {
                    if (args.length === 1 && isCssParseError(args[0])) return;
                    testConsole.error(...args);
                },
            },
        });
        super(config, { ...context, console: jsdomConsole });
    }
}

module.exports = UnitEnvironment;
