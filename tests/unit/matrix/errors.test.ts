/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Which errors are network problems ("Can't reach your homeserver") and which are bugs ("Something
// went wrong in Account security" + code, logged once with the stack, never with a secret).

import { bugCode, describeFailure, reportIfBug, scrubSecrets, TimeoutError } from "../../../src/matrix/errors";

function httpError(httpStatus: number, errcode?: string): Error {
    return Object.assign(new Error(`HTTP ${httpStatus}`), { name: "MatrixError", httpStatus, errcode });
}

let consoleError: jest.SpyInstance;
beforeEach(() => {
    consoleError = jest.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => consoleError.mockRestore());

describe("describeFailure: only real network failures are network problems", () => {
    it.each<[string, string, unknown]>([
        ["fetch failed (Node)", "unreachable", new TypeError("fetch failed")],
        ["Failed to fetch (Chromium)", "unreachable", new TypeError("Failed to fetch")],
        ["Firefox", "unreachable", new TypeError("NetworkError when attempting to fetch resource.")],
        ["Safari", "unreachable", new TypeError("Load failed")],
        [
            "the SDK's ConnectionError",
            "unreachable",
            Object.assign(new Error("fetch failed"), { name: "ConnectionError" }),
        ],
        ["502 from the proxy", "unreachable", httpError(502)],
        ["503", "unreachable", httpError(503)],
        ["504", "unreachable", httpError(504)],
        ["our timeout", "timeout", new TimeoutError(30_000)],
        ["an abort", "timeout", Object.assign(new Error("aborted"), { name: "AbortError" })],
        ["429", "rate_limited", httpError(429, "M_LIMIT_EXCEEDED")],
        ["500 from the homeserver", "server", httpError(500, "M_UNKNOWN")],
        ["400 with an errcode", "server", httpError(400, "M_THREEPID_IN_USE")],
        ["a missing method", "bug", new TypeError("crypto.getUserCrossSigningKeys is not a function")],
        [
            "reading a property of undefined",
            "bug",
            new TypeError("Cannot read properties of undefined (reading 'keys')"),
        ],
        ["a ReferenceError", "bug", new ReferenceError("Cannot access 'B' before initialization")],
        ["a plain Error from below", "bug", new Error("the crypto stack refused")],
        ["a thrown string", "bug", "oops"],
    ])("%s → %s", (_name, kind, error) => {
        expect(describeFailure(error).kind).toBe(kind);
    });

    it("a bug carries a short code, the same for the same error, different for another", () => {
        const failure = describeFailure(new TypeError("x.y is not a function"));
        expect(failure.code).toMatch(/^TE-[0-9a-z]{4}$/);
        expect(failure.detail).toBe(failure.code);
        expect(bugCode(new TypeError("x.y is not a function"))).toBe(failure.code);
        expect(bugCode(new TypeError("x.z is not a function"))).not.toBe(failure.code);
        expect(describeFailure(new ReferenceError("q is not defined")).code).toMatch(/^RE-/);
    });
});

describe("a bug is logged once, with its stack and code, without secrets", () => {
    it("once per error, however many times it is classified", () => {
        const error = new TypeError("crypto.getUserCrossSigningKeys is not a function");
        const { code } = describeFailure(error);
        describeFailure(error);
        describeFailure(error);
        expect(consoleError).toHaveBeenCalledTimes(1);
        const logged = String(consoleError.mock.calls[0]![0]);
        expect(logged).toContain(`Something went wrong in Account security (${code})`);
        expect(logged).toContain("crypto.getUserCrossSigningKeys is not a function");
        expect(logged).toMatch(/\n\s+at /); // the stack
    });

    it("silent catches (reminders, name lookups) still report a bug once, and stay quiet on network failures", () => {
        reportIfBug(new TypeError("fetch failed"));
        expect(consoleError).not.toHaveBeenCalled();
        const bug = new TypeError("client.getDevices is not a function");
        reportIfBug(bug);
        reportIfBug(bug);
        expect(consoleError).toHaveBeenCalledTimes(1);
    });

    it("network failures are not logged as bugs", () => {
        describeFailure(new TypeError("fetch failed"));
        describeFailure(httpError(503));
        expect(consoleError).not.toHaveBeenCalled();
    });

    it("recovery keys, tokens, passwords and key material never reach the log", () => {
        const recoveryKey = "EsTc LW2K PGiF wKEA 3As5 g5c4 BXwk qeeJ ZJV8 Q9fu gUMN UE4d";
        const base64Key = "dGhpcyBpcyBhIHNlY3JldCBrZXkgb2YgMzIgYnl0ZXMhIQ";
        const error = new Error(
            `could not decrypt with ${recoveryKey} / ${base64Key}; token syt_YWxpY2U_abcDEF123_0x9z9; {"password": "hunter2-horse"}`,
        );
        describeFailure(error);
        const logged = String(consoleError.mock.calls[0]![0]);
        for (const secret of [recoveryKey, "EsTc LW2K", base64Key, "syt_YWxpY2U", "hunter2-horse"]) {
            expect(logged).not.toContain(secret);
        }
        expect(logged).toContain("could not decrypt with");
    });

    it("file paths in the stack stay readable", () => {
        const path = "/work/app/node_modules/matrix-js-sdk-38/lib/rust-crypto/rust-crypto.js:277:31";
        expect(scrubSecrets(`at RustCrypto.getVersion (${path})`)).toContain(path);
    });
});
