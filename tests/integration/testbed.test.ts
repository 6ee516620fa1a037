/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Smoke tests that prove the test bed itself against a real Synapse: readiness, admin API,
// cross-signing + emoji verification between two rust-crypto devices, the add-email flow through
// the mail sink, and the fault proxy.

import { loginDevice, waitForCrossSigningKeys } from "../support/clients";
import { setupSynapse } from "../support/testbed";
import {
    cryptoOf,
    isCrossSigningVerified,
    passwordAuth,
    setUpCrossSigning,
    verifyWithSas,
    waitFor,
} from "../support/verification";

const bed = setupSynapse();

/** Prints a timing when TESTBED_TIMINGS=1 (the figures quoted in tests/README.md). */
function timing(label: string, since: number): void {
    if (process.env.TESTBED_TIMINGS) console.info(`${label}: ${Date.now() - since} ms`);
}

describe("test bed: Synapse", () => {
    it("is ready within the 15 s budget, and a fresh user's client syncs with rust crypto", async () => {
        expect(bed.synapse.readyMs).toBeLessThan(15_000);
        const started = Date.now();
        const alice = await bed.newClient();
        timing("register + crypto init + first sync", started);
        expect(alice.client.getUserId()).toBe(alice.userId);
        expect(alice.client.getCrypto()).toBeDefined();
        const { devices } = await alice.client.getDevices();
        expect(devices.map((d) => d.device_id)).toContain(alice.deviceId);
    });

    it("answers admin API calls for an admin", async () => {
        const bob = await bed.registerUser({ displayName: "Bob" });
        const info = await bed.adminRequest<{ name: string; admin: boolean; displayname: string }>(
            "GET",
            `/_synapse/admin/v2/users/${encodeURIComponent(bob.userId)}`,
        );
        expect(info).toMatchObject({ name: bob.userId, admin: false, displayname: "Bob" });
    });
});

describe("test bed: crypto", () => {
    it("lets two devices of one user bootstrap cross-signing and verify each other with emoji", async () => {
        const first = await bed.newClient();
        let started = Date.now();
        const { recoveryKey } = await setUpCrossSigning(first);
        timing("cross-signing + secret storage + key backup", started);
        expect(recoveryKey).toMatch(/^[A-Za-z0-9 ]{40,}$/);
        expect(await cryptoOf(first).isCrossSigningReady()).toBe(true);

        const second = await bed.newDevice(first, { deviceName: "second device" });
        await waitForCrossSigningKeys(second);
        expect(await isCrossSigningVerified(first, first.userId, second.deviceId)).toBe(false);

        started = Date.now();
        const { emoji } = await verifyWithSas(first, second);
        timing("SAS emoji verification", started);
        expect(emoji).toHaveLength(7);

        // Each device now trusts the other through cross-signing; the new device gets the private
        // cross-signing keys by secret gossip shortly after, which makes it cross-signing ready.
        started = Date.now();
        await waitFor(
            async () =>
                (await isCrossSigningVerified(first, first.userId, second.deviceId)) &&
                (await isCrossSigningVerified(second, second.userId, first.deviceId)) &&
                (await isCrossSigningVerified(second, second.userId, second.deviceId)) &&
                (await cryptoOf(second).isCrossSigningReady()),
            { what: "both devices cross-signing verified", timeoutMs: 15_000 },
        );
        timing("trust + gossip after SAS", started);
    });
});

describe("test bed: email", () => {
    it("mails the add-email link; once opened, /account/3pid/add succeeds after password auth", async () => {
        const alice = await bed.newClient();
        const address = `${alice.credentials.username}@example.org`;
        const secret = alice.client.generateClientSecret();
        const started = Date.now();
        const { sid } = await alice.client.requestAdd3pidEmailToken(address, secret, 1);

        const mail = await bed.mailSink.waitForMail(address);
        expect(mail.subject).not.toBe("");
        const link = mail.links.find((l) => l.includes("submit_token"));
        expect(link).toBeDefined();
        expect(link?.startsWith(bed.baseUrl)).toBe(true);
        const opened = await fetch(link as string);
        expect(opened.status).toBe(200);

        // The add is behind user-interactive auth: first a 401 with flows, then the password.
        const first = await alice.client.addThreePidOnly({ client_secret: secret, sid }).catch((e: unknown) => e);
        expect(first).toMatchObject({ httpStatus: 401 });
        const session = (first as { data: { session: string } }).data.session;
        await alice.client.addThreePidOnly({
            client_secret: secret,
            sid,
            auth: passwordAuth(alice.credentials, session),
        });
        timing("add-email flow (request, mail, link, add)", started);

        const { threepids } = await alice.client.getThreePids();
        expect(threepids).toEqual([expect.objectContaining({ medium: "email", address })]);
    });
});

describe("test bed: fault proxy", () => {
    it("turns a request into a 500 that the client sees, once, then lets it through", async () => {
        const proxy = await bed.faultProxy();
        const alice = await bed.newClient({ baseUrl: proxy.baseUrl });
        const rule = proxy.addRule({ path: "/account/3pid", method: "GET", respond: { status: 500 }, times: 1 });

        await expect(alice.client.getThreePids()).rejects.toMatchObject({ httpStatus: 500 });
        expect(rule.matches).toBe(1);
        await expect(alice.client.getThreePids()).resolves.toEqual({ threepids: [] });
        expect(proxy.requests.filter((r) => r.url.includes("/account/3pid"))).toMatchObject([
            { status: 500, faulted: true },
            { status: 200, faulted: false },
        ]);
    });

    it("answers 429 with retry_after_ms, delays, and drops connections", async () => {
        const proxy = await bed.faultProxy();
        const alice = await bed.newClient({ baseUrl: proxy.baseUrl });

        proxy.addRule({ path: "/account/3pid", rateLimit: { retryAfterMs: 1500 } });
        await expect(alice.client.getThreePids()).rejects.toMatchObject({
            httpStatus: 429,
            errcode: "M_LIMIT_EXCEEDED",
            data: { retry_after_ms: 1500 },
        });

        proxy.clearRules();
        proxy.addRule({ path: /\/account\/3pid$/, delayMs: 700 });
        const started = Date.now();
        await expect(alice.client.getThreePids()).resolves.toEqual({ threepids: [] });
        expect(Date.now() - started).toBeGreaterThanOrEqual(650);

        proxy.clearRules();
        const drop = proxy.addRule({ path: "/account/3pid", drop: true });
        await expect(alice.client.getThreePids()).rejects.toMatchObject({ name: "ConnectionError" });
        expect(drop.matches).toBeGreaterThanOrEqual(1);
    });

    it("keeps a client that logs in through it on the proxy (well_known rewritten)", async () => {
        const proxy = await bed.faultProxy();
        const user = await bed.registerUser();
        const res = await fetch(`${proxy.baseUrl}/_matrix/client/v3/login`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ ...passwordAuth(user), type: "m.login.password" }),
        });
        const body = (await res.json()) as { well_known?: { "m.homeserver": { base_url: string } } };
        expect(res.status).toBe(200);
        expect(body.well_known?.["m.homeserver"].base_url).toBe(`${proxy.baseUrl}/`);
        // The helper works through the proxy too.
        await expect(loginDevice({ baseUrl: proxy.baseUrl }, user)).resolves.toMatchObject({ userId: user.userId });
    });
});
