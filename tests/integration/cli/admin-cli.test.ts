/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The element-account-security-admin CLI against a real Synapse: safe single-account changes
// (merge, ownership refusal, --force, --dry-run), access errors, 429 handling, delegated-auth
// detection, and a 1,000-row import that is killed halfway and resumed.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { runCli } from "../../../src/cli/cli";
import type { ReportEntry } from "../../../src/cli/report";
import { addr, adminFixtures, answerLikeMas } from "../../support/admin";
import { setupSynapse } from "../../support/testbed";
import { loginDevice, uniqueName } from "../../support/clients";

const bed = setupSynapse({ email: false });

let work: string;
let adminToken: string;

beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "admin-cli-"));
    adminToken = (await bed.admin()).accessToken;
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs the CLI in this process (same code as the bin), as the file's admin unless `token` is given. */
async function cli(args: string[], options: { token?: string; homeserver?: string } = {}): Promise<Run> {
    let stdout = "";
    let stderr = "";
    const code = await runCli(["--homeserver", options.homeserver ?? bed.baseUrl, ...args], {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { isTTY: false, write: (t: string) => (stderr += t) },
        env: { SYNAPSE_ADMIN_TOKEN: options.token ?? adminToken },
    });
    const run = { code, stdout, stderr };
    // Whatever happens, the token never shows up in the output.
    expect(stdout + stderr).not.toContain(options.token ?? adminToken);
    return run;
}

const { getUser, emails, newUser } = adminFixtures(bed);

describe("admin CLI: one account", () => {
    it("creates an account with emails, a display name and a password (from a file)", async () => {
        const userId = `@${uniqueName("created")}:${bed.synapse.serverName}`;
        const [a, b] = [addr("c1"), addr("c2")];
        const passwordFile = path.join(work, "pw");
        fs.writeFileSync(passwordFile, "a long enough password\n");
        const run = await cli([
            "user",
            "create",
            userId,
            "--email",
            a,
            "--email",
            b.toUpperCase(),
            "--displayname",
            "Created Person",
            "--password-file",
            passwordFile,
        ]);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain(`${userId}: create account with a password`);
        expect(run.stdout + run.stderr).not.toContain("a long enough password");
        const user = await getUser(userId);
        expect(user.displayname).toBe("Created Person");
        expect(await emails(userId)).toEqual([a, b].sort());
        // The password works: the account can log in.
        const login = await loginDevice(bed.synapse, { userId, username: userId, password: "a long enough password" });
        expect(login.userId).toBe(userId);

        const again = await cli(["user", "create", userId]);
        expect(again.code).toBe(1);
        expect(again.stderr).toContain("already exists");
    });

    it("add-email merges: existing addresses stay", async () => {
        const old = addr("old");
        const userId = await newUser(old);
        const added = addr("new");
        const run = await cli(["user", "add-email", userId, added]);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain(`${userId}: + ${added}`);
        expect(await emails(userId)).toEqual([old, added].sort());

        const show = await cli(["user", "show", userId]);
        expect(show.stdout).toContain("email addresses (2)");
        expect(show.stdout).toMatch(new RegExp(`${added.replace(".", "\\.")}\\s+added \\d{4}-\\d\\d-\\d\\d`));
    });

    it("refuses an address another account owns and leaves it there; --force moves it", async () => {
        const contested = addr("owned");
        const owner = await newUser(contested);
        const mine = addr("mine");
        const target = await newUser(mine);

        const refused = await cli(["user", "add-email", target, contested]);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`${contested} belongs to ${owner}`);
        expect(refused.stderr).toContain("Nothing was changed");
        expect(await emails(owner)).toEqual([contested]);
        expect(await emails(target)).toEqual([mine]);

        const forced = await cli(["user", "add-email", target, contested, "--force"]);
        expect(forced.code).toBe(0);
        expect(forced.stdout).toContain(`(MOVED from ${owner})`);
        expect(forced.stderr).toContain(`will be taken away from ${owner}`);
        expect(await emails(owner)).toEqual([]);
        expect(await emails(target)).toEqual([contested, mine].sort());
    });

    it("--dry-run prints the change and changes nothing", async () => {
        const keep = addr("keep");
        const userId = await newUser(keep);
        const before = await getUser(userId);
        const extra = addr("extra");
        const add = await cli(["user", "add-email", userId, extra, "--dry-run"]);
        expect(add.code).toBe(0);
        expect(add.stdout).toBe(`${userId}: + ${extra}\n`);
        expect(add.stderr).toContain("Dry run: nothing was changed");
        const remove = await cli(["user", "remove-email", userId, keep, "--dry-run"]);
        expect(remove.stdout).toBe(`${userId}: - ${keep}\n`);
        expect(remove.stderr).toContain("no email address left");
        const created = `@${uniqueName("dry")}:${bed.synapse.serverName}`;
        const create = await cli(["user", "create", created, "--email", addr("d"), "--dry-run"]);
        expect(create.code).toBe(0);
        expect(await getUser(userId)).toEqual(before);
        await expect(getUser(created)).rejects.toThrow(/404/);
    });

    it("remove-email removes only the named address", async () => {
        const [a, b] = [addr("ra"), addr("rb")];
        const userId = await newUser(a, b);
        const run = await cli(["user", "remove-email", userId, a]);
        expect(run.code).toBe(0);
        expect(await emails(userId)).toEqual([b]);
    });

    it("rejects invalid addresses without changing anything", async () => {
        const userId = await newUser();
        const run = await cli(["user", "add-email", userId, "not-an-address", addr("fine")]);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('"not-an-address" is not an email address');
        expect(await emails(userId)).toEqual([]);
    });
});

