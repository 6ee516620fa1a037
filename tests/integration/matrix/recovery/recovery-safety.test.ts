/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The cases of issue 12 ("destructive actions are crash-safe") reproduced against a real Synapse.
// Each failed on the code before the fix (a wrong password deleted the backup; one failed read
// replaced a working backup; a key change cut off midway left no key that works). The check is the
// user's: what a NEW device can do afterwards with the recovery key they hold.

import { DEFAULT_CONFIG } from "../../../../src/config";
import {
    changeRecoveryKey,
    createRecoveryKey,
    readRecoveryFacts,
    setUpRecovery,
} from "../../../../src/matrix/recovery";
import { BackupViewModel } from "../../../../src/viewmodels/BackupViewModel";
import {
    guardHostPrompt,
    passwordPrompt,
    sendBackedUpMessage,
    serverBackupVersion,
    setUpWithModule,
    stateOf,
    tryOnNewDevice,
    uploadRoomKeysAtOnce,
} from "../../../support/recovery";
import { setupSynapse } from "../../../support/testbed";
import { cryptoOf, setUpCrossSigning, waitFor } from "../../../support/verification";

const bed = setupSynapse({ email: false });
uploadRoomKeysAtOnce();

describe("issue 12: reset", () => {
    it("reset with a wrong password, then Cancel: nothing is deleted and the recovery key still works on a new device", async () => {
        const a = await bed.newClient();
        guardHostPrompt(a);
        const key = await setUpWithModule(a);
        const message = {
            ...(await sendBackedUpMessage(a, "before the reset attempt")),
            body: "before the reset attempt",
        };
        const before = await readRecoveryFacts(a.client, { fresh: true, keysWaitingToUpload: null });
        const masterBefore = await cryptoOf(a).getCrossSigningKeyId();

        const vm = new BackupViewModel(a.client, DEFAULT_CONFIG);
        await waitFor(() => vm.getSnapshot().state === "healthy" || null, { what: "healthy", timeoutMs: 10_000 });
        vm.startReset();
        const resetting = vm.confirmReset();
        await waitFor(() => vm.getSnapshot().auth || null, { what: "password prompt", timeoutMs: 10_000 });
        vm.submitAuth({ kind: "password", password: "a mistyped password" });
        // The homeserver itself says the password was wrong: the prompt comes back, marked as failed.
        await waitFor(() => vm.getSnapshot().auth?.failed || null, {
            what: "wrong password noticed",
            timeoutMs: 10_000,
        });
        vm.submitAuth(null); // Cancel
        await resetting;
        expect(vm.getSnapshot().state).toBe("healthy");
        vm.dispose();

        const after = await readRecoveryFacts(a.client, { fresh: true, keysWaitingToUpload: null });
        expect(after.backup?.version).toBe(before.backup?.version);
        expect(after.recovery?.keyId).toBe(before.recovery?.keyId);
        expect(await cryptoOf(a).getCrossSigningKeyId()).toBe(masterBefore);
        expect(await tryOnNewDevice(bed, a, key, message)).toEqual({
            unlock: "unlocked",
            verified: true,
            readable: true,
        });
    }, 60_000);
});

describe("issue 12: an uncertain read never replaces a backup", () => {
    it("a 502 on GET /room_keys/version during set-up stops the set-up; the existing backup stays, and a retry works", async () => {
        const proxy = await bed.faultProxy();
        const a = await bed.newClient({ baseUrl: proxy.baseUrl });
        // Identity and a backup (made by Element at first login), no recovery key yet.
        await setUpCrossSigning(a, { secretStorage: false });
        await cryptoOf(a).resetKeyBackup();
        const version = await serverBackupVersion(a.client);
        expect(version).toBeTruthy();
        expect(await stateOf(a.client)).toBe("not_set_up");
        await new Promise((r) => setTimeout(r, 500)); // the crypto stack's own backup checks are done

        const key = await createRecoveryKey(a.client);
        const rule = proxy.addRule({ path: "/room_keys/version", method: "GET", respond: { status: 502 }, times: 1 });
        const first = await setUpRecovery(a.client, key, passwordPrompt(a)).then(
            () => null,
            (e: unknown) => e,
        );
        expect(rule.matches).toBe(1);
        expect(await serverBackupVersion(a.client)).toBe(version);
        // A clear failure ("couldn't tell whether you have a backup"), not a silent new backup.
        expect(first).toMatchObject({ name: "BackupUnknownError", cause: { httpStatus: 502 } });

        await setUpRecovery(a.client, key, passwordPrompt(a)); // "Try again"
        expect(await serverBackupVersion(a.client)).toBe(version);
    }, 60_000);

    it("a 502 on GET /room_keys/version during a key change never replaces the backup; history stays readable", async () => {
        const proxy = await bed.faultProxy();
        const a = await bed.newClient({ baseUrl: proxy.baseUrl });
        guardHostPrompt(a);
        const oldKey = await setUpWithModule(a);
        const message = { ...(await sendBackedUpMessage(a, "before the key change")), body: "before the key change" };
        const version = await serverBackupVersion(a.client);

        const fresh = await createRecoveryKey(a.client);
        const newKey = fresh.encodedPrivateKey;
        proxy.addRule({ path: "/room_keys/version", method: "GET", respond: { status: 502 }, times: 1 });
        const failed = await changeRecoveryKey(a.client, fresh).then(
            () => false,
            () => true,
        );
        expect(await serverBackupVersion(a.client)).toBe(version);
        const current = failed ? oldKey : newKey;
        expect(await tryOnNewDevice(bed, a, current, message)).toEqual({
            unlock: "unlocked",
            verified: true,
            readable: true,
        });
    }, 60_000);
});

