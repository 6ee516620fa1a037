/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import {
    assessAccount,
    DAY_MS,
    hasRecovery,
    summarize,
    type AccountInputs,
} from "../../../../src/matrix/admin/posture";
import { readPostureReport, recordLine, reportMeta, toCsv } from "../../../../src/matrix/admin/postureFiles";
import { escapeHtml, renderHtmlReport } from "../../../../src/matrix/admin/reportHtml";

const NOW = Date.UTC(2026, 11, 1);
const ALICE = "@alice:example.org";
const SSK = "ed25519:SSKPUB";

function inputs(overrides: Partial<AccountInputs> = {}): AccountInputs {
    return {
        userId: ALICE,
        threepids: [],
        devices: [],
        globalAccountData: {},
        keys: { deviceKeys: {} },
        now: NOW,
        staleDays: 30,
        ...overrides,
    };
}

describe("recovery, from what exists in account data", () => {
    const full = {
        "m.secret_storage.default_key": { key: "K1" },
        "m.secret_storage.key.K1": { algorithm: "m.secret_storage.v1.aes-hmac-sha2" },
        "m.megolm_backup.v1": { encrypted: { K1: { iv: "…", ciphertext: "…", mac: "…" } } },
    };
    it("needs a default key, its description, and the backup key stored under that key", () => {
        expect(hasRecovery(full)).toBe(true);
        expect(hasRecovery({ ...full, "m.secret_storage.default_key": {} })).toBe(false);
        expect(hasRecovery({ ...full, "m.secret_storage.key.K1": undefined })).toBe(false);
        // The backup key stored under another (old) key does not count.
        expect(hasRecovery({ ...full, "m.megolm_backup.v1": { encrypted: { K0: {} } } })).toBe(false);
        expect(hasRecovery({ ...full, "m.megolm_backup.v1": "junk" })).toBe(false);
        expect(hasRecovery({})).toBe(false);
    });
});

describe("one account", () => {
    it("counts devices its self-signing key did not sign, and devices unseen for the threshold or never", () => {
        const record = assessAccount(
            inputs({
                threepids: [{ medium: "msisdn" }, { medium: "email" }],
                devices: [
                    { device_id: "SIGNED", last_seen_ts: NOW - DAY_MS },
                    { device_id: "SELFONLY", last_seen_ts: NOW - 31 * DAY_MS },
                    { device_id: "NOKEYS", last_seen_ts: null },
                ],
                keys: {
                    masterKey: { keys: { "ed25519:MASTER": "MASTER" } },
                    selfSigningKey: { keys: { [SSK]: "SSKPUB" } },
                    deviceKeys: {
                        SIGNED: { signatures: { [ALICE]: { "ed25519:SIGNED": "x", [SSK]: "y" } } },
                        SELFONLY: { signatures: { [ALICE]: { "ed25519:SELFONLY": "x" } } },
                    },
                },
            }),
        );
        expect(record).toEqual({
            user_id: ALICE,
            status: "ok",
            has_email: true,
            has_cross_signing: true,
            has_recovery: false,
            devices: 3,
            unverified_devices: 2,
            stale_devices: 2,
        });
    });

    it("without a self-signing key no device is verified, and there is no cross-signing", () => {
        const record = assessAccount(
            inputs({
                devices: [{ device_id: "D", last_seen_ts: NOW }],
                keys: {
                    masterKey: { keys: { "ed25519:MASTER": "MASTER" } },
                    deviceKeys: { D: { signatures: { [ALICE]: { [SSK]: "y" } } } },
                },
            }),
        );
        expect(record).toMatchObject({ has_cross_signing: false, unverified_devices: 1, stale_devices: 0 });
    });
});

describe("summary and files", () => {
    const ok = assessAccount(inputs({ threepids: [{ medium: "email" }] }));
    const failed = { user_id: "@bob:example.org", status: "failed" as const, reason: "the device list: HTTP 500" };

    it("counts the latest record per account and names the failures", () => {
        const summary = summarize([failed, ok, { ...failed, user_id: "@carol:example.org" }], {
            homeserver: "https://hs",
            staleDays: 30,
        });
        expect(summary).toMatchObject({ assessed: 1, failed: 2, complete: false, counts: { email: 1 } });
        expect(
            summarize([failed, { ...ok, user_id: failed.user_id }], { homeserver: "h", staleDays: 1 }).complete,
        ).toBe(true);
    });

    it("reads back what it wrote, skipping a line cut short by a crash", () => {
        const content = [
            JSON.stringify(reportMeta("https://hs", 30)),
            recordLine(ok),
            recordLine(failed),
            '{"user_id":"@x',
        ].join("\n");
        const read = readPostureReport(content);
        expect(read.meta).toMatchObject({ homeserver: "https://hs", stale_days: 30 });
        expect([...read.records.keys()]).toEqual([ALICE, failed.user_id]);
        expect(read.damagedLines).toBe(1);
    });

    it("keeps nothing but the record's own fields in a line", () => {
        const line = recordLine({ ...ok, secret: "ciphertext" } as unknown as typeof ok);
        expect(line).not.toContain("ciphertext");
    });

    it("quotes CSV cells that need it", () => {
        const csv = toCsv([{ ...failed, reason: 'a "quoted", reason' }]);
        expect(csv.split("\r\n")[1]).toBe('@bob:example.org,failed,,,,,,,"a ""quoted"", reason"');
    });

    it("escapes everything from the server in the HTML page", () => {
        expect(escapeHtml(`<script>"&'`)).toBe("&lt;script&gt;&quot;&amp;&#39;");
        const summary = summarize([{ ...failed, user_id: "@<img src=x>:example.org" }], {
            homeserver: "h",
            staleDays: 1,
        });
        const page = renderHtmlReport({ summary, records: [] });
        expect(page).not.toContain("<img");
        expect(page).toContain("@&lt;img src=x&gt;:example.org");
    });
});
