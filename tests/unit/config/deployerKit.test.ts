/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The deployer's example config stays true to the code: every option, at its default, valid.
import fs from "node:fs";
import path from "node:path";

import { CONFIG_KEY, DEFAULT_CONFIG, parseConfig } from "../../../src/config";

const KIT = path.resolve(__dirname, "../../../element-config");

describe("element-config/config.json", () => {
    const config = JSON.parse(fs.readFileSync(path.join(KIT, "config.json"), "utf8")) as Record<string, unknown>;

    it("lists every option of the module at its default", () => {
        expect(config[CONFIG_KEY]).toEqual(DEFAULT_CONFIG);
    });

    it("is valid for the module's own parser", () => {
        const problems: string[] = [];
        parseConfig(config[CONFIG_KEY], (message) => problems.push(message));
        expect(problems).toEqual([]);
    });

    it("loads the module from an absolute path under the webroot", () => {
        expect(config.modules).toEqual(["/modules/account-security/index.js"]);
    });
});
