/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { followAccountForPendingAdds, forgetPendingAdds } from "../../../../src/matrix/email/pendingAddAccount";
import { canonicalAddress, checkAddress, emailProblem } from "../../../../src/matrix/email/address";
import { createClientSecret, toBase64Url } from "../../../../src/matrix/email/clientSecret";
import { describeEmailProblem, LinkNotClickedError, UnsupportedAuthError } from "../../../../src/matrix/email/failures";
import {
    memoryStorage,
    PENDING_ADD_LIFETIME_MS,
    PendingAddStore,
    STORAGE_PREFIX,
} from "../../../../src/matrix/email/pendingAddStore";
import { toAccountThreePids } from "../../../../src/matrix/email/accountThreePids";
import { ThreePidChanges } from "../../../../src/matrix/email/threePidChanges";
import { AuthCancelledError } from "../../../../src/matrix/uia";

describe("checkAddress", () => {
    it.each([
        ["alice@example.org", "alice@example.org"],
        ["  Alice.Smith+tag@Mail.Example.co.uk  ", "Alice.Smith+tag@Mail.Example.co.uk"],
    ])("accepts %p", (input, address) => {
        expect(checkAddress(input)).toEqual({ ok: true, address });
    });

    it.each(["", "   "])("says an empty field is empty (%p)", (input) => {
        expect(checkAddress(input)).toEqual({ ok: false, reason: "empty" });
    });

    it.each([
        "alice",
        "alice@",
        "@example.org",
        "alice@example",
        "alice@@example.org",
        "al ice@example.org",
        "alice@example.",
    ])("rejects the typo %p", (input) => {
        expect(checkAddress(input)).toEqual({ ok: false, reason: "invalid" });
    });

    it("rejects an address longer than the homeserver accepts", () => {
        expect(checkAddress(`${"a".repeat(500)}@example.org`)).toEqual({ ok: false, reason: "invalid" });
    });

    it("is the one rule the admin path uses too: at most 254 characters, local@domain", () => {
        const address = (lastLabel: number): string =>
            `${"a".repeat(64)}@${"d".repeat(63)}.${"e".repeat(63)}.${"f".repeat(lastLabel)}.org`;
        expect(address(57)).toHaveLength(254);
        expect(checkAddress(address(57))).toEqual({ ok: true, address: address(57) });
        expect(checkAddress(address(58))).toEqual({ ok: false, reason: "invalid" });
        const samples = [
            "alice@example.org",
            address(57),
            address(58),
            `${"a".repeat(65)}@example.org`,
            "a..b@example.org",
            "alice@-example.org",
            "alice@localhost",
        ];
        for (const sample of samples) {
            expect([sample, checkAddress(sample).ok]).toEqual([sample, emailProblem(sample) === null]);
        }
    });

    it("knows an address already on the account, whatever its case", () => {
        expect(checkAddress("Alice@Example.ORG", ["alice@example.org"])).toEqual({
            ok: false,
            reason: "already_yours",
        });
        expect(canonicalAddress(" Bob@EXAMPLE.org ")).toBe("bob@example.org");
    });
});

