/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * `npm run bench:report`: the posture report at scale, on this machine's own Synapse (not part of the
 * default test run: it takes minutes). 10,000 accounts in known states are written straight into
 * Synapse's SQLite database (creating them through the API would take far longer than the report),
 * then `report` runs through the real CLI code twice in the same run: once at concurrency 1 (on the
 * first BENCH_SERIAL accounts, default 1,000) and once over every account at the default concurrency.
 * It prints accounts per second of each, the speed-up, and checks the summary's counts exactly.
 *
 *     npm run bench:report                       # 10,000 accounts
 *     BENCH_ACCOUNTS=2000 npm run bench:report   # smaller
 */

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { runCli } from "../src/cli/cli";
import { DEFAULT_CONCURRENCY } from "../src/cli/importCommand";
import { summarize } from "../src/matrix/admin/posture";
import { readPostureReport } from "../src/matrix/admin/postureFiles";
import { registerUser } from "../tests/support/clients";
import { startSynapse } from "../tests/support/synapse";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const SERIAL = Math.min(ACCOUNTS, Number(process.env.BENCH_SERIAL ?? 1_000));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? DEFAULT_CONCURRENCY);

/** Writes the accounts into Synapse's database; account i's state follows from i (see `expected`). */
const POPULATE = `
import json, sqlite3, sys, time
db_path, server, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
now = int(time.time() * 1000)
db = sqlite3.connect(db_path, timeout=60)
users, threepids, devices, data, xsk, dk = [], [], [], [], [], []
stream = 50_000_000
for i in range(count):
    uid = "@bench%05d:%s" % (i, server)
    users.append((uid, None, now // 1000, 0, 0, 0, 1, 0, 0))
    if i % 10 < 6:
        threepids.append((uid, "email", "bench%05d@example.org" % i, now, now))
    cross = i % 2 == 0
    ssk = "SSK%05d" % i
    if cross:
        stream += 2
        xsk.append((uid, "master", json.dumps({"user_id": uid, "usage": ["master"], "keys": {"ed25519:MSK%05d" % i: "MSK%05d" % i}}), stream))
        xsk.append((uid, "self_signing", json.dumps({"user_id": uid, "usage": ["self_signing"], "keys": {"ed25519:" + ssk: ssk}}), stream + 1))
    if cross and i % 4 == 0:
        stream += 1
        data.append((uid, "m.secret_storage.default_key", stream, json.dumps({"key": "K%05d" % i})))
        data.append((uid, "m.secret_storage.key.K%05d" % i, stream, json.dumps({"algorithm": "m.secret_storage.v1.aes-hmac-sha2"})))
        data.append((uid, "m.megolm_backup.v1", stream, json.dumps({"encrypted": {"K%05d" % i: {"iv": "x", "ciphertext": "x", "mac": "x"}}})))
    for d in range(1 + i % 3):
        did = "DEV%05d_%d" % (i, d)
        last_seen = now - (200 * 86400000 if d == 2 else 3600000)
        devices.append((uid, did, "bench", last_seen, "127.0.0.1", "bench", 0))
        sigs = {uid: {"ed25519:" + did: "self"}}
        if cross and d == 0:
            sigs[uid]["ed25519:" + ssk] = "signed"
        dk.append((uid, did, now, json.dumps({"user_id": uid, "device_id": did, "algorithms": [], "keys": {"ed25519:" + did: did}, "signatures": sigs})))
db.executemany("INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, deactivated, approved, locked, suspended) VALUES (?,?,?,?,?,?,?,?,?)", users)
db.executemany("INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES (?,?,?,?,?)", threepids)
db.executemany("INSERT INTO devices (user_id, device_id, display_name, last_seen, ip, user_agent, hidden) VALUES (?,?,?,?,?,?,?)", devices)
db.executemany("INSERT INTO account_data (user_id, account_data_type, stream_id, content) VALUES (?,?,?,?)", data)
db.executemany("INSERT INTO e2e_cross_signing_keys (user_id, keytype, keydata, stream_id) VALUES (?,?,?,?)", xsk)
db.executemany("INSERT INTO e2e_device_keys_json (user_id, device_id, ts_added_ms, key_json) VALUES (?,?,?,?)", dk)
db.commit()
`;

