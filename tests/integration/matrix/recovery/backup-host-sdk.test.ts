/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Recovery-key entry on the clients real Element hands the module. Element 1.12.0 and 1.12.10 give us
// matrix-js-sdk 38.3 and 40.2, whose CryptoApi has no getUserCrossSigningKeys (it came in 41.9):
// calling it was a TypeError that made key entry fail in real Element. Here the project's own client
// is made to look like those (the method removed from its CryptoApi) so the /keys/query fallback runs
// against the real Synapse; the same checks must hold with and without the method.

import { randomBytes } from "node:crypto";

import { createRecoveryKey, enterRecoveryKey, setUpRecovery } from "../../../../src/matrix/recovery";
import { publishedMasterKey } from "../../../../src/matrix/recovery/readFacts";
import type { AuthPrompt } from "../../../../src/matrix/uia";
import type { TestClient } from "../../../support/clients";
import type { FaultProxy } from "../../../support/faultProxy";
import { guardHostPrompt } from "../../../support/recovery";
import { setupSynapse } from "../../../support/testbed";
import { cryptoOf, waitFor } from "../../../support/verification";

const bed = setupSynapse({ email: false });

function passwordPrompt(tc: TestClient): AuthPrompt {
    return async (method) =>
        method.kind === "password" ? { kind: "password", password: tc.credentials.password } : null;
}

async function setUpWithModule(tc: TestClient): Promise<string> {
    const key = await createRecoveryKey(tc.client);
    const shown = key.encodedPrivateKey;
    await setUpRecovery(tc.client, key, passwordPrompt(tc));
    return shown;
}

/** Makes `tc`'s CryptoApi look like matrix-js-sdk < 41.9's: no getUserCrossSigningKeys. */
function withoutGetUserCrossSigningKeys(tc: TestClient): void {
    const crypto = cryptoOf(tc) as unknown as Record<string, unknown>;
    // An own property shadows the prototype's method, as if the class never had it.
    crypto.getUserCrossSigningKeys = undefined;
    expect(typeof cryptoOf(tc).getUserCrossSigningKeys).toBe("undefined");
}

