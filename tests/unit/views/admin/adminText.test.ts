/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { createTranslator } from "../../../../src/i18n";
import { adminProblemText } from "../../../../src/views/admin/adminText";

describe("the Admin section's words for a change that met another one", () => {
    it("says nothing was saved and what Try again does, in English and German", () => {
        expect(adminProblemText(createTranslator("en"), { kind: "changed_meanwhile" })).toMatch(
            /^Someone else changed this account's email addresses just now, so nothing was saved/,
        );
        expect(adminProblemText(createTranslator("de"), { kind: "changed_meanwhile" })).toMatch(/nichts gespeichert/);
    });
});
