/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { readReport, ReportWriter } from "../../../src/cli/report";
import { formatDuration, Progress } from "../../../src/cli/progress";
import { runPool } from "../../../src/cli/pool";

describe("the resumable report", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "admin-report-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("settles done and unchanged rows only, and ignores a line cut short by a crash", () => {
        const content = [
            JSON.stringify({ key: "@a:hs a@x.org", line: 1, status: "done", time: "t" }),
            JSON.stringify({ key: "@b:hs b@x.org", line: 2, status: "unchanged", time: "t" }),
            JSON.stringify({ key: "@c:hs c@x.org", line: 3, status: "failed", detail: "boom", time: "t" }),
            JSON.stringify({ key: "line:4", line: 4, status: "invalid", time: "t" }),
            '{"key":"@d:hs d@x.org","line":5,"sta',
        ].join("\n");
        const report = readReport(content);
        expect([...report.settled]).toEqual(["@a:hs a@x.org", "@b:hs b@x.org"]);
        expect([...report.invalid]).toEqual(["line:4"]);
        expect(report.entries).toBe(4);
        expect(report.damagedLines).toBe(1);
    });

    it("appends whole lines, starting on a fresh line after a partial one", () => {
        const file = path.join(dir, "r.jsonl");
        fs.writeFileSync(file, JSON.stringify({ key: "k1", line: 1, status: "done", time: "t" }) + '\n{"key":"k2"');
        const writer = new ReportWriter(file);
        writer.write({ key: "k2", line: 2, status: "done" });
        writer.close();
        const report = readReport(fs.readFileSync(file, "utf8"));
        expect([...report.settled]).toEqual(["k1", "k2"]);
        expect(report.damagedLines).toBe(1);
        expect(fs.readFileSync(file, "utf8").endsWith("\n")).toBe(true);
    });
});

describe("progress and concurrency", () => {
    it("shows count, rate and ETA; a bar only on a terminal", () => {
        let now = 0;
        const written: string[] = [];
        const tty = { isTTY: true, columns: 100, write: (t: string) => written.push(t) };
        const progress = new Progress(100, tty, true, () => now);
        now = 10_000;
        progress.advance(50);
        expect(progress.line()).toMatch(/^\[#+\.+\] 50\/100 50% 5\.0 rows\/s ETA 10s$/);
        expect(written[0]).toMatch(/^\r\[/);

        const plain = { isTTY: false, write: (t: string) => written.push(t) };
        expect(new Progress(10, plain, true, () => now).line()).toBe("0/10 0% 0.0 rows/s ETA ?");
        expect(formatDuration(3725)).toBe("1h02m");
        expect(formatDuration(75)).toBe("1m15s");
    });

    it("never runs more than the limit at once and runs everything", async () => {
        let running = 0;
        let peak = 0;
        const done: number[] = [];
        await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
            running++;
            peak = Math.max(peak, running);
            await new Promise((r) => setTimeout(r, 5));
            done.push(n);
            running--;
        });
        expect(peak).toBe(3);
        expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    it("stops starting new items when asked", async () => {
        const done: number[] = [];
        let stop = false;
        await runPool(
            [1, 2, 3, 4],
            1,
            async (n) => {
                done.push(n);
                if (n === 2) stop = true;
            },
            () => stop,
        );
        expect(done).toEqual([1, 2]);
    });
});
