/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { csvRecords, detectFormat, parseCsv, parseJsonLines } from "../../../src/cli/importRows";

describe("CSV import rows", () => {
    it("reads user_id,email[,displayname] without a header", () => {
        const { rows, bad } = parseCsv("@a:hs,a@example.org\n@b:hs,b@example.org,Bea\n");
        expect(bad).toEqual([]);
        expect(rows).toEqual([
            { line: 1, userId: "@a:hs", email: "a@example.org" },
            { line: 2, userId: "@b:hs", email: "b@example.org", displayname: "Bea" },
        ]);
    });

    it("uses a header to reorder columns and skips blank and comment lines", () => {
        const { rows } = parseCsv("email,displayname,user_id\r\n\r\n# comment\r\nc@example.org,Cee,@c:hs\r\n");
        expect(rows).toEqual([{ line: 4, userId: "@c:hs", email: "c@example.org", displayname: "Cee" }]);
    });

    it("handles quoted fields with commas, quotes and newlines, and keeps line numbers right", () => {
        const { rows } = parseCsv('@a:hs,a@example.org,"Smith, ""Al""\nJr"\n@b:hs,b@example.org\n');
        expect(rows[0]).toEqual({ line: 1, userId: "@a:hs", email: "a@example.org", displayname: 'Smith, "Al"\nJr' });
        expect(rows[1]?.line).toBe(3);
    });

    it("reports a bad row with its line and keeps the others", () => {
        const { rows, bad } = parseCsv(
            "@a:hs,a@example.org\n@b:hs\n@c:hs,c@example.org,C,extra\n@d:hs,d@example.org\n",
        );
        expect(rows.map((r) => r.userId)).toEqual(["@a:hs", "@d:hs"]);
        expect(bad.map((b) => [b.line, b.error])).toEqual([
            [2, "email is missing"],
            [3, "expected at most 3 fields (user_id,email,displayname), got 4"],
        ]);
    });

    it("flags an unclosed quote", () => {
        expect(csvRecords('@a:hs,"open\n')[0]?.error).toBe("a quoted field is not closed");
    });
});

describe("JSON Lines import rows", () => {
    it("reads objects per line and reports broken lines", () => {
        const { rows, bad } = parseJsonLines(
            '{"user_id":"@a:hs","email":"a@example.org","displayname":"A"}\n\nnot json\n[1]\n{"user_id":"@b:hs"}\n',
        );
        expect(rows).toEqual([{ line: 1, userId: "@a:hs", email: "a@example.org", displayname: "A" }]);
        expect(bad.map((b) => [b.line, b.error])).toEqual([
            [3, "not valid JSON"],
            [4, "a line must be a JSON object"],
            [5, "email is missing"],
        ]);
    });

    it("detects the format from the name, then the content", () => {
        expect(detectFormat("x.jsonl", "")).toBe("jsonl");
        expect(detectFormat("x.ndjson", "")).toBe("jsonl");
        expect(detectFormat("x.csv", "{")).toBe("csv");
        expect(detectFormat("x.txt", '  {"user_id":1}')).toBe("jsonl");
        expect(detectFormat("x.txt", "user_id,email")).toBe("csv");
    });
});