/** Until the client has sent nothing but /sync for `quietMs`. */
async function untilQuiet(proxy: FaultProxy, quietMs = 1_000): Promise<void> {
    const others = (): number => proxy.requests.filter((r) => !r.url.includes("/sync")).length;
    for (let seen = -1; seen !== others();) {
        seen = others();
        await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
}

async function isThisDeviceVerified(tc: TestClient): Promise<boolean> {
    const status = await cryptoOf(tc).getDeviceVerificationStatus(tc.userId, tc.deviceId);
    return status?.crossSigningVerified ?? false;
}

describe.each([
    // On matrix-js-sdk >= 41.9 the first runs getUserCrossSigningKeys; on 38.3 / 40.2 (the
    // integration-sdk38/-sdk40 projects) both run the fallback, as in Element 1.12.x.
    ["on this client as it is", false],
    ["with getUserCrossSigningKeys removed (as in matrix-js-sdk 38.3 / 40.2, Element 1.12.x)", true],
])("Enter recovery key %s", (_name, withoutMethod) => {
    it("the published master key is the one the server holds", async () => {
        const a = await bed.newClient();
        await setUpWithModule(a);
        const b = await bed.newDevice(a, { deviceName: "B" });
        if (withoutMethod) withoutGetUserCrossSigningKeys(b);
        const server = await b.client.downloadKeysForUsers([a.userId]);
        const expected = Object.values(server.master_keys?.[a.userId]?.keys ?? {})[0];
        expect(expected).toBeTruthy();
        expect(await publishedMasterKey(b.client, a.userId)).toBe(expected);
        // A user without cross-signing publishes none.
        const loner = await bed.newClient();
        expect(await publishedMasterKey(b.client, loner.userId)).toBeUndefined();
    });

    it("a new device enters the key: verified, secrets cached", async () => {
        const a = await bed.newClient();
        const key = await setUpWithModule(a);
        const b = await bed.newDevice(a, { deviceName: "B" });
        if (withoutMethod) withoutGetUserCrossSigningKeys(b);
        expect(await isThisDeviceVerified(b)).toBe(false);

        await enterRecoveryKey(b.client, key);

        expect(await isThisDeviceVerified(b)).toBe(true);
        expect((await cryptoOf(b).getCrossSigningStatus()).privateKeysCachedLocally).toEqual({
            masterKey: true,
            selfSigningKey: true,
            userSigningKey: true,
        });
        expect(await cryptoOf(b).getSessionBackupPrivateKey()).not.toBeNull();
    });

    it("a new device enters the key as Element's own path does: the crypto stack checks the keys, no key query of ours", async () => {
        const a = await bed.newClient();
        const key = await setUpWithModule(a);
        const proxy = await bed.faultProxy();
        const b = await bed.createClient(await bed.loginDevice(a.credentials, "B"), { baseUrl: proxy.baseUrl });
        const prompt = guardHostPrompt(b);
        if (withoutMethod) withoutGetUserCrossSigningKeys(b);
        // What Element has before the user can type a key: its first key query told it the account's
        // identity, and the crypto stack's work after login is over.
        await waitFor(async () => (await cryptoOf(b).getCrossSigningStatus()).publicKeysOnDevice || null, {
            what: "B knows the published identity",
        });
        await untilQuiet(proxy);
        const started = proxy.requests.length;

        await enterRecoveryKey(b.client, key);
        // The crypto stack's own follow-ups (its key query after the signature, a backup re-check) too.
        await new Promise((resolve) => setTimeout(resolve, 1_500));

        const made = proxy.requests
            .slice(started)
            .map((r) => `${r.method} ${(r.url.split("?")[0] ?? "").replace(/^\/_matrix\/client\/v3/, "")}`)
            .filter((r) => !r.endsWith("/sync"));
        const count = (request: string): number => made.filter((r) => r === request).length;
        expect(await isThisDeviceVerified(b)).toBe(true);
        expect(count("POST /keys/signatures/upload")).toBe(1);
        // The keys were checked before this device signed itself, without asking the server.
        expect(made.slice(0, made.indexOf("POST /keys/signatures/upload"))).not.toContain("POST /keys/query");
        expect(count("POST /keys/query")).toBeLessThanOrEqual(1);
        // The identity the crypto stack keeps is the server's, so its key query finds nothing new and
        // the backup is read once.
        expect(count("GET /room_keys/version")).toBe(1);
        expect(made.length).toBeLessThanOrEqual(3);
        expect(prompt.calls).toBe(0);
        // Nothing of ours is left on the client's secret storage.
        expect(Object.prototype.hasOwnProperty.call(b.client.secretStorage, "get")).toBe(false);
    });

    it("a cut-off key entry (this device's signature lost) is finished by entering the key again", async () => {
        const a = await bed.newClient();
        const key = await setUpWithModule(a);
        const proxy = await bed.faultProxy();
        const b = await bed.createClient(await bed.loginDevice(a.credentials, "B"), { baseUrl: proxy.baseUrl });
        guardHostPrompt(b);
        if (withoutMethod) withoutGetUserCrossSigningKeys(b);
        // As if the tab closed right after the import: the signature never reaches the server (an
        // answer the crypto stack does not retry).
        const lost = proxy.addRule({ path: "/keys/signatures/upload", respond: { status: 400 }, times: 1 });

        await expect(enterRecoveryKey(b.client, key)).rejects.toThrow();
        expect(lost.matches).toBe(1);
        expect(await isThisDeviceVerified(b)).toBe(false);

        await enterRecoveryKey(b.client, key);
        expect(await isThisDeviceVerified(b)).toBe(true);
    });

    it("stale cross-signing keys in secret storage are refused, nothing imported", async () => {
        const a = await bed.newClient();
        const key = await setUpWithModule(a);
        const b = await bed.newDevice(a, { deviceName: "B" });
        // Another client stored a master key that is not the account's (e.g. from an identity since reset).
        b.useRecoveryKey(key);
        const synced = (): string =>
            JSON.stringify(b.client.getAccountData("m.cross_signing.master" as never)?.getContent() ?? null);
        const before = synced();
        await b.client.secretStorage.store("m.cross_signing.master", randomBytes(32).toString("base64"));
        // The module reads secrets from the synced account data: wait until B has the new copy.
        await waitFor(() => synced() !== before || null, { what: "B syncs the overwritten secret" });
        if (withoutMethod) withoutGetUserCrossSigningKeys(b);

        await expect(enterRecoveryKey(b.client, key)).rejects.toMatchObject({
            name: "SecretsMissingError",
            which: "stale_cross_signing",
        });
        expect(await isThisDeviceVerified(b)).toBe(false);
        expect((await cryptoOf(b).getCrossSigningStatus()).privateKeysCachedLocally.masterKey).toBe(false);
    });
});