describe("createClientSecret", () => {
    it("is unpadded base64url of 32 random bytes, different every time", () => {
        const secrets = new Set(Array.from({ length: 50 }, () => createClientSecret()));
        expect(secrets.size).toBe(50);
        for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it("encodes the characters that differ from plain base64", () => {
        expect(toBase64Url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe("-__-");
        expect(toBase64Url(new Uint8Array([1]))).toBe("AQ");
    });
});

describe("PendingAddStore", () => {
    const fields = { sid: "sid1", client_secret: "secret1", address: "alice@example.org", send_attempt: 1 };

    it("keeps an add per user, and a second store (a reloaded page) reads it back", () => {
        const storage = memoryStorage();
        let now = 1_000_000;
        const store = new PendingAddStore(storage, "@alice:localhost", () => now);
        const pending = store.createPending(fields);
        expect(pending.expiresAt).toBe(now + PENDING_ADD_LIFETIME_MS);
        store.save(pending);

        now += 60_000;
        const reloaded = new PendingAddStore(storage, "@alice:localhost", () => now);
        expect(reloaded.load()).toEqual({ state: "active", pending });
        expect(new PendingAddStore(storage, "@bob:localhost", () => now).load()).toEqual({ state: "none" });
    });

    it("forgets an add once it has expired, reporting it once", () => {
        const storage = memoryStorage();
        let now = 5_000;
        const store = new PendingAddStore(storage, "@alice:localhost", () => now);
        store.save(store.createPending(fields));
        now += PENDING_ADD_LIFETIME_MS;
        expect(store.load()).toEqual({ state: "expired", address: "alice@example.org" });
        expect(store.load()).toEqual({ state: "none" });
    });

    it("stores only the listed fields under a namespaced key (never a password)", () => {
        const storage = memoryStorage();
        const store = new PendingAddStore(storage, "@alice:localhost");
        const sneaky = { ...store.createPending(fields), password: "hunter2" } as never;
        store.save(sneaky);
        const raw = storage.getItem(`${STORAGE_PREFIX}.email.pending_add:@alice:localhost`);
        expect(raw).not.toBeNull();
        expect(raw).not.toContain("hunter2");
        expect(Object.keys(JSON.parse(raw!)).sort()).toEqual(
            ["address", "client_secret", "expiresAt", "send_attempt", "sentAt", "sid"].sort(),
        );
    });

    it("keeps an add no longer than Synapse's mail link works (an hour by default)", () => {
        expect(PENDING_ADD_LIFETIME_MS).toBe(60 * 60 * 1000);
        const storage = memoryStorage();
        let now = 0;
        const store = new PendingAddStore(storage, "@alice:localhost", () => now);
        store.save(store.createPending(fields));
        now = 59 * 60 * 1000;
        expect(store.load().state).toBe("active");
        now = 60 * 60 * 1000;
        expect(store.load()).toEqual({ state: "expired", address: "alice@example.org" });
    });

    describe("following the logged-in account", () => {
        const keyOf = (userId: string) => `${STORAGE_PREFIX}.email.pending_add:${userId}`;
        function withAdds(...userIds: string[]) {
            const storage = memoryStorage();
            for (const userId of userIds) {
                const store = new PendingAddStore(storage, userId);
                store.save(store.createPending(fields));
            }
            storage.setItem(`${STORAGE_PREFIX}.other_setting`, "kept");
            return storage;
        }

        it("a page load (no client yet, then the same account) keeps the add", () => {
            const storage = withAdds("@alice:localhost");
            const follow = followAccountForPendingAdds(() => storage);
            follow(null);
            follow("@alice:localhost");
            expect(new PendingAddStore(storage, "@alice:localhost").load().state).toBe("active");
        });

        it("logging out forgets every pending add, and nothing else of ours", () => {
            const storage = withAdds("@alice:localhost");
            const follow = followAccountForPendingAdds(() => storage);
            follow("@alice:localhost");
            follow(null);
            expect(storage.getItem(keyOf("@alice:localhost"))).toBeNull();
            expect(storage.getItem(`${STORAGE_PREFIX}.other_setting`)).toBe("kept");
        });

        it("another account logging in forgets the previous account's add (also one left from an earlier visit)", () => {
            const storage = withAdds("@alice:localhost", "@carol:localhost");
            const follow = followAccountForPendingAdds(() => storage);
            follow("@bob:localhost");
            expect(storage.getItem(keyOf("@alice:localhost"))).toBeNull();
            expect(storage.getItem(keyOf("@carol:localhost"))).toBeNull();
        });

        it("forgetPendingAdds also drops an expired add of the current account", () => {
            const storage = withAdds("@alice:localhost");
            forgetPendingAdds(storage, "@alice:localhost", Date.now() + PENDING_ADD_LIFETIME_MS + 1);
            expect(storage.getItem(keyOf("@alice:localhost"))).toBeNull();
        });
    });

    it("ignores unreadable entries and survives storage that throws", () => {
        const storage = memoryStorage();
        storage.setItem(`${STORAGE_PREFIX}.email.pending_add:@a:b`, "{not json");
        expect(new PendingAddStore(storage, "@a:b").load()).toEqual({ state: "none" });
        const broken = {
            getItem: () => {
                throw new Error("blocked");
            },
            setItem: () => {
                throw new Error("blocked");
            },
            removeItem: () => {
                throw new Error("blocked");
            },
        };
        const store = new PendingAddStore(broken, "@a:b");
        expect(store.load()).toEqual({ state: "none" });
        expect(() => store.save(store.createPending(fields))).not.toThrow();
        expect(() => store.clear()).not.toThrow();
    });
});

describe("describeEmailProblem", () => {
    const matrixError = (errcode: string, httpStatus: number, data: Record<string, unknown> = {}): unknown =>
        Object.assign(new Error(errcode), { name: "MatrixError", errcode, httpStatus, data: { errcode, ...data } });

    it.each([
        ["M_THREEPID_IN_USE", 400, "in_use"],
        ["M_THREEPID_DENIED", 403, "denied"],
        ["M_THREEPID_MEDIUM_NOT_SUPPORTED", 400, "not_supported"],
        ["M_FORBIDDEN", 400, "changes_disabled"],
        ["M_THREEPID_AUTH_FAILED", 400, "not_clicked"],
        ["M_SESSION_EXPIRED", 400, "session_expired"],
        ["M_NO_VALID_SESSION", 400, "session_expired"],
        ["M_INVALID_PARAM", 400, "invalid_address"],
        ["M_UNRECOGNIZED", 404, "changes_disabled"],
    ])("%s (HTTP %d) → %s", (errcode, status, kind) => {
        expect(describeEmailProblem(matrixError(errcode, status)).kind).toBe(kind);
    });

    it("keeps the wait of a rate limit", () => {
        expect(describeEmailProblem(matrixError("M_LIMIT_EXCEEDED", 429, { retry_after_ms: 4200 }))).toEqual({
            kind: "rate_limited",
            retryAfterMs: 4200,
        });
        expect(describeEmailProblem(matrixError("M_LIMIT_EXCEEDED", 429))).toEqual({
            kind: "rate_limited",
            retryAfterMs: null,
        });
    });

    it("tells a dead connection, a slow server, a cancel and the rest apart", () => {
        expect(describeEmailProblem(new TypeError("fetch failed")).kind).toBe("unreachable");
        expect(describeEmailProblem(Object.assign(new Error("slow"), { name: "TimeoutError" })).kind).toBe("timeout");
        expect(describeEmailProblem(new AuthCancelledError()).kind).toBe("cancelled");
        expect(describeEmailProblem(new LinkNotClickedError("s")).kind).toBe("not_clicked");
        expect(describeEmailProblem(new UnsupportedAuthError(["m.login.terms"]))).toEqual({
            kind: "auth_unsupported",
            stages: ["m.login.terms"],
        });
        expect(describeEmailProblem(matrixError("M_UNKNOWN", 500))).toEqual({
            kind: "unknown",
            detail: "M_UNKNOWN, HTTP 500",
        });
    });
});

describe("3PID change announcements", () => {
    it("reach the listeners of that account only (one channel per account), until they unsubscribe", () => {
        const aliceChanges = new ThreePidChanges();
        const bobChanges = new ThreePidChanges();
        const alice = jest.fn();
        const bob = jest.fn();
        const stopAlice = aliceChanges.subscribe(alice);
        bobChanges.subscribe(bob);
        aliceChanges.announce();
        expect(alice).toHaveBeenCalledTimes(1);
        expect(bob).not.toHaveBeenCalled();
        stopAlice();
        aliceChanges.announce();
        expect(alice).toHaveBeenCalledTimes(1);
    });

    it("readers that ask at the same moment share one read; after it (or after a change) the next one reads again", async () => {
        const changes = new ThreePidChanges();
        const one = toAccountThreePids([{ medium: "email", address: "carol@example.org" }]);
        let answer: (list: typeof one) => void = () => undefined;
        const read = jest.fn(() => new Promise<typeof one>((resolve) => (answer = resolve)));
        const first = changes.joinRead(read);
        const second = changes.joinRead(read);
        expect(read).toHaveBeenCalledTimes(1);
        answer(one);
        await expect(Promise.all([first, second])).resolves.toEqual([one, one]);
        void changes.joinRead(read);
        expect(read).toHaveBeenCalledTimes(2);
        // An address was added meanwhile: the read under way may be out of date, so it is not joined.
        changes.announce();
        void changes.joinRead(read);
        expect(read).toHaveBeenCalledTimes(3);
    });

    it("reach the readers when a read finds a different list, once, and not when the same list is read again", () => {
        const changes = new ThreePidChanges();
        const listener = jest.fn();
        const stop = changes.onKnown(listener);
        const none = toAccountThreePids([]);
        const one = toAccountThreePids([{ medium: "email", address: "carol@example.org" }]);
        changes.remember(none); // the first read: readers hear it
        expect(listener).toHaveBeenCalledTimes(1);
        changes.remember(toAccountThreePids([])); // the host and we read the same answer
        expect(listener).toHaveBeenCalledTimes(1);
        changes.remember(one); // added in Element's Settings, or by the server's admin
        expect(listener).toHaveBeenCalledTimes(2);
        expect(changes.recent()?.emails.map((e) => e.address)).toEqual(["carol@example.org"]);
        // After the panel's own announcement the list read before is gone: the next read is heard.
        changes.announce();
        expect(changes.recent()).toBeNull();
        changes.remember(one);
        expect(listener).toHaveBeenCalledTimes(3);
        stop();
    });

    it("count as current for a minute, then a new view reads again", () => {
        const changes = new ThreePidChanges();
        changes.remember(toAccountThreePids([{ medium: "email", address: "erin@example.org" }]), 1_000);
        expect(changes.recent(60_000, 61_000)?.emails).toHaveLength(1);
        expect(changes.recent(60_000, 61_001)).toBeNull();
    });

    it("are heard from the host's own reads (Element's Settings re-reading its list), passed through unchanged", async () => {
        const changes = new ThreePidChanges();
        let addresses = [{ medium: "msisdn", address: "4412345" }];
        const original = jest.fn(async () => ({ threepids: addresses }));
        const client = { getThreePids: original };
        const listener = jest.fn();
        const stop = changes.onKnown(listener);
        const releaseA = changes.follow(client);
        const releaseB = changes.follow(client); // a second follower shares the wrapper
        await expect(client.getThreePids()).resolves.toEqual({ threepids: addresses });
        addresses = [...addresses, { medium: "email", address: "dave@example.org" }];
        await expect(client.getThreePids()).resolves.toEqual({ threepids: addresses });
        await Promise.resolve();
        expect(listener).toHaveBeenCalledTimes(2); // the first answer, then the one with the new address
        expect(changes.recent()?.emails.map((e) => e.address)).toEqual(["dave@example.org"]);
        expect(original).toHaveBeenCalledTimes(2);
        releaseA();
        expect(client.getThreePids).not.toBe(original);
        releaseB();
        expect(client.getThreePids).toBe(original);
        stop();
    });
});
