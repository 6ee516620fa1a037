/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { canonicalAddress, emailProblem } from "../../../../src/matrix/email/address";
import {
    addressesToCheck,
    describePlan,
    planEmailChange,
    planProblems,
    threepidsFor,
} from "../../../../src/matrix/admin/plan";
import type { AdminUser } from "../../../../src/matrix/admin/types";

const alice: AdminUser = {
    name: "@alice:hs",
    displayname: "Alice",
    admin: false,
    deactivated: false,
    threepids: [
        { medium: "email", address: "alice@example.org", added_at: 1, validated_at: 1 },
        { medium: "msisdn", address: "447700900000", added_at: 1, validated_at: 1 },
    ],
};

describe("email addresses", () => {
    it("canonicalises like Synapse (lower case) and validates practically", () => {
        expect(canonicalAddress("  Alice@Example.ORG ")).toBe("alice@example.org");
        expect(emailProblem("alice@example.org")).toBeNull();
        expect(emailProblem("a.b+tag@sub.example.co.uk")).toBeNull();
        expect(emailProblem("no-at-sign")).toMatch(/exactly one @/);
        expect(emailProblem("a@b@c.org")).toMatch(/exactly one @/);
        expect(emailProblem("a@localhost")).toMatch(/domain/);
        expect(emailProblem("a b@example.org")).toMatch(/space/);
        expect(emailProblem("a..b@example.org")).toMatch(/characters/);
        expect(emailProblem("")).toMatch(/empty/);
    });
});

describe("planning an email change", () => {
    it("merges: keeps existing addresses and phone numbers, adds the new one", () => {
        const request = { userId: "@alice:hs", add: ["New@Example.org"] };
        expect(addressesToCheck(alice, request)).toEqual(["new@example.org"]);
        const plan = planEmailChange(alice, request, new Map([["new@example.org", null]]));
        expect(plan.added).toEqual(["new@example.org"]);
        expect(plan.after).toEqual(["alice@example.org", "new@example.org"]);
        expect(plan.hasChanges).toBe(true);
        expect(threepidsFor(plan)).toEqual([
            { medium: "msisdn", address: "447700900000" },
            { medium: "email", address: "alice@example.org" },
            { medium: "email", address: "new@example.org" },
        ]);
    });

    it("refuses an address another account owns, and moves it only with force", () => {
        const owners = new Map([["bob@example.org", "@bob:hs"]]);
        const refused = planEmailChange(alice, { userId: "@alice:hs", add: ["bob@example.org"] }, owners);
        expect(refused.refused).toEqual([{ address: "bob@example.org", owner: "@bob:hs" }]);
        expect(refused.after).toEqual(["alice@example.org"]);
        expect(refused.hasChanges).toBe(false);
        expect(planProblems(refused)[0]).toMatch(/belongs to @bob:hs/);

        const forced = planEmailChange(alice, { userId: "@alice:hs", add: ["bob@example.org"], force: true }, owners);
        expect(forced.moved).toEqual([{ address: "bob@example.org", from: "@bob:hs" }]);
        expect(forced.after).toContain("bob@example.org");
        expect(describePlan(forced)).toContain("@alice:hs: + bob@example.org (MOVED from @bob:hs)");
    });

    it("treats an address whose owner was not looked up as refused (never moves by accident)", () => {
        const plan = planEmailChange(alice, { userId: "@alice:hs", add: ["x@example.org"], force: true }, new Map());
        expect(plan.refused).toEqual([{ address: "x@example.org", owner: "(not checked)" }]);
        expect(plan.hasChanges).toBe(false);
    });

    it("says when an address is already there and changes nothing", () => {
        const plan = planEmailChange(alice, { userId: "@alice:hs", add: ["ALICE@example.org"] }, new Map());
        expect(plan.alreadyPresent).toEqual(["alice@example.org"]);
        expect(plan.hasChanges).toBe(false);
        expect(addressesToCheck(alice, { userId: "@alice:hs", add: ["ALICE@example.org"] })).toEqual([]);
    });

    it("removes only what is asked, and replace drops the unlisted ones", () => {
        const removed = planEmailChange(
            alice,
            { userId: "@alice:hs", add: [], remove: ["alice@EXAMPLE.org", "gone@example.org"] },
            new Map(),
        );
        expect(removed.removed).toEqual(["alice@example.org"]);
        expect(removed.notPresent).toEqual(["gone@example.org"]);
        expect(threepidsFor(removed)).toEqual([{ medium: "msisdn", address: "447700900000" }]);

        const replaced = planEmailChange(
            alice,
            { userId: "@alice:hs", add: ["n@example.org"], replace: true },
            new Map([["n@example.org", null]]),
        );
        expect(replaced.removed).toEqual(["alice@example.org"]);
        expect(replaced.after).toEqual(["n@example.org"]);
    });

    it("plans creation only when allowed, with display name and without printing the password", () => {
        const missing = planEmailChange(
            null,
            { userId: "@new:hs", add: ["n@example.org"] },
            new Map([["n@example.org", null]]),
        );
        expect(missing.missingUser).toBe(true);
        expect(missing.hasChanges).toBe(false);

        const create = planEmailChange(
            null,
            {
                userId: "@new:hs",
                add: ["n@example.org"],
                createIfMissing: true,
                displayname: "New",
                password: "s3cret-pw",
            },
            new Map([["n@example.org", null]]),
        );
        expect(create.createUser).toBe(true);
        expect(create.setsPassword).toBe(true);
        expect(create.displayname).toEqual({ from: null, to: "New" });
        expect(JSON.stringify(create)).not.toContain("s3cret-pw");
        expect(describePlan(create).join("\n")).not.toContain("s3cret-pw");
    });

    it("can leave an existing account's display name alone and name only new accounts", () => {
        const request = { userId: "@alice:hs", add: [], displayname: "Imported", displaynameOnCreateOnly: true };
        expect(planEmailChange(alice, request, new Map()).displayname).toBeUndefined();
        expect(planEmailChange(alice, { ...request, displaynameOnCreateOnly: false }, new Map()).displayname).toEqual({
            from: "Alice",
            to: "Imported",
        });
        const created = planEmailChange(null, { ...request, userId: "@new:hs", createIfMissing: true }, new Map());
        expect(created.displayname).toEqual({ from: null, to: "Imported" });
    });

    it("reports invalid addresses without touching valid ones", () => {
        const plan = planEmailChange(
            alice,
            { userId: "@alice:hs", add: ["bad", "ok@example.org"] },
            new Map([["ok@example.org", null]]),
        );
        expect(plan.invalid).toEqual([{ address: "bad", problem: "an address needs exactly one @" }]);
        expect(plan.added).toEqual(["ok@example.org"]);
    });
});
