/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The security posture report against a real Synapse: accounts in known states (no email / email;
// no cross-signing / cross-signing / recovery; verified and unverified devices; stale devices), and
// the report's counts exactly right — in the CLI (summary, JSON Lines, CSV, HTML) and in the module's
// view-model. Failures (missing account, 403, 5xx) are named and make the exit code say "incomplete";
// a rerun resumes and retries only those; a report of another homeserver is never continued.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { runCli } from "../../../../src/cli/cli";
import { AdminClientAccess } from "../../../../src/matrix/admin/clientAccess";
import { type AccountPosture } from "../../../../src/matrix/admin/posture";
import { readPostureReport } from "../../../../src/matrix/admin/postureFiles";
import { PostureViewModel } from "../../../../src/viewmodels/PostureViewModel";
import { adminFixtures, setDeviceLastSeen } from "../../../support/admin";
import { stopAllClients, uniqueName, type TestClient } from "../../../support/clients";
import { untilObserved } from "../../../support/observe";
import { setupSynapse } from "../../../support/testbed";
import { isCrossSigningVerified, setUpCrossSigning, verifyWithSas, waitFor } from "../../../support/verification";

/** One AdminClientAccess per client, as the module's AccountSession keeps one per signed-in account. */
const accesses = new WeakMap<object, AdminClientAccess>();
function accessOf(client: ConstructorParameters<typeof AdminClientAccess>[0]): AdminClientAccess {
    let access = accesses.get(client);
    if (!access) accesses.set(client, (access = new AdminClientAccess(client)));
    return access;
}

const bed = setupSynapse({ email: false });
const { newUser } = adminFixtures(bed);

const DAY = 24 * 60 * 60 * 1000;
let work: string;
let adminToken: string;
let adminUserId: string;
/** The accounts of this server and what the report must say about each. */
const expected = new Map<string, Omit<AccountPosture, "user_id" | "status">>();
const names = {} as { plain: string; crossOnly: string; recovered: string; verified: string };
let deactivated: string;

/**
 * Builds the server's population. Every device's last-seen time is set explicitly (fresh: now;
 * stale: 40 or 100 days ago) once the clients have been idle long enough for Synapse's own flush.
 */
beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "admin-report-"));
    const admin = await bed.admin();
    adminToken = admin.accessToken;
    adminUserId = admin.userId;
    const devices: Array<{ userId: string; deviceId: string; ageDays: number }> = [
        { userId: admin.userId, deviceId: admin.deviceId, ageDays: 0 },
    ];
    expected.set(admin.userId, flags(false, false, false, 1, 1, 0));

    // No email, no cross-signing, one device that never set up encryption.
    const plain = await bed.registerUser();
    names.plain = plain.userId;
    devices.push({ userId: plain.userId, deviceId: plain.deviceId, ageDays: 0 });
    expected.set(plain.userId, flags(false, false, false, 1, 1, 0));

    // Email, cross-signing without secret storage; its second device is not verified.
    const crossOnly = await bed.newClient();
    names.crossOnly = crossOnly.userId;
    await giveEmail(crossOnly.userId);
    await setUpCrossSigning(crossOnly, { secretStorage: false });
    const crossOnlyPhone = await bed.newDevice(crossOnly, { deviceName: "Unverified phone" });
    devices.push(at(crossOnly, 0), at(crossOnlyPhone, 0));
    expected.set(crossOnly.userId, flags(true, true, false, 2, 1, 0));

    // Email and recovery; plus a device created by the admin (no keys: unverified) unseen for 100 days.
    const recovered = await bed.newClient();
    names.recovered = recovered.userId;
    await giveEmail(recovered.userId);
    await setUpCrossSigning(recovered);
    const oldDeviceId = `OLD${uniqueName("d")
        .replace(/[^A-Za-z0-9]/g, "")
        .slice(-8)}`;
    await bed.adminRequest("POST", `/_synapse/admin/v2/users/${encodeURIComponent(recovered.userId)}/devices`, {
        device_id: oldDeviceId,
    });
    devices.push(at(recovered, 0), { userId: recovered.userId, deviceId: oldDeviceId, ageDays: 100 });
    expected.set(recovered.userId, flags(true, true, true, 2, 1, 1));

    // No email; recovery; its second device verified with emoji, and unseen for 40 days.
    const verified = await bed.newClient();
    names.verified = verified.userId;
    await setUpCrossSigning(verified);
    const verifiedPhone = await bed.newDevice(verified, { deviceName: "Verified phone" });
    await waitFor(() =>
        verifiedPhone.client
            .getCrypto()!
            .getCrossSigningStatus()
            .then((s) => s.publicKeysOnDevice),
    );
    await verifyWithSas(verified, verifiedPhone);
    await waitFor(() => isCrossSigningVerified(verified, verified.userId, verifiedPhone.deviceId), {
        what: "the phone signed by the self-signing key",
    });
    devices.push(at(verified, 0), at(verifiedPhone, 40));
    expected.set(verified.userId, flags(false, true, true, 2, 0, 1));

    // Deactivated: not part of the server's report.
    deactivated = await newUser(`${uniqueName("gone")}@example.org`);
    await bed.adminRequest("POST", `/_synapse/admin/v1/deactivate/${encodeURIComponent(deactivated)}`, {});

    await stopAllClients();
    // Synapse writes last-seen times in a batch every 5 s: let the last one pass before ours.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const database = path.join(bed.synapse.dir, "homeserver.db");
    for (const d of devices) setDeviceLastSeen(database, d.userId, d.deviceId, Date.now() - d.ageDays * DAY);
}, 90_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function flags(
    has_email: boolean,
    has_cross_signing: boolean,
    has_recovery: boolean,
    devices: number,
    unverified_devices: number,
    stale_devices: number,
) {
    return { has_email, has_cross_signing, has_recovery, devices, unverified_devices, stale_devices };
}
const at = (tc: TestClient, ageDays: number) => ({ userId: tc.userId, deviceId: tc.deviceId, ageDays });
const giveEmail = (userId: string) =>
    bed.adminRequest("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
        threepids: [{ medium: "email", address: `${uniqueName("r")}@example.org` }],
    });

