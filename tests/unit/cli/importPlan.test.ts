/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { normalizeUserId, prepareImport } from "../../../src/cli/importPlan";
import { parseCsv } from "../../../src/cli/importRows";
import { rowKey } from "../../../src/cli/report";

describe("preparing an import", () => {
    it("completes bare localparts and refuses other servers' users", () => {
        expect(normalizeUserId("alice", "hs.example")).toEqual({ userId: "@alice:hs.example" });
        expect(normalizeUserId("@alice:hs.example", "hs.example")).toEqual({ userId: "@alice:hs.example" });
        expect(normalizeUserId("@alice:other.example", "hs.example")).toEqual({
            error: "@alice:other.example is not a user of this homeserver (hs.example)",
        });
        expect("error" in normalizeUserId("a:b", "hs")).toBe(true);
    });

    it("groups rows per account, skips settled rows and duplicates, reports bad ones", () => {
        const { rows, bad } = parseCsv(
            [
                "@a:hs,a1@example.org,Ann",
                "@a:hs,A2@example.org",
                "@b:hs,b@example.org",
                "@a:hs,a1@example.org", // duplicate of line 1
                "@c:hs,not-an-address",
                "@d:elsewhere,d@example.org",
                "@e:hs",
            ].join("\n"),
        );
        const prepared = prepareImport(rows, bad, "hs", new Set([rowKey("@b:hs", "b@example.org")]));
        expect(prepared.tasks).toHaveLength(1);
        expect(prepared.tasks[0]).toMatchObject({
            userId: "@a:hs",
            addresses: ["a1@example.org", "a2@example.org"],
            displayname: "Ann",
        });
        expect(prepared.tasks[0]?.pending.map((r) => r.line)).toEqual([1, 2]);
        expect(prepared.alreadySettled).toBe(1);
        expect(prepared.duplicates).toBe(1);
        expect(prepared.pendingRows).toBe(2);
        expect(prepared.invalid.map((i) => i.line).sort()).toEqual([5, 6, 7]);
        expect(prepared.invalid.every((i) => i.status === "invalid")).toBe(true);
    });

    it("refuses an address given to two accounts in the same file", () => {
        const { rows, bad } = parseCsv("@a:hs,same@example.org\n@b:hs,SAME@example.org\n@c:hs,c@example.org\n");
        const prepared = prepareImport(rows, bad, "hs", new Set());
        expect(prepared.tasks.map((t) => t.userId)).toEqual(["@c:hs"]);
        expect(prepared.invalid).toHaveLength(2);
        expect(prepared.invalid[0]?.detail).toMatch(
            /several accounts in this file: line 1 \(@a:hs\), line 2 \(@b:hs\)/,
        );
    });
});