describe("issue 12: a key change cut off midway", () => {
    it("the self_signing write failing mid key change leaves the old key working on a new device, history readable", async () => {
        const proxy = await bed.faultProxy();
        const a = await bed.newClient({ baseUrl: proxy.baseUrl });
        guardHostPrompt(a);
        const oldKey = await setUpWithModule(a);
        const message = { ...(await sendBackedUpMessage(a, "before the cut")), body: "before the cut" };

        const fresh = await createRecoveryKey(a.client);
        const rule = proxy.addRule({
            path: "/account_data/m.cross_signing.self_signing",
            method: "PUT",
            respond: { status: 500 },
        });
        await expect(changeRecoveryKey(a.client, fresh)).rejects.toMatchObject({ httpStatus: 500 });
        expect(rule.matches).toBeGreaterThanOrEqual(1);
        rule.remove();

        expect(await tryOnNewDevice(bed, a, oldKey, message)).toEqual({
            unlock: "unlocked",
            verified: true,
            readable: true,
        });
        expect(await stateOf(a.client)).toBe("healthy");
    }, 60_000);
});

describe("issue 12: stored data this module cannot use", () => {
    it("an unknown secret-storage algorithm: this kind of key is not supported here, nothing changed", async () => {
        const a = await bed.newClient();
        guardHostPrompt(a);
        const key = await setUpWithModule(a);
        const keyId = await a.client.secretStorage.getDefaultKeyId();
        const setAccountData = a.client.setAccountData.bind(a.client) as unknown as (
            type: string,
            content: object,
        ) => Promise<unknown>;
        // Another client moved the secrets to a key of a kind we do not know and made it the default.
        await setAccountData("m.secret_storage.key.future", { algorithm: "org.example.secret_storage.v9" });
        await setAccountData("m.cross_signing.master", { encrypted: { future: { sealed: "opaque" } } });
        await setAccountData("m.secret_storage.default_key", { key: "future" });

        const b = await bed.newDevice(a);
        guardHostPrompt(b);
        await waitFor(async () => (await b.client.secretStorage.getDefaultKeyId()) === "future" || null, {
            what: "B sees the new default key",
        });
        const vm = new BackupViewModel(b.client, DEFAULT_CONFIG);
        await waitFor(() => vm.getSnapshot().state !== "checking" || null, { what: "first state" });
        vm.startEnterKey();
        await vm.submitRecoveryKey(key);
        expect(vm.getSnapshot().flow).toMatchObject({ kind: "enter_key", problem: { kind: "unsupported_key" } });
        vm.dispose();
        expect(keyId).not.toBe("future");
        expect(await a.client.secretStorage.getDefaultKeyId()).toBe("future");
        expect(await a.client.getAccountDataFromServer("m.cross_signing.master" as never)).toEqual({
            encrypted: { future: { sealed: "opaque" } },
        });
    }, 60_000);

    it("a malformed iv in a stored secret is a decryption problem, not a generic failure", async () => {
        const a = await bed.newClient();
        guardHostPrompt(a);
        const key = await setUpWithModule(a);
        const keyId = (await a.client.secretStorage.getDefaultKeyId())!;
        const stored = (await a.client.getAccountDataFromServer("m.cross_signing.master" as never)) as unknown as {
            encrypted: Record<string, { iv: string; ciphertext: string; mac: string }>;
        };
        const setAccountData = a.client.setAccountData.bind(a.client) as unknown as (
            type: string,
            content: object,
        ) => Promise<unknown>;
        await setAccountData("m.cross_signing.master", {
            encrypted: { [keyId]: { ...stored.encrypted[keyId], iv: "not*base64" } },
        });

        const b = await bed.newDevice(a);
        guardHostPrompt(b);
        await waitFor(
            async () =>
                (
                    (await b.client.getAccountDataFromServer("m.cross_signing.master" as never)) as unknown as
                        typeof stored | null
                )?.encrypted?.[keyId]?.iv === "not*base64" || null,
            { what: "B sees the damaged secret" },
        );
        const vm = new BackupViewModel(b.client, DEFAULT_CONFIG);
        await waitFor(() => vm.getSnapshot().state !== "checking" || null, { what: "first state" });
        vm.startEnterKey();
        await vm.submitRecoveryKey(key);
        expect(vm.getSnapshot().flow).toMatchObject({ kind: "enter_key", problem: { kind: "storage_damaged" } });
        vm.dispose();
    }, 60_000);
});
