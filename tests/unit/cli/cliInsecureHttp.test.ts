/**
 * @jest-environment node
 */
/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The admin CLI never sends the admin token over plain http:// to another machine unless told to.
// A real HTTP server on 127.0.0.1 shows what reaches a homeserver; for hosts elsewhere (which this
// test cannot run) a fetch spy shows whether the CLI tried at all.

import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { runCli, USAGE } from "../../../src/cli/cli";
import { checkHomeserverUrl, isLoopbackHost } from "../../../src/cli/context";

const TOKEN = "syt_secret_admin_token";

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await runCli(args, {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { isTTY: false, write: (t: string) => (stderr += t) },
        env: { SYNAPSE_ADMIN_TOKEN: TOKEN },
    });
    expect(stdout + stderr).not.toContain(TOKEN);
    return { code, stdout, stderr };
}

describe("admin CLI: plain http:// to another machine", () => {
    let fetchSpy: jest.SpyInstance;
    beforeEach(() => {
        // Nothing is listening at these hosts here; a call is recorded and fails like a dead server.
        fetchSpy = jest.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("fetch failed"));
    });
    afterEach(() => fetchSpy.mockRestore());

    it.each([
        "http://matrix.example.org",
        "http://192.0.2.10:8008",
        "http://[fd00::2]:8008",
        "http://127.0.0.1.example.org",
    ])("refuses %s with a usage error before anything is sent", async (homeserver) => {
        const run = await cli(["--homeserver", homeserver, "user", "show", "@a:example.org"]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^Refusing to send the admin access token unencrypted to .+: use https:\/\//);
        expect(run.stderr).toContain("--allow-insecure-http");
        expect(fetchSpy).not.toHaveBeenCalled();
    });

    it("refuses it from SYNAPSE_URL too", async () => {
        let stderr = "";
        const code = await runCli(["user", "show", "@a:example.org"], {
            stdout: { write: () => undefined },
            stderr: { write: (t: string) => (stderr += t) },
            env: { SYNAPSE_ADMIN_TOKEN: TOKEN, SYNAPSE_URL: "http://matrix.example.org" },
        });
        expect(code).toBe(2);
        expect(stderr).toContain("Refusing to send the admin access token unencrypted to matrix.example.org");
        expect(fetchSpy).not.toHaveBeenCalled();
    });

    it("--allow-insecure-http goes ahead, with a warning", async () => {
        const run = await cli([
            "--homeserver",
            "http://matrix.example.org",
            "--allow-insecure-http",
            "user",
            "show",
            "@a:example.org",
        ]);
        expect(run.stderr).toContain(
            "Warning: the admin access token goes to matrix.example.org unencrypted (--allow-insecure-http).",
        );
        expect(fetchSpy).toHaveBeenCalled();
        expect(String(fetchSpy.mock.calls[0][0])).toMatch(/^http:\/\/matrix\.example\.org\//);
        // The dead server: "cannot run", as for any unreachable homeserver.
        expect(run.code).toBe(3);
        expect(run.stderr).toContain("Cannot reach http://matrix.example.org");
    });

    it("https:// needs no flag and gives no warning", async () => {
        const run = await cli(["--homeserver", "https://matrix.example.org", "user", "show", "@a:example.org"]);
        expect(fetchSpy).toHaveBeenCalled();
        expect(run.stderr).not.toContain("Warning");
        expect(run.code).toBe(3);
    });

    it("the help text names the flag", async () => {
        expect(USAGE).toMatch(/--allow-insecure-http +Accept an http:\/\/ homeserver that is not this machine/);
        const run = await cli(["--help"]);
        expect(run.stdout).toContain("--allow-insecure-http");
    });
});

describe("admin CLI: plain http:// to this machine", () => {
    let server: Server;
    let port = 0;
    const seen: IncomingHttpHeaders[] = [];
    beforeAll(async () => {
        server = createServer((req, res) => {
            seen.push(req.headers);
            res.writeHead(401, { "Content-Type": "application/json" }).end(
                JSON.stringify({ errcode: "M_UNKNOWN_TOKEN", error: "Invalid access token" }),
            );
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("is accepted without a flag and without a warning (the token does not leave the machine)", async () => {
        const run = await cli(["--homeserver", `http://127.0.0.1:${port}`, "user", "show", "@a:example.org"]);
        expect(seen).toHaveLength(1);
        expect(seen[0]!.authorization).toBe(`Bearer ${TOKEN}`);
        expect(run.stderr).not.toContain("Warning");
        expect(run.stderr).toContain("does not accept the access token");
        expect(run.code).toBe(3);
    });
});

describe("which hosts are loopback", () => {
    const hostOf = (url: string): string => new URL(url).hostname;

    it.each([
        "http://localhost:8008",
        "http://LOCALHOST",
        "http://127.0.0.1:8008",
        "http://127.1.2.3",
        "http://127.1", // the URL parser writes it as 127.0.0.1
        "http://[::1]:8008",
        "http://[0:0:0:0:0:0:0:1]",
    ])("%s is", (url) => {
        expect(isLoopbackHost(hostOf(url))).toBe(true);
    });

    it.each([
        "http://matrix.example.org",
        "http://localhost.example.org",
        "http://127.0.0.1.example.org",
        "http://128.0.0.1",
        "http://10.0.0.1",
        "http://[fd00::2]",
        "http://[::2]",
        "http://0.0.0.0",
    ])("%s is not", (url) => {
        expect(isLoopbackHost(hostOf(url))).toBe(false);
    });

    it("checkHomeserverUrl keeps the URL as given (without a trailing slash) when it is allowed", () => {
        expect(checkHomeserverUrl(" https://matrix.example.org/ ")).toBe("https://matrix.example.org");
        expect(checkHomeserverUrl("http://localhost:8008/")).toBe("http://localhost:8008");
        const warn = jest.fn();
        expect(checkHomeserverUrl("http://10.0.0.1:8008", { allowInsecureHttp: true, warn })).toBe(
            "http://10.0.0.1:8008",
        );
        expect(warn).toHaveBeenCalledTimes(1);
        expect(() => checkHomeserverUrl("http://10.0.0.1:8008")).toThrow(/Refusing/);
        expect(() => checkHomeserverUrl("ftp://matrix.example.org")).toThrow(/must be an http\(s\) URL/);
        expect(() => checkHomeserverUrl("https://")).toThrow(/must be an http\(s\) URL/);
    });
});
