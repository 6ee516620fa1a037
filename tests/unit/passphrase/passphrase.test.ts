/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { createRequire } from "node:module";

import commonPasswords from "../../../src/passphrase/commonPasswords.json";
import { judgePassphrase } from "../../../src/passphrase/strength";

describe("judgePassphrase", () => {
    it.each([1, 2, 3, 4])("refuses 'aaaaaaaaaa' at every minimum the deployer can set (%i)", async (minScore) => {
        expect(await judgePassphrase("aaaaaaaaaa", minScore)).toEqual({
            ok: false,
            reason: "too_weak",
            score: 0,
            minScore,
            warning: "simpleRepeat",
        });
    });

    it.each(["password123", "qwertyuiop", "1234567890", "iloveyou12"])("refuses the common password %j", async (p) => {
        expect(await judgePassphrase(p, 3)).toMatchObject({ ok: false, reason: "too_weak" });
    });

    it("refuses fewer than 10 characters before estimating", async () => {
        expect(await judgePassphrase("Xk9#mQ2v", 1)).toEqual({ ok: false, reason: "too_short" });
    });

    it("accepts several unrelated words at the strictest minimum", async () => {
        expect(await judgePassphrase("violet staircase humming anchor", 4)).toEqual({ ok: true, score: 4 });
    });

    it("counts the user's own name and ID as easy to guess", async () => {
        const plain = await judgePassphrase("alicewonderland", 1);
        const withInputs = await judgePassphrase("alicewonderland", 1, ["alicewonderland"]);
        expect(plain.ok).toBe(true);
        expect(withInputs).toMatchObject({ ok: false, warning: "userInputs" });
    });
});

describe("the bundled common-password list", () => {
    it("is the head of @zxcvbn-ts/language-common's list (run scripts/gen-common-passwords.mjs after an upgrade)", () => {
        const require = createRequire(__filename);
        const full = require("@zxcvbn-ts/language-common/dist/passwords.json.cjs") as string[] | { default: string[] };
        const list = Array.isArray(full) ? full : full.default;
        expect(commonPasswords).toEqual(list.slice(0, commonPasswords.length));
        expect(commonPasswords).toHaveLength(1000);
    });
});