describe("admin CLI: access", () => {
    it("explains a non-admin token, a missing token, a bad token and a token on the command line", async () => {
        const plain = await bed.registerUser();
        const notAdmin = await cli(["user", "show", plain.userId], { token: plain.accessToken });
        expect(notAdmin.code).toBe(3);
        expect(notAdmin.stderr).toContain(`belongs to ${plain.userId}, who is not a server admin`);

        let stderr = "";
        const missing = await runCli(["--homeserver", bed.baseUrl, "user", "show", plain.userId], {
            stdout: { write: () => undefined },
            stderr: { write: (t: string) => (stderr += t) },
            env: {},
        });
        expect(missing).toBe(3);
        expect(stderr).toContain("SYNAPSE_ADMIN_TOKEN");

        const hidden = await bed.faultProxy();
        hidden.addRule({ path: "/_synapse/admin/", respond: { status: 404, body: { errcode: "M_UNRECOGNIZED" } } });
        const noApi = await cli(["user", "show", plain.userId], { homeserver: hidden.baseUrl });
        expect(noApi.code).toBe(3);
        expect(noApi.stderr).toContain("does not answer on /_synapse/admin");

        const bad = await cli(["user", "show", plain.userId], { token: "syt_not_a_real_token" });
        expect(bad.code).toBe(3);
        expect(bad.stderr).toContain("does not accept the access token");

        const argv = await cli(["user", "show", plain.userId, `--token=${adminToken}`]);
        expect(argv.code).toBe(2);
        expect(argv.stderr).toContain("--token is not accepted");
    });

    it("explains a homeserver that delegates accounts to MAS (simulated by a proxy answering like one)", async () => {
        const proxy = await bed.faultProxy();
        answerLikeMas(proxy);
        const run = await cli(["user", "show", "@x:localhost"], { homeserver: proxy.baseUrl });
        expect(run.code).toBe(3);
        expect(run.stderr).toContain("delegates accounts to an external provider");
        expect(run.stderr).toContain(
            "Email addresses are managed there, not in Synapse: use https://auth.example.org/account/",
        );
    });

    it("waits out 429 answers as the server asks, then succeeds", async () => {
        const proxy = await bed.faultProxy();
        const userId = await newUser();
        const rule = proxy.addRule({
            path: "/_synapse/admin/v2/users/",
            method: "PUT",
            rateLimit: { retryAfterMs: 400 },
            times: 2,
        });
        const started = Date.now();
        const address = addr("rl");
        const run = await cli(["user", "add-email", userId, address], { homeserver: proxy.baseUrl });
        expect(run.code).toBe(0);
        expect(rule.matches).toBe(2);
        expect(Date.now() - started).toBeGreaterThanOrEqual(800);
        expect(await emails(userId)).toEqual([address]);
    });
});