async function report(
    baseUrl: string,
    token: string,
    args: string[],
): Promise<{ code: number; seconds: number; out: string }> {
    let out = "";
    const started = Date.now();
    const cpu = process.cpuUsage();
    const code = await runCli(["--homeserver", baseUrl, "report", "--no-progress", ...args], {
        stdout: { write: (t: string) => (out += t) },
        stderr: { isTTY: false, write: (t: string) => (out += t) },
        env: { SYNAPSE_ADMIN_TOKEN: token },
    });
    const used = process.cpuUsage(cpu);
    // The tool's own CPU time: on a shared machine, what it costs besides Synapse's.
    console.info(`  (the report's own CPU: ${((used.user + used.system) / 1e6).toFixed(1)} s)`);
    return { code, seconds: (Date.now() - started) / 1000, out };
}

async function main(): Promise<void> {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-report-"));
    const synapse = await startSynapse({ email: false });
    try {
        const admin = await registerUser(synapse, { admin: true, username: `benchadmin${Date.now()}` });
        let t = Date.now();
        execFileSync("python3", [
            "-c",
            POPULATE,
            path.join(synapse.dir, "homeserver.db"),
            synapse.serverName,
            String(ACCOUNTS),
        ]);
        console.info(`Created ${ACCOUNTS} accounts in SQLite in ${((Date.now() - t) / 1000).toFixed(1)} s.`);

        const serialUsers = path.join(work, "serial.txt");
        const ids = Array.from(
            { length: SERIAL },
            (_, i) => `@bench${String(i).padStart(5, "0")}:${synapse.serverName}`,
        );
        fs.writeFileSync(serialUsers, ids.join("\n") + "\n");
        t = Date.now();
        const serial = await report(synapse.baseUrl, admin.accessToken, [
            "--users",
            serialUsers,
            "--concurrency",
            "1",
            "--output",
            path.join(work, "serial.jsonl"),
        ]);
        const serialRate = SERIAL / serial.seconds;
        console.info(
            `Concurrency 1: ${SERIAL} accounts in ${serial.seconds.toFixed(1)} s = ${serialRate.toFixed(1)} accounts/s (exit ${serial.code})`,
        );

        const output = path.join(work, "all.jsonl");
        const all = await report(synapse.baseUrl, admin.accessToken, [
            "--concurrency",
            String(CONCURRENCY),
            "--output",
            output,
            "--html",
            path.join(work, "all.html"),
        ]);
        const total = ACCOUNTS + 1; // and the admin
        const rate = total / all.seconds;
        console.info(
            `Concurrency ${CONCURRENCY}: ${total} accounts in ${all.seconds.toFixed(1)} s = ${rate.toFixed(1)} accounts/s (exit ${all.code}); ` +
                `speed-up ×${(rate / serialRate).toFixed(2)} against concurrency 1; target < 180 s: ${all.seconds < 180 ? "met" : "MISSED"}`,
        );
        console.info(`HTML report: ${(fs.statSync(path.join(work, "all.html")).size / 1024).toFixed(0)} KB`);

        // The counts must be exactly what was written.
        const { records } = readPostureReport(fs.readFileSync(output, "utf8"));
        const summary = summarize(records.values(), { homeserver: synapse.baseUrl, staleDays: 90 });
        const n = ACCOUNTS;
        const count = (test: (i: number) => boolean): number =>
            Array.from({ length: n }, (_, i) => i).filter(test).length;
        const expected = {
            email: count((i) => i % 10 < 6),
            cross_signing: count((i) => i % 2 === 0),
            recovery: count((i) => i % 4 === 0),
            // One device and cross-signed, or ... every device must be signed: only 1-device accounts with cross-signing.
            all_devices_verified: count((i) => i % 2 === 0 && i % 3 === 0),
            no_stale_devices: count((i) => i % 3 !== 2) + 1,
        };
        const devices = count(() => true) + count((i) => i % 3 >= 1) + count((i) => i % 3 === 2);
        const ok =
            summary.assessed === total &&
            JSON.stringify(summary.counts) === JSON.stringify(expected) &&
            summary.devices.total === devices + 1 &&
            summary.devices.stale === count((i) => i % 3 === 2);
        console.info(
            `Counts ${ok ? "exactly as created" : "WRONG"}: ${JSON.stringify(summary.counts)} devices ${JSON.stringify(summary.devices)}`,
        );
        if (!ok || all.code !== 0 || serial.code !== 0) {
            console.info(all.out.slice(0, 3000));
            process.exitCode = 1;
        }
    } finally {
        await synapse.stop({ keepDir: process.env.BENCH_KEEP === "1" });
        if (process.env.BENCH_KEEP === "1") console.info(`Kept ${synapse.dir}`);
        fs.rmSync(work, { recursive: true, force: true });
    }
}

void main();
