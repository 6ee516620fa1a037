/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { BadgeState } from "../../../src/nudges/badge";
import { sessionStartedAt } from "../../../src/nudges/sessionStart";

describe("when this session started (grace period)", () => {
    beforeEach(() => localStorage.clear());

    it("is remembered per user and device across page loads", () => {
        expect(sessionStartedAt("@a:hs", "DEV1", 1_000)).toBe(1_000);
        expect(sessionStartedAt("@a:hs", "DEV1", 9_000)).toBe(1_000);
        // A new login (another device) or another account starts its own clock.
        expect(sessionStartedAt("@a:hs", "DEV2", 9_000)).toBe(9_000);
        expect(sessionStartedAt("@b:hs", "DEV1", 9_500)).toBe(9_500);
    });

    it("falls back to now when storage is unavailable", () => {
        const spy = jest.spyOn(Storage.prototype, "getItem").mockImplementation(() => {
            throw new Error("SecurityError");
        });
        expect(sessionStartedAt("@a:hs", "DEV1", 4_242)).toBe(4_242);
        spy.mockRestore();
    });
});

describe("the badge store", () => {
    it("notifies only on a change", () => {
        const nudgeBadge = new BadgeState();
        const listener = jest.fn();
        const unsubscribe = nudgeBadge.subscribe(listener);
        nudgeBadge.set(2);
        nudgeBadge.set(2);
        nudgeBadge.set(0);
        expect(listener).toHaveBeenCalledTimes(2);
        expect(nudgeBadge.get()).toBe(0);
        unsubscribe();
    });
});