describe("admin CLI: import", () => {
    it("reports bad rows and applies the rest", async () => {
        const taken = addr("taken");
        const owner = await newUser(taken);
        const existing = await newUser();
        const fresh = uniqueName("fresh");
        const file = path.join(work, "mixed.csv");
        const good1 = addr("g1");
        const good2 = addr("g2");
        fs.writeFileSync(
            file,
            [
                "user_id,email,displayname",
                `${existing},${good1}`,
                `${fresh},${good2},Fresh Person`, // bare localpart: completed with the server name
                `${existing},not-an-address`,
                `@someone:other.example,${addr("x")}`,
                `${existing},${taken}`,
                `${existing}`,
            ].join("\n") + "\n",
        );
        const run = await cli(["import", file, "--create", "--no-progress"]);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/2 added, 0 already there, 0 done earlier, 1 refused, 3 invalid, 0 failed/);
        expect(run.stderr).toContain(`line 6: ${existing} ${taken}: refused: belongs to ${owner}`);
        expect(await emails(existing)).toEqual([good1]);
        const freshId = `@${fresh}:${bed.synapse.serverName}`;
        expect(await emails(freshId)).toEqual([good2]);
        expect((await getUser(freshId)).displayname).toBe("Fresh Person");
        expect(await emails(owner)).toEqual([taken]);

        const report = fs
            .readFileSync(`${file}.report.jsonl`, "utf8")
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l) as ReportEntry)
            .filter((e) => "key" in e); // the first line names the homeserver
        expect(report.map((e) => [e.line, e.status]).sort()).toEqual(
            [
                [2, "done"],
                [3, "done"],
                [4, "invalid"],
                [5, "invalid"],
                [6, "refused"],
                [7, "invalid"],
            ].sort(),
        );
        // A rerun redoes nothing that succeeded, and does not repeat the invalid lines in the report.
        const rerun = await cli(["import", file, "--create", "--no-progress"]);
        expect(rerun.stderr).toMatch(/0 added, 0 already there, 2 done earlier, 1 refused, 3 invalid/);
        const lines = fs.readFileSync(`${file}.report.jsonl`, "utf8").trim().split("\n");
        expect(lines).toHaveLength(8); // the homeserver line, 6 rows, + one new "refused" line for the retried row
    });

    it("JSON Lines: merges by default, --replace drops unlisted addresses, --force moves (one account at a time)", async () => {
        const [kept, listed] = [addr("kept"), addr("listed")];
        const userId = await newUser(kept);
        const contested = addr("moved");
        const owner = await newUser(contested);
        const file = path.join(work, "lines.jsonl");
        const write = (rows: object[]): void =>
            fs.writeFileSync(file, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");

        write([{ user_id: userId, email: listed, displayname: "Renamed" }]);
        expect((await cli(["import", file, "--no-progress", "--report", `${file}.1`])).code).toBe(0);
        expect(await emails(userId)).toEqual([kept, listed].sort());
        // An existing account keeps the display name its owner chose.
        expect((await getUser(userId)).displayname).not.toBe("Renamed");

        expect((await cli(["import", file, "--no-progress", "--replace", "--report", `${file}.2`])).code).toBe(0);
        expect(await emails(userId)).toEqual([listed]);

        write([{ user_id: userId, email: contested }]);
        const forced = await cli([
            "import",
            file,
            "--no-progress",
            "--force",
            "--concurrency",
            "8",
            "--report",
            `${file}.3`,
        ]);
        expect(forced.code).toBe(0);
        expect(forced.stderr).toContain("concurrency 1 (--force runs one account at a time)");
        const [entry] = fs
            .readFileSync(`${file}.3`, "utf8")
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l) as ReportEntry)
            .filter((e) => "key" in e); // the first line names the homeserver
        expect(entry).toMatchObject({ status: "done", detail: `moved from ${owner}` });
        expect(await emails(owner)).toEqual([]);
        expect(await emails(userId)).toEqual([contested, listed].sort());
    });

    it("dry-run imports nothing and writes no report", async () => {
        const userId = await newUser();
        const file = path.join(work, "dry.jsonl");
        fs.writeFileSync(file, JSON.stringify({ user_id: userId, email: addr("dry") }) + "\n");
        const run = await cli(["import", file, "--dry-run", "--no-progress"]);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(new RegExp(`^${userId.replace(/[.]/g, "\\.")}: \\+ dry-`));
        expect(await emails(userId)).toEqual([]);
        expect(fs.existsSync(`${file}.report.jsonl`)).toBe(false);
    });
});
