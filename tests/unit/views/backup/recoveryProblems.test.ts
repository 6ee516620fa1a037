/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The words a user sees for the recovery problems of issue 12, in English and German.

import { createTranslator } from "../../../../src/i18n";
import { problemText } from "../../../../src/views/backup/problemText";

describe("recovery problems in plain words", () => {
    it.each([
        ["en", "This kind of recovery key is not supported here"],
        ["de", "Diese Art von Wiederherstellungsschlüssel wird hier nicht unterstützt"],
    ])("%s: an unknown secret-storage algorithm says this kind of key is not supported here", (language, text) => {
        expect(problemText(createTranslator(language), { kind: "unsupported_key" })).toContain(text);
    });

    it.each([
        ["en", "could not be decrypted"],
        ["de", "konnten nicht entschlüsselt werden"],
    ])("%s: damaged recovery data is a decryption problem, and nothing was changed", (language, text) => {
        const said = problemText(createTranslator(language), { kind: "storage_damaged" });
        expect(said).toContain(text);
    });

    it("an unknown backup answer says no backup was replaced, why, and to try again", () => {
        const said = problemText(createTranslator("en"), {
            kind: "backup_unknown",
            failure: { kind: "server", httpStatus: 502, detail: "HTTP 502" },
        });
        expect(said).toContain("no backup was started, replaced or deleted");
        expect(said).toContain("HTTP 502");
        expect(said).toContain("Try again");
    });
});
