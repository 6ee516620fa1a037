/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import fs from "node:fs";
import path from "node:path";

import { catalogues, createTranslator, substitute, toHostTranslations } from "../../../src/i18n";
// The checkup's English arrives with its views (the panel's lazy chunk); load it as the panel does.
import "../../../src/i18n/checkupStrings";
import "../../../src/i18n/adminStrings";

const STRINGS = path.resolve(__dirname, "../../../src/i18n/strings");

function readArea(language: string, file: string): Record<string, string> {
    return JSON.parse(fs.readFileSync(path.join(STRINGS, language, file), "utf8")) as Record<string, string>;
}

const variablesOf = (text: string): string[] => [...text.matchAll(/%\((\w+)\)s/g)].map((m) => m[1]!).sort();

describe("translation files", () => {
    const areas = fs.readdirSync(path.join(STRINGS, "en")).filter((file) => file.endsWith(".json"));

    it("exist for English and German with the same areas", () => {
        expect(fs.readdirSync(path.join(STRINGS, "de")).sort()).toEqual([...areas].sort());
    });

    describe.each(areas)("%s", (file) => {
        const en = readArea("en", file);
        const de = readArea("de", file);
        const area = file.replace(/\.json$/, "");

        it("every English key has a German translation", () => {
            expect(Object.keys(en).filter((key) => !(key in de))).toEqual([]);
        });

        it("every German key has an English original", () => {
            expect(Object.keys(de).filter((key) => !(key in en))).toEqual([]);
        });

        it(`keys are named "${area}.<name>" and no string is empty`, () => {
            for (const [key, text] of [...Object.entries(en), ...Object.entries(de)]) {
                expect(key.startsWith(`${area}.`)).toBe(true);
                expect(text.trim()).not.toBe("");
            }
        });

        it("German uses the same %(variables)s as English", () => {
            const mismatched = Object.keys(en).filter(
                (key) => key in de && variablesOf(en[key]!).join() !== variablesOf(de[key]!).join(),
            );
            expect(mismatched).toEqual([]);
        });

        it("a plural form (<key>_one, _few, …) stands beside its key and uses none of its own %(variables)s", () => {
            for (const strings of [en, de]) {
                for (const [key, text] of Object.entries(strings)) {
                    const base = /^(.*)_(zero|one|two|few|many)$/.exec(key)?.[1];
                    if (!base) continue;
                    expect([key, base in strings]).toEqual([key, true]);
                    const extra = variablesOf(text).filter((name) => !variablesOf(strings[base]!).includes(name));
                    expect([key, extra]).toEqual([key, []]);
                }
            }
        });
    });

    it("are all registered (both languages) in the shape the host's i18n.register() takes", () => {
        const registered = toHostTranslations();
        expect(Object.keys(registered).sort()).toEqual(Object.keys(catalogues.en!).sort());
        expect(registered["shell.title"]).toEqual({ en: "Account security", de: "Kontosicherheit" });
    });
});

describe("createTranslator", () => {
    it("uses the exact tag, then the base language, then English, then the key", () => {
        expect(createTranslator("de")("shell.title")).toBe("Kontosicherheit");
        expect(createTranslator("de-AT")("shell.title")).toBe("Kontosicherheit");
        expect(createTranslator("de_DE")("shell.title")).toBe("Kontosicherheit");
        expect(createTranslator("DE")("shell.title")).toBe("Kontosicherheit");
        expect(createTranslator("fr")("shell.title")).toBe("Account security");
        expect(createTranslator("en")("no.such_key" as never)).toBe("no.such_key");
    });

    it("picks the plural form by the language's plural rules (Intl.PluralRules), the key being every other count", () => {
        const en = createTranslator("en");
        expect(en("nudges.unverified_sessions_title", { count: 1, names: "Laptop" })).toBe(
            "Unverified session: Laptop",
        );
        expect(en("nudges.unverified_sessions_title", { count: 2, names: "Laptop, Phone" })).toBe(
            "2 unverified sessions: Laptop, Phone",
        );
        const de = createTranslator("de-AT");
        expect(de("nudges.unverified_sessions_title", { count: 1, names: "Laptop" })).toBe(
            "Nicht verifizierte Sitzung: Laptop",
        );
        expect(de("nudges.unverified_sessions_title", { count: 0, names: "" })).toBe(
            "0 nicht verifizierte Sitzungen: ",
        );
        // A count given as text is no number to pick a form by: the key's own text.
        expect(en("nudges.unverified_sessions_title", { count: "1", names: "Laptop" })).toBe(
            "1 unverified sessions: Laptop",
        );
    });

    it("substitutes variables and leaves unknown ones visible", () => {
        expect(substitute("in %(seconds)s s", { seconds: 3 })).toBe("in 3 s");
        expect(substitute("in %(seconds)s s", {})).toBe("in %(seconds)s s");
    });
});