async function cli(args: string[], homeserver = bed.baseUrl) {
    let stdout = "";
    let stderr = "";
    const code = await runCli(["--homeserver", homeserver, "report", "--no-progress", ...args], {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { isTTY: false, write: (t: string) => (stderr += t) },
        env: { SYNAPSE_ADMIN_TOKEN: adminToken },
    });
    expect(stdout + stderr).not.toContain(adminToken);
    return { code, stdout, stderr };
}

/** What a report file says, per account, without the status field. */
function perAccount(file: string): Map<string, unknown> {
    const { records } = readPostureReport(fs.readFileSync(file, "utf8"));
    return new Map(
        [...records.values()].map((r) => {
            const { user_id, status, ...rest } = r as AccountPosture;
            return [user_id, status === "ok" ? rest : r];
        }),
    );
}

describe("posture report: the CLI", () => {
    it("counts every protection exactly, per account and in the summary; writes JSON Lines, CSV and HTML", async () => {
        const output = path.join(work, "server.jsonl");
        const html = path.join(work, "server.html");
        const run = await cli(["--output", output, "--stale-days", "30", "--html", html]);
        expect(run.stderr).not.toContain("could not be assessed");
        expect(run.code).toBe(0);

        expect(perAccount(output)).toEqual(new Map(expected));
        expect(perAccount(output).has(deactivated)).toBe(false);

        // 5 accounts: email 2, cross-signing 3, recovery 2, every device verified 1, no stale device 3.
        const table = run.stdout;
        expect(table).toContain(": 5 accounts assessed");
        expect(table).toMatch(/Email address \(password reset works\)\s+2\/5\s+40\.0%/);
        expect(table).toMatch(/Cross-signing \(devices can be verified\)\s+3\/5\s+60\.0%/);
        expect(table).toMatch(/Recovery set up \(history survives the last device\)\s+2\/5\s+40\.0%/);
        expect(table).toMatch(/No unverified device\s+1\/5\s+20\.0%/);
        expect(table).toMatch(/No stale device\s+3\/5\s+60\.0%/);
        expect(table).toContain(
            "Devices: 8; not verified by their owner: 4 (50.0%); stale (unseen for 30 days): 2 (25.0%)",
        );

        const csv = fs.readFileSync(path.join(work, "server.csv"), "utf8").trim().split("\r\n");
        expect(csv[0]).toBe(
            "user_id,status,has_email,has_cross_signing,has_recovery,devices,unverified_devices,stale_devices,failure",
        );
        expect(csv).toContain(`${names.recovered},ok,true,true,true,2,1,1,`);
        expect(csv).toHaveLength(6);

        // Existence only: no secret-storage content reaches any file.
        const everything = [output, path.join(work, "server.csv"), html].map((f) => fs.readFileSync(f, "utf8")).join();
        expect(everything).not.toMatch(/ciphertext|"mac"|"iv"|m\.secret_storage|m\.megolm_backup/);

        const page = fs.readFileSync(html, "utf8");
        expect(page).toContain(names.recovered);
        expect(page).not.toMatch(/(src|href)="https?:/);
    });

    it("names accounts it could not assess (missing, 403, 500), exits 1, and a rerun retries only those", async () => {
        const output = path.join(work, "listed.jsonl");
        const users = path.join(work, "users.txt");
        const missing = `@${uniqueName("nobody")}:${bed.synapse.serverName}`;
        fs.writeFileSync(users, [names.plain, names.crossOnly, names.recovered, missing, ""].join("\n"));
        const proxy = await bed.faultProxy();
        proxy.addRule({
            path: `/users/${encodeURIComponent(names.crossOnly)}/devices`,
            respond: { status: 500 },
        });
        proxy.addRule({
            path: `/users/${encodeURIComponent(names.recovered)}/accountdata`,
            respond: { status: 403, body: { errcode: "M_FORBIDDEN", error: "no" } },
        });

        const first = await cli(["--users", users, "--output", output, "--stale-days", "30"], proxy.baseUrl);
        expect(first.code).toBe(1);
        expect(first.stdout).toContain("3 could not be assessed (the report is INCOMPLETE)");
        expect(first.stdout).toMatch(new RegExp(`${escape(missing)}: the account no longer exists`));
        expect(first.stdout).toContain(`${names.crossOnly}: the device list: M_UNKNOWN, HTTP 500`);
        expect(first.stdout).toContain(`${names.recovered}: the account data: M_FORBIDDEN, HTTP 403`);
        expect(first.stderr).toContain("The report is incomplete: 3 accounts could not be assessed");

        // The server recovers: the rerun asks only for the three that failed (same server URL).
        proxy.clearRules();
        const before = proxy.requests.length;
        const second = await cli(["--users", users, "--output", output, "--stale-days", "30"], proxy.baseUrl);
        expect(second.stderr).toContain("Assessing 3 accounts (1 already in");
        const asked = proxy.requests.slice(before).filter((r) => r.url.includes("/devices"));
        expect(asked.map((r) => decodeURIComponent(r.url)).sort()).toEqual(
            [missing, names.crossOnly, names.recovered].map((id) => `/_synapse/admin/v2/users/${id}/devices`).sort(),
        );
        expect(second.code).toBe(1); // the missing account is still missing
        expect(second.stdout).toContain("1 could not be assessed");
        const records = perAccount(output);
        expect(records.get(names.crossOnly)).toEqual(expected.get(names.crossOnly));
        expect(records.get(names.recovered)).toEqual(expected.get(names.recovered));
    });

    it("waits out 429s, and after Ctrl-C exits 130 and a rerun finishes the rest", async () => {
        const output = path.join(work, "interrupted.jsonl");
        const proxy = await bed.faultProxy();
        proxy.addRule({ path: "/accountdata", rateLimit: { retryAfterMs: 200 }, times: 2 });
        // Ctrl-C once the first account is being read: the running ones finish, no new one starts.
        const controller = new AbortController();
        const interval = setInterval(() => {
            if (proxy.requests.some((r) => r.url.includes("/devices"))) controller.abort();
        }, 1);
        let stdout = "";
        let stderr = "";
        const code = await runCli(
            ["--homeserver", proxy.baseUrl, "report", "--no-progress", "--concurrency", "1", "--output", output],
            {
                stdout: { write: (t: string) => (stdout += t) },
                stderr: { isTTY: false, write: (t: string) => (stderr += t) },
                env: { SYNAPSE_ADMIN_TOKEN: adminToken },
                signal: controller.signal,
            },
        );
        clearInterval(interval);
        expect(code).toBe(130);
        expect(stderr).toContain("rate-limited 2 times");
        expect(stderr).toMatch(/Interrupted: [1-9]\d* accounts not assessed yet/);
        const first = readPostureReport(fs.readFileSync(output, "utf8")).records.size;
        expect(first).toBeGreaterThan(0);
        expect(first).toBeLessThan(5);

        const rest = await cli(["--output", output, "--stale-days", "90"], proxy.baseUrl);
        expect(rest.code).toBe(0);
        expect(rest.stderr).toContain(`Assessing ${5 - first} accounts (${first} already in`);
        expect(rest.stdout).toContain(": 5 accounts assessed");
        expect(stdout).toContain("the report is INCOMPLETE");
    });

    it("refuses to continue a report of another homeserver", async () => {
        const output = path.join(work, "other.jsonl");
        const proxy = await bed.faultProxy();
        const users = path.join(work, "one.txt");
        fs.writeFileSync(users, `${names.plain}\n`);
        expect((await cli(["--users", users, "--output", output], proxy.baseUrl)).code).toBe(0);
        const again = await cli(["--users", users, "--output", output]);
        expect(again.code).toBe(2);
        expect(again.stderr).toContain(`is a report for ${proxy.baseUrl}, not ${bed.baseUrl}`);
    });

    it("shows the trend against an earlier report, and leaves user IDs out with --aggregate-only", async () => {
        const old = path.join(work, "old.jsonl");
        const users = path.join(work, "two.txt");
        fs.writeFileSync(users, `${names.plain}\n${names.recovered}\n`);
        expect((await cli(["--users", users, "--output", old, "--stale-days", "30"])).code).toBe(0);
        const html = path.join(work, "trend.html");
        const run = await cli([
            "--output",
            path.join(work, "now.jsonl"),
            "--stale-days",
            "30",
            "--compare",
            old,
            "--html",
            html,
            "--aggregate-only",
        ]);
        expect(run.code).toBe(0);
        // Before: 1 of 2 had an email (50%); now 2 of 5 (40%).
        expect(run.stdout).toMatch(/Email address \(password reset works\)\s+2\/5\s+40\.0%\s+50\.0%\s+-10\.0 pts/);
        const page = fs.readFileSync(html, "utf8");
        expect(page).toContain("−10.0 pts");
        for (const id of [adminUserId, ...Object.values(names)]) expect(page).not.toContain(id);
    });
});

describe("posture report: the module's view-model", () => {
    it("shows the same summary for the server, and the same HTML report to download", async () => {
        const admin = await bed.createClient(await bed.admin(), { start: false, crypto: false });
        const vm = new PostureViewModel({ api: accessOf(admin.client).api, homeserver: bed.baseUrl, staleDays: 30 });
        const done = untilObserved(
            vm,
            () => vm.getSnapshot(),
            (s) => s.step.kind === "done" || s.step.kind === "error",
            30_000,
            () => JSON.stringify(vm.getSnapshot()),
        );
        await vm.start();
        const { step } = await done;
        if (step.kind !== "done") throw new Error(JSON.stringify(step));
        expect(step.summary.complete).toBe(true);
        expect(step.summary.assessed).toBe(5);
        expect(step.summary.counts).toEqual({
            email: 2,
            cross_signing: 3,
            recovery: 2,
            all_devices_verified: 1,
            no_stale_devices: 3,
        });
        expect(step.summary.devices).toEqual({ total: 8, unverified: 4, stale: 2 });
        const page = vm.htmlReport()!;
        expect(page).toContain("<svg");
        expect(page).toContain(names.verified);
        vm.dispose();
    });
});

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
