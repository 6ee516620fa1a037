/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Secure Backup against a real Synapse: the module's own logic (src/matrix/recovery and the
// view-model) on rust-crypto clients. Every client's getSecretStorageKey callback is replaced by a
// stand-in of Element's ("this would open Element's dialog") that fails the flow if called: our
// flows must supply the key themselves.

import { DEFAULT_CONFIG } from "../../../../src/config";
import {
    changeRecoveryKey,
    createRecoveryKey,
    deriveRecoveryState,
    enterRecoveryKey,
    readRecoveryFacts,
    replaceBackup,
    resetIdentity,
    restoreFromBackup,
    startNewBackup,
    turnOffKeyStorage,
    turnOnKeyStorage,
    WrongRecoveryKeyError,
} from "../../../../src/matrix/recovery";
import { describeFailure } from "../../../../src/matrix/errors";
import { BackupViewModel } from "../../../../src/viewmodels/BackupViewModel";
import type { TestClient } from "../../../support/clients";
import {
    decryptedBody,
    guardHostPrompt,
    isThisDeviceVerified,
    sendBackedUpMessage,
    setUpWithModule,
    stateOf,
} from "../../../support/recovery";
import { setupSynapse } from "../../../support/testbed";
import { cryptoOf, setUpCrossSigning, waitFor } from "../../../support/verification";

const bed = setupSynapse({ email: false });

/** The Secure Backup view-model on `tc`, once it has found the device out of sync (no keys here yet). */
async function outOfSyncViewModel(tc: TestClient): Promise<BackupViewModel> {
    const vm = new BackupViewModel(tc.client, DEFAULT_CONFIG);
    await waitFor(() => vm.getSnapshot().state === "out_of_sync" || null, { what: "out of sync", timeoutMs: 10_000 });
    return vm;
}

/** Writes a secret-storage key description as another client could (the SDK's typing knows no key ids). */
async function writeKeyDescription(tc: TestClient, keyId: string, content: object): Promise<void> {
    const setAccountData = tc.client.setAccountData.bind(tc.client) as unknown as (
        type: string,
        content: object,
    ) => Promise<unknown>;
    await setAccountData(`m.secret_storage.key.${keyId}`, content);
}

describe("Secure Backup: set up on one device, recover on another", () => {
    it("recovery key: B enters A's key, is verified, caches the secrets and reads history from before it existed", async () => {
        const a = await bed.newClient();
        const guardA = guardHostPrompt(a);
        expect(await stateOf(a.client)).toBe("not_set_up");

        // The whole wizard through the view-model: generate → saved → type back → saved on server.
        const vm = new BackupViewModel(a.client, DEFAULT_CONFIG);
        vm.startSetup();
        await vm.generateKey();
        const flow = vm.getSnapshot().flow;
        if (flow.kind !== "setup" || !flow.recoveryKey) throw new Error("no key shown");
        const recoveryKey = flow.recoveryKey;
        vm.keySaved();
        await vm.confirmKey(recoveryKey.slice(0, -1) + (recoveryKey.endsWith("a") ? "b" : "a"));
        expect(vm.getSnapshot().flow).toMatchObject({ step: "confirm_key", mismatch: true });
        expect(await stateOf(a.client)).toBe("not_set_up"); // nothing final before the type-back
        await vm.confirmKey(recoveryKey.toLowerCase() === recoveryKey ? recoveryKey : ` ${recoveryKey} `);
        expect(vm.getSnapshot().flow).toEqual({ kind: "none" });
        expect(vm.getSnapshot().state).toBe("healthy");
        vm.dispose();

        const { roomId, eventId } = await sendBackedUpMessage(a, "sent before B existed");

        const b = await bed.newDevice(a, { deviceName: "B" });
        const guardB = guardHostPrompt(b);
        expect(await stateOf(b.client)).toBe("out_of_sync");
        expect(await isThisDeviceVerified(b)).toBe(false);

        const { restoreVersion } = await enterRecoveryKey(b.client, recoveryKey);
        expect(restoreVersion).not.toBeNull();
        const progress: Array<{ done: number; total: number | null }> = [];
        const result = await restoreFromBackup(b.client, (p) => progress.push(p));
        expect(result.imported).toBeGreaterThanOrEqual(1);
        expect(progress.at(-1)).toEqual({ done: result.total, total: result.total });

        expect(await isThisDeviceVerified(b)).toBe(true);
        const status = await cryptoOf(b).getCrossSigningStatus();
        expect(status.privateKeysCachedLocally).toEqual({
            masterKey: true,
            selfSigningKey: true,
            userSigningKey: true,
        });
        expect(await cryptoOf(b).getSessionBackupPrivateKey()).not.toBeNull();
        expect(await decryptedBody(b, roomId, eventId)).toBe("sent before B existed");
        expect(await stateOf(b.client)).toBe("healthy");
        expect(guardA.calls + guardB.calls).toBe(0);
    }, 60_000);

    it("passphrase: B enters A's passphrase and is verified", async () => {
        const a = await bed.newClient();
        const guardA = guardHostPrompt(a);
        const shownKey = await setUpWithModule(a, "correct horse battery staple");
        const facts = await readRecoveryFacts(a.client, { fresh: true, keysWaitingToUpload: null });
        expect(facts.recovery?.method).toBe("passphrase");

        const b = await bed.newDevice(a);
        const guardB = guardHostPrompt(b);
        await expect(enterRecoveryKey(b.client, "correct horse battery stable")).rejects.toMatchObject({
            name: "WrongRecoveryKeyError",
            malformed: false,
        });
        await enterRecoveryKey(b.client, "correct horse battery staple");
        expect(await isThisDeviceVerified(b)).toBe(true);
        expect(await stateOf(b.client)).toBe("healthy");

        // The key shown with a passphrase works as well (for when the passphrase is forgotten).
        const c = await bed.newDevice(a);
        const guardC = guardHostPrompt(c);
        await enterRecoveryKey(c.client, shownKey);
        expect(await isThisDeviceVerified(c)).toBe(true);
        expect(guardA.calls + guardB.calls + guardC.calls).toBe(0);
    });

    it("a passphrase whose stored iteration count is absurd is refused at once, in plain words; the recovery key still works", async () => {
        const a = await bed.newClient();
        const shownKey = await setUpWithModule(a, "correct horse battery staple");
        // A corrupt or hostile client rewrites the key description: 10^12 PBKDF2 rounds would run for hours.
        const found = await a.client.secretStorage.getKey();
        if (!found?.[1].passphrase) throw new Error("no passphrase in the key description");
        const [keyId, info] = found;
        await writeKeyDescription(a, keyId, { ...info, passphrase: { ...info.passphrase, iterations: 1e12 } });

        const b = await bed.newDevice(a);
        const guardB = guardHostPrompt(b);
        const vm = await outOfSyncViewModel(b);
        vm.startEnterKey();
        const started = Date.now();
        await vm.submitRecoveryKey("correct horse battery staple");
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(vm.getSnapshot().flow).toMatchObject({
            kind: "enter_key",
            step: "input",
            problem: { kind: "passphrase_unusable" },
        });
        expect(vm.getSnapshot().state).toBe("out_of_sync");
        expect(await isThisDeviceVerified(b)).toBe(false);

        // The recovery key does not need the passphrase settings.
        await vm.submitRecoveryKey(shownKey);
        expect(vm.getSnapshot().state).toBe("healthy");
        expect(await isThisDeviceVerified(b)).toBe(true);
        expect(guardB.calls).toBe(0);
        vm.dispose();
    }, 60_000);

    it("a key made by another client (the SDK's own bootstrap) works too", async () => {
        const a = await bed.newClient();
        const { recoveryKey } = await setUpCrossSigning(a);
        const b = await bed.newDevice(a);
        const guardB = guardHostPrompt(b);
        await enterRecoveryKey(b.client, recoveryKey as string);
        expect(await isThisDeviceVerified(b)).toBe(true);
        expect(await stateOf(b.client)).toBe("healthy");
        expect(guardB.calls).toBe(0);
    });

    it("a wrong key says so and changes nothing", async () => {
        const a = await bed.newClient();
        await setUpWithModule(a);
        const b = await bed.newDevice(a);
        guardHostPrompt(b);
        const before = await readRecoveryFacts(b.client, { fresh: true, keysWaitingToUpload: null });

        const other = await createRecoveryKey(a.client);
        await expect(enterRecoveryKey(b.client, other.encodedPrivateKey)).rejects.toBeInstanceOf(WrongRecoveryKeyError);
        await expect(enterRecoveryKey(b.client, "not a key at all")).rejects.toMatchObject({ malformed: true });

        const after = await readRecoveryFacts(b.client, { fresh: true, keysWaitingToUpload: null });
        expect(after).toEqual(before);
        expect(deriveRecoveryState(after).state).toBe("out_of_sync");
        expect(await isThisDeviceVerified(b)).toBe(false);
    });

    it("a wrong key is refused even when the key description has no check (older clients): nothing is overwritten", async () => {
        const a = await bed.newClient();
        guardHostPrompt(a);
        const rightKey = await setUpWithModule(a);
        const found = await a.client.secretStorage.getKey();
        if (!found) throw new Error("no default key");
        const [keyId, info] = found;
        // A key description as very old clients wrote it: no iv/mac to check a key against.
        const { iv: _iv, mac: _mac, ...unchecked } = info as typeof info & { iv?: string; mac?: string };
        await writeKeyDescription(a, keyId, unchecked);
        await waitFor(async () => !("mac" in ((await a.client.secretStorage.getKey())?.[1] ?? { mac: 1 })) || null, {
            what: "key description without a check",
            timeoutMs: 10_000,
        });
        const storedBackupKey = (await a.client.getAccountDataFromServer("m.megolm_backup.v1" as never)) as object;

        const other = await createRecoveryKey(a.client);
        await expect(enterRecoveryKey(a.client, other.encodedPrivateKey)).rejects.toBeInstanceOf(WrongRecoveryKeyError);
        expect(await a.client.getAccountDataFromServer("m.megolm_backup.v1" as never)).toEqual(storedBackupKey);
        // The right key still works: it decrypts what is stored under it.
        await expect(enterRecoveryKey(a.client, rightKey)).resolves.toBeDefined();
    });

    it("change key: the old key no longer works, the new one does", async () => {
        const a = await bed.newClient();
        const guardA = guardHostPrompt(a);
        const oldKey = await setUpWithModule(a);
        const newKey = await createRecoveryKey(a.client);
        const newKeyText = newKey.encodedPrivateKey;
        await changeRecoveryKey(a.client, newKey);
        expect(await stateOf(a.client)).toBe("healthy");

        const b = await bed.newDevice(a);
        guardHostPrompt(b);
        await expect(enterRecoveryKey(b.client, oldKey)).rejects.toBeInstanceOf(WrongRecoveryKeyError);
        await enterRecoveryKey(b.client, newKeyText);
        expect(await isThisDeviceVerified(b)).toBe(true);
        expect(await stateOf(b.client)).toBe("healthy");
        expect(guardA.calls).toBe(0);
    });
});

describe("Secure Backup: reset and key storage", () => {
    it("reset: new identity, old backup gone, healthy again after the new key", async () => {
        const a = await bed.newClient();
        const guardA = guardHostPrompt(a);
        await setUpWithModule(a);
        const oldMaster = await cryptoOf(a).getCrossSigningKeyId();
        const oldVersion = (await cryptoOf(a).checkKeyBackupAndEnable())?.backupInfo.version;

        let asked = 0;
        await resetIdentity(a.client, async () => {
            asked++;
            return { kind: "password", password: a.credentials.password };
        });
        expect(asked).toBe(1); // replacing cross-signing keys needs the password
        expect(await cryptoOf(a).getCrossSigningKeyId()).not.toBe(oldMaster);
        const newBackup = (await cryptoOf(a).checkKeyBackupAndEnable())?.backupInfo.version;
        expect(newBackup).not.toBe(oldVersion);
        await expect(
            a.client.http.authedRequest("GET" as never, `/room_keys/version/${oldVersion}`),
        ).rejects.toMatchObject({
            httpStatus: 404,
        });
        expect(await stateOf(a.client)).toBe("not_set_up");

        await setUpWithModule(a);
        expect(await stateOf(a.client)).toBe("healthy");
        expect(guardA.calls).toBe(0);
    });

    it("key storage off: the state says so and Element's account data agrees; on again brings a backup", async () => {
        const a = await bed.newClient();
        const guardA = guardHostPrompt(a);
        await setUpWithModule(a);
        await turnOffKeyStorage(a.client);
        expect(await stateOf(a.client)).toBe("key_storage_off");
        expect(a.client.getAccountData("m.org.matrix.custom.backup_disabled" as never)?.getContent()).toEqual({
            disabled: true,
        });
        expect(await cryptoOf(a).getActiveSessionBackupVersion()).toBeNull();

        await turnOnKeyStorage(a.client);
        expect(a.client.getAccountData("m.org.matrix.custom.backup_disabled" as never)?.getContent()).toEqual({
            disabled: false,
        });
        expect(await cryptoOf(a).getActiveSessionBackupVersion()).not.toBeNull();
        // Recovery went with key storage: set it up again, as Element's flow does.
        expect(await stateOf(a.client)).toBe("not_set_up");
        await setUpWithModule(a);
        expect(await stateOf(a.client)).toBe("healthy");
        expect(guardA.calls).toBe(0);
    });
});

describe("Secure Backup: every state from a real scenario", () => {
    it("identity_needs_reset: cross-signing exists but its keys are in neither secret storage nor this device", async () => {
        const a = await bed.newClient();
        await setUpCrossSigning(a, { secretStorage: false });
        const b = await bed.newDevice(a);
        expect(await stateOf(b.client)).toBe("identity_needs_reset");
    });

    it("backup_key_missing_from_storage: a new backup whose key secret storage lacks; entering the key fixes it", async () => {
        const a = await bed.newClient();
        const guardA = guardHostPrompt(a);
        const key = await setUpWithModule(a);
        await startNewBackup(a.client, null);
        expect(await stateOf(a.client)).toBe("backup_key_missing_from_storage");
        await enterRecoveryKey(a.client, key);
        expect(await stateOf(a.client)).toBe("healthy");
        expect(guardA.calls).toBe(0);
    });

    it("a new backup never touches the default-key pointer: no gap for other sessions, nothing a crash could leave", async () => {
        const proxy = await bed.faultProxy();
        const a = await bed.newClient({ baseUrl: proxy.baseUrl });
        const guardA = guardHostPrompt(a);
        const key = await setUpWithModule(a);
        const defaultKeyId = await a.client.secretStorage.getDefaultKeyId();
        expect(defaultKeyId).toBeTruthy();
        // Any write of the pointer (hiding it, or putting it back) fails, as a tab closed mid-way would.
        const pointerWrites = proxy.addRule({
            path: "/account_data/m.secret_storage.default_key",
            method: "PUT",
            respond: { status: 500 },
        });
        const hostPrompt = a.client.cryptoCallbacks.getSecretStorageKey;
        await startNewBackup(a.client, null);
        expect(pointerWrites.matches).toBe(0);
        expect(a.client.cryptoCallbacks.getSecretStorageKey).toBe(hostPrompt); // the app's own prompt is back
        const server = await a.client.http.authedRequest<{ key?: string }>(
            "GET" as never,
            `/user/${encodeURIComponent(a.userId)}/account_data/m.secret_storage.default_key`,
        );
        expect(server.key).toBe(defaultKeyId);
        expect(await stateOf(a.client)).toBe("backup_key_missing_from_storage");
        await enterRecoveryKey(a.client, key);
        expect(await stateOf(a.client)).toBe("healthy");
        expect(guardA.calls).toBe(0);
    });

    it("a lost default-key pointer (another client, or a crash mid-write) is not a reset: entering the key repairs it", async () => {
        const a = await bed.newClient();
        guardHostPrompt(a);
        const key = await setUpWithModule(a);
        const keyId = await a.client.secretStorage.getDefaultKeyId();
        await a.client.secretStorage.setDefaultKeyId(null);

        const b = await bed.newDevice(a, { deviceName: "B" });
        guardHostPrompt(b);
        await waitFor(async () => (await b.client.secretStorage.getDefaultKeyId()) === null || null, {
            what: "B sees no default key",
            timeoutMs: 10_000,
        });
        expect(await stateOf(b.client)).toBe("out_of_sync"); // not identity_needs_reset
        await enterRecoveryKey(b.client, key);
        expect(await isThisDeviceVerified(b)).toBe(true);
        expect(await b.client.secretStorage.getDefaultKeyId()).toBe(keyId);
        expect(await stateOf(b.client)).toBe("healthy");
    });

    it("a key change cut off before the pointer moved: both the old key and the new one (just saved) work on a new device", async () => {
        const a = await bed.newClient();
        guardHostPrompt(a);
        const oldShown = await setUpWithModule(a);
        const oldKeyId = await a.client.secretStorage.getDefaultKeyId();
        // changeRecoveryKey's writes, stopped before the default-key pointer moves.
        const fresh = await createRecoveryKey(a.client);
        const shown = fresh.encodedPrivateKey;
        const storage = a.client.secretStorage;
        const setDefault = storage.setDefaultKeyId.bind(storage);
        storage.setDefaultKeyId = async () => {
            throw new Error("tab closed");
        };
        await expect(changeRecoveryKey(a.client, fresh)).rejects.toThrow("tab closed");
        storage.setDefaultKeyId = setDefault;
        expect(await a.client.secretStorage.getDefaultKeyId()).toBe(oldKeyId);

        const b = await bed.newDevice(a, { deviceName: "B" });
        guardHostPrompt(b);
        expect(await stateOf(b.client)).toBe("out_of_sync"); // not identity_needs_reset
        await enterRecoveryKey(b.client, shown);
        expect(await isThisDeviceVerified(b)).toBe(true);
        // The change was not finished: the old key is still the recovery key (a retry finishes it).
        expect(await b.client.secretStorage.getDefaultKeyId()).toBe(oldKeyId);
        expect(await stateOf(b.client)).toBe("healthy");
        const c = await bed.newDevice(a, { deviceName: "C" });
        guardHostPrompt(c);
        await enterRecoveryKey(c.client, oldShown);
        expect(await isThisDeviceVerified(c)).toBe(true);
    });

    it("overlapping new backups (a double click) still give the app its own prompt back", async () => {
        const a = await bed.newClient();
        guardHostPrompt(a);
        await setUpWithModule(a);
        const hostPrompt = a.client.cryptoCallbacks.getSecretStorageKey;
        // The two may race on the server; only the prompt matters here.
        await Promise.allSettled([startNewBackup(a.client, null), startNewBackup(a.client, null)]);
        expect(a.client.cryptoCallbacks.getSecretStorageKey).toBe(hostPrompt);
    });

    it("set-up never deletes a backup that exists already (its keys may be readable only by another device)", async () => {
        const a = await bed.newClient();
        // A legacy backup made by another device, before the account had a cross-signing identity.
        await cryptoOf(a).resetKeyBackup();
        const version = (await cryptoOf(a).checkKeyBackupAndEnable())?.backupInfo.version;
        expect(version).toBeTruthy();

        const b = await bed.newDevice(a, { deviceName: "B" });
        guardHostPrompt(b);
        expect(await stateOf(b.client)).toBe("not_set_up");
        await setUpWithModule(b);
        const server = await b.client.http.authedRequest<{ version: string }>("GET" as never, "/room_keys/version");
        expect(server.version).toBe(version); // still there: replacing it is the user's explicit choice
        expect(await stateOf(b.client)).toBe("backup_untrusted");
    });

    it("backup_untrusted: another backup version, not signed by us, with a key we don't have", async () => {
        const a = await bed.newClient();
        await setUpWithModule(a);
        // What a foreign or broken client might do: a new version with someone else's public key.
        await a.client.http.authedRequest("POST" as never, "/room_keys/version", undefined, {
            algorithm: "m.megolm_backup.v1.curve25519-aes-sha2",
            auth_data: { public_key: "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo" },
        });
        expect(await stateOf(a.client)).toBe("backup_untrusted");

        // "Start a new backup": a new trusted backup under a new recovery key.
        const guardA = guardHostPrompt(a);
        await replaceBackup(a.client, await createRecoveryKey(a.client));
        expect(await stateOf(a.client)).toBe("healthy");
        expect(guardA.calls).toBe(0);
    });

    it("opens from the crypto stack's copy (no room_keys/version); the details ask; a 500 there, then a retry works", async () => {
        const proxy = await bed.faultProxy();
        const a = await bed.newClient({ baseUrl: proxy.baseUrl });
        await setUpWithModule(a);
        const backupReads = (): number =>
            proxy.requests.filter((r) => r.method === "GET" && r.url.split("?")[0]!.endsWith("/room_keys/version"))
                .length;
        const before = backupReads();
        proxy.addRule({ path: "/room_keys/version", method: "GET", respond: { status: 500 }, times: 1 });
        const vm = new BackupViewModel(a.client, DEFAULT_CONFIG);
        await waitFor(() => vm.getSnapshot().state !== "checking" || null, { what: "first state", timeoutMs: 10_000 });
        expect(vm.getSnapshot().state).toBe("healthy");
        expect(vm.getSnapshot().facts?.backup?.countIsFresh).toBe(false);
        expect(backupReads()).toBe(before);

        vm.loadDetails(); // the user opens the details: the server's key count, and the 500
        await waitFor(() => vm.getSnapshot().state === "error" || null, { what: "error state", timeoutMs: 10_000 });
        expect(vm.getSnapshot()).toMatchObject({ state: "error", failure: { kind: "server", httpStatus: 500 } });
        await vm.retry();
        expect(vm.getSnapshot().state).toBe("healthy");
        expect(vm.getSnapshot().facts?.backup?.countIsFresh).toBe(true);
        expect(backupReads()).toBe(before + 2);
        vm.dispose();
    });
});

describe("Secure Backup: the view-model's flows", () => {
    it("enter key: a wrong key is reported and changes nothing; the right one verifies and restores with progress", async () => {
        const a = await bed.newClient();
        const key = await setUpWithModule(a);
        await sendBackedUpMessage(a, "history");
        const b = await bed.newDevice(a);
        const guardB = guardHostPrompt(b);
        const vm = await outOfSyncViewModel(b);

        vm.startEnterKey();
        const wrong = await createRecoveryKey(a.client);
        await vm.submitRecoveryKey(wrong.encodedPrivateKey);
        expect(vm.getSnapshot().flow).toMatchObject({
            kind: "enter_key",
            step: "input",
            problem: { kind: "wrong_key" },
        });
        expect(vm.getSnapshot().state).toBe("out_of_sync");

        const steps: string[] = [];
        const unsubscribe = vm.subscribe(() => {
            const flow = vm.getSnapshot().flow;
            if (flow.kind === "enter_key") {
                const label = flow.progress?.total
                    ? `restoring ${flow.progress.done}/${flow.progress.total}`
                    : flow.step;
                if (steps.at(-1) !== label) steps.push(label);
            }
        });
        await vm.submitRecoveryKey(key);
        unsubscribe();
        expect(steps[0]).toBe("unlocking");
        expect(steps).toContain("restoring");
        expect(steps.some((s) => /^restoring \d+\/\d+$/.test(s))).toBe(true);
        expect(vm.getSnapshot().flow).toMatchObject({ kind: "enter_key", step: "restored" });
        expect(vm.getSnapshot().state).toBe("healthy");
        expect(guardB.calls).toBe(0);
        vm.dispose();
    }, 60_000);

    it("reset: asks for the password (again after a wrong one), then goes straight to a new key", async () => {
        const a = await bed.newClient();
        const guardA = guardHostPrompt(a);
        await setUpWithModule(a);
        // Passphrases are off by default; this deployer allows them.
        const vm = new BackupViewModel(a.client, {
            ...DEFAULT_CONFIG,
            recovery: { ...DEFAULT_CONFIG.recovery, allow_passphrase: true },
        });
        await waitFor(() => vm.getSnapshot().state === "healthy" || null, { what: "healthy", timeoutMs: 10_000 });

        vm.startReset();
        const resetting = vm.confirmReset();
        await waitFor(() => vm.getSnapshot().auth || null, { what: "auth prompt", timeoutMs: 10_000 });
        expect(vm.getSnapshot().auth).toEqual({ method: { kind: "password" }, failed: false });
        vm.submitAuth({ kind: "password", password: "not my password" });
        await waitFor(() => vm.getSnapshot().auth?.failed || null, {
            what: "wrong password noticed",
            timeoutMs: 10_000,
        });
        vm.submitAuth({ kind: "password", password: a.credentials.password });
        await resetting;
        expect(vm.getSnapshot().flow).toMatchObject({ kind: "setup", purpose: "after_reset", step: "choose" });
        expect(vm.getSnapshot().state).toBe("not_set_up");

        await vm.generateKey("a passphrase long enough");
        const flow = vm.getSnapshot().flow;
        if (flow.kind !== "setup" || !flow.recoveryKey) throw new Error("no key shown");
        vm.keySaved();
        await vm.confirmKey(flow.recoveryKey);
        expect(vm.getSnapshot().state).toBe("healthy");
        expect(vm.getSnapshot().facts?.recovery?.method).toBe("passphrase");
        expect(guardA.calls).toBe(0);
        vm.dispose();
    }, 60_000);

    it("reset: cancelling the password prompt changes nothing (backup and recovery key are still there)", async () => {
        const a = await bed.newClient();
        guardHostPrompt(a);
        const key = await setUpWithModule(a);
        const before = await readRecoveryFacts(a.client, { fresh: true, keysWaitingToUpload: null });
        const defaultKeyId = await a.client.secretStorage.getDefaultKeyId();
        const vm = new BackupViewModel(a.client, DEFAULT_CONFIG);
        await waitFor(() => vm.getSnapshot().state === "healthy" || null, { what: "healthy", timeoutMs: 10_000 });

        vm.startReset();
        const resetting = vm.confirmReset();
        await waitFor(() => vm.getSnapshot().auth || null, { what: "auth prompt", timeoutMs: 10_000 });
        vm.submitAuth(null); // "Cancel"
        await resetting;
        vm.dispose();

        const after = await readRecoveryFacts(a.client, { fresh: true, keysWaitingToUpload: null });
        expect(after.backup?.version).toBe(before.backup?.version);
        expect(await a.client.secretStorage.getDefaultKeyId()).toBe(defaultKeyId);
        expect(deriveRecoveryState(after).state).toBe("healthy");
        // The recovery key still unlocks everything on a new device.
        const b = await bed.newDevice(a);
        guardHostPrompt(b);
        await enterRecoveryKey(b.client, key);
        expect(await isThisDeviceVerified(b)).toBe(true);
    }, 60_000);

    it("reset: when the homeserver cannot be asked first (500), nothing is deleted and the error shows", async () => {
        const proxy = await bed.faultProxy();
        const a = await bed.newClient({ baseUrl: proxy.baseUrl });
        guardHostPrompt(a);
        await setUpWithModule(a);
        const before = await readRecoveryFacts(a.client, { fresh: true, keysWaitingToUpload: null });
        const vm = new BackupViewModel(a.client, DEFAULT_CONFIG);
        await waitFor(() => vm.getSnapshot().state === "healthy" || null, { what: "healthy", timeoutMs: 10_000 });

        proxy.addRule({ path: "/keys/device_signing/upload", method: "POST", respond: { status: 500 }, times: 1 });
        vm.startReset();
        const resetting = vm.confirmReset();
        await waitFor(
            () => {
                const { flow, auth } = vm.getSnapshot();
                return auth || (flow.kind === "confirm_reset" && flow.problem) || null;
            },
            { what: "a prompt or a problem", timeoutMs: 10_000 },
        );
        expect(vm.getSnapshot().auth).toBeNull();
        expect(vm.getSnapshot().flow).toMatchObject({
            kind: "confirm_reset",
            step: "confirm",
            problem: { kind: "failure" },
        });
        await resetting;
        const after = await readRecoveryFacts(a.client, { fresh: true, keysWaitingToUpload: null });
        expect(after.backup?.version).toBe(before.backup?.version);
        expect(after.recovery?.keyId).toBe(before.recovery?.keyId);
        vm.dispose();
    }, 60_000);

    it("reset and key-storage-off run only from their confirmation step, and only once", async () => {
        const a = await bed.newClient();
        guardHostPrompt(a);
        await setUpWithModule(a);
        const before = await readRecoveryFacts(a.client, { fresh: true, keysWaitingToUpload: null });
        const vm = new BackupViewModel(a.client, DEFAULT_CONFIG);
        await waitFor(() => vm.getSnapshot().state === "healthy" || null, { what: "healthy", timeoutMs: 10_000 });

        // Without the confirmation step (a stray call, a stale button): nothing happens.
        await vm.confirmReset();
        await vm.confirmTurnOffKeyStorage();
        expect(vm.getSnapshot().auth).toBeNull();
        const after = await readRecoveryFacts(a.client, { fresh: true, keysWaitingToUpload: null });
        expect(after.backup?.version).toBe(before.backup?.version);
        expect(deriveRecoveryState(after).state).toBe("healthy");

        // A double click on "Reset" starts one reset (one prompt), not two.
        vm.startReset();
        const first = vm.confirmReset();
        const second = vm.confirmReset();
        await waitFor(() => vm.getSnapshot().auth || null, { what: "auth prompt", timeoutMs: 10_000 });
        vm.submitAuth(null);
        await Promise.all([first, second]);
        expect(vm.getSnapshot().auth).toBeNull();
        expect(
            deriveRecoveryState(await readRecoveryFacts(a.client, { fresh: true, keysWaitingToUpload: null })).state,
        ).toBe("healthy");
        vm.dispose();
    }, 60_000);

    it("counts the requests of a first set-up (for the report)", async () => {
        const proxy = await bed.faultProxy();
        const a = await bed.newClient({ baseUrl: proxy.baseUrl });
        await new Promise((r) => setTimeout(r, 300));
        const ours = (): typeof proxy.requests => proxy.requests.filter((r) => !r.url.includes("/sync"));
        const before = ours().length;
        await setUpWithModule(a);
        const used = ours().slice(before);
        console.info(
            `First set-up of recovery: ${used.length} request(s): ${used.map((r) => `${r.method} ${r.url.split("?")[0]}`).join(", ")}`,
        );
        expect(await stateOf(a.client)).toBe("healthy");
    });
});

describe("Secure Backup: the set-up's own echoes", () => {
    it("a set-up through the view-model does not read the server's backup again once it has decided", async () => {
        const proxy = await bed.faultProxy();
        const a = await bed.newClient({ baseUrl: proxy.baseUrl });
        // The account already has a backup (as Element makes at login): the set-up keeps it.
        await startNewBackup(a.client, null);
        const vm = new BackupViewModel(a.client, DEFAULT_CONFIG);
        await waitFor(() => vm.getSnapshot().state === "not_set_up" || null, { what: "not set up", timeoutMs: 10_000 });
        const backupReads = (from: number): number =>
            proxy.requests
                .slice(from)
                .filter((r) => r.method === "GET" && r.url.split("?")[0]!.endsWith("/room_keys/version")).length;

        vm.startSetup();
        await vm.generateKey();
        const flow = vm.getSnapshot().flow;
        if (flow.kind !== "setup" || !flow.recoveryKey) throw new Error("no key shown");
        vm.keySaved();
        const started = proxy.requests.length;
        await vm.confirmKey(flow.recoveryKey);
        const ended = proxy.requests.length;
        // The writes' echoes (Element's io.element.recovery among them) arrive around the end of the
        // set-up: they are ours, and must not send the panel back to the server.
        await new Promise((resolve) => setTimeout(resolve, 1_500));

        expect(vm.getSnapshot().state).toBe("healthy");
        // Once it writes to secret storage, the set-up has decided (the crypto stack's own re-check after a
        // new identity comes before that): no read of the server's backup from there on.
        const firstWrite = proxy.requests.findIndex((r, i) => i >= started && r.url.includes("/account_data/"));
        expect(firstWrite).toBeGreaterThan(started);
        expect(backupReads(firstWrite)).toBe(0);
        expect(backupReads(ended)).toBe(0);
        vm.dispose();
    }, 60_000);
});

describe("Secure Backup: a dropped restore in the view-model", () => {
    it("shows a clear error with Try again, and trying again restores", async () => {
        const a = await bed.newClient();
        const key = await setUpWithModule(a);
        await sendBackedUpMessage(a, "after the retry");
        const proxy = await bed.faultProxy();
        const b = await bed.createClient(await bed.loginDevice(a.credentials, "B"), { baseUrl: proxy.baseUrl });
        guardHostPrompt(b);
        const vm = await outOfSyncViewModel(b);

        // Only the full download (the SDK also fetches single sessions for messages it cannot read yet).
        proxy.addRule({ path: /\/room_keys\/keys\?version=/, drop: true, times: 1 });
        vm.startEnterKey();
        await vm.submitRecoveryKey(key);
        expect(vm.getSnapshot().flow).toMatchObject({
            kind: "enter_key",
            step: "restore_failed",
            problem: { kind: "failure", failure: { kind: "unreachable" } },
        });
        // The key itself was accepted: this device is already verified, only the restore is missing.
        expect(await isThisDeviceVerified(b)).toBe(true);

        await vm.restore();
        expect(vm.getSnapshot().flow).toMatchObject({ kind: "enter_key", step: "restored" });
        const flow = vm.getSnapshot().flow;
        expect(flow.kind === "enter_key" && flow.result?.imported).toBeGreaterThanOrEqual(1);
        vm.dispose();
    }, 60_000);
});

describe("Secure Backup: live updates", () => {
    it("is right on the first render after login, even before the first sync", async () => {
        const a = await bed.newClient();
        await setUpWithModule(a);
        const b = await bed.createClient(await bed.loginDevice(a.credentials, "just logged in"), { start: false });
        guardHostPrompt(b);
        const vm = new BackupViewModel(b.client, DEFAULT_CONFIG);
        await waitFor(() => vm.getSnapshot().state !== "checking" || null, { what: "first state", timeoutMs: 10_000 });
        expect(vm.getSnapshot().state).toBe("out_of_sync");
        expect(vm.getSnapshot().facts?.recovery?.method).toBe("key");
        vm.dispose();
    });

    it("follows another device's change and the server's key count without polling", async () => {
        const a = await bed.newClient();
        const key = await setUpWithModule(a);
        const vm = new BackupViewModel(a.client, DEFAULT_CONFIG);
        expect(vm.getSnapshot().state).toBe("checking");
        await waitFor(() => vm.getSnapshot().state === "healthy" || null, { what: "healthy", timeoutMs: 10_000 });
        vm.loadDetails(); // the user opens the details: the server's count from now on
        await waitFor(() => vm.getSnapshot().facts?.backup?.countIsFresh || null, {
            what: "server count",
            timeoutMs: 10_000,
        });
        expect(vm.getSnapshot().facts?.backup?.count).toBe(0);

        // A message's key is uploaded in the background; when the upload queue empties, the count is re-read.
        await sendBackedUpMessage(a, "counted");
        await waitFor(() => (vm.getSnapshot().facts?.backup?.count ?? 0) >= 1 || null, {
            what: "server count in the details",
            timeoutMs: 20_000,
        });
        expect(vm.getSnapshot().facts?.keysWaitingToUpload).toBe(0);

        // Another device turns key storage off: this device's panel says so by itself.
        const b = await bed.newDevice(a);
        guardHostPrompt(b);
        await enterRecoveryKey(b.client, key);
        await turnOffKeyStorage(b.client);
        await waitFor(() => vm.getSnapshot().state === "key_storage_off" || null, {
            what: "key storage off seen on A",
            timeoutMs: 15_000,
        });
        vm.dispose();
    }, 60_000);
});

describe("Secure Backup: requests and faults", () => {
    it("opening the panel costs one request once synced; nothing runs after it is closed", async () => {
        const proxy = await bed.faultProxy();
        const a = await bed.newClient({ baseUrl: proxy.baseUrl });
        await setUpWithModule(a);
        await new Promise((r) => setTimeout(r, 500));
        const isOurs = (url: string): boolean => !url.includes("/sync");
        const before = proxy.requests.filter((r) => isOurs(r.url)).length;
        const vm = new BackupViewModel(a.client, DEFAULT_CONFIG);
        await waitFor(() => vm.getSnapshot().state !== "checking" || null, { what: "first state", timeoutMs: 10_000 });
        const opened = proxy.requests.filter((r) => isOurs(r.url)).slice(before);
        console.info(
            `Opening the Secure Backup panel: ${opened.length} request(s): ${opened.map((r) => `${r.method} ${r.url}`).join(", ")}`,
        );
        expect(vm.getSnapshot().state).toBe("healthy");
        expect(opened.length).toBeLessThanOrEqual(1);
        vm.dispose();
        const listeners = ["crypto.keyBackupStatus", "accountData", "crypto.keyBackupSessionsRemaining"].map((e) =>
            a.client.listenerCount(e as never),
        );
        const fresh = new BackupViewModel(a.client, DEFAULT_CONFIG);
        fresh.dispose();
        expect(
            ["crypto.keyBackupStatus", "accountData", "crypto.keyBackupSessionsRemaining"].map((e) =>
                a.client.listenerCount(e as never),
            ),
        ).toEqual(listeners);
    });

    it("a connection dropped mid-restore ends in a clear error, and a retry restores", async () => {
        const a = await bed.newClient();
        const key = await setUpWithModule(a);
        const { roomId, eventId } = await sendBackedUpMessage(a, "restore me");
        const proxy = await bed.faultProxy();
        const creds = await bed.loginDevice(a.credentials, "B");
        const b = await bed.createClient(creds, { baseUrl: proxy.baseUrl });
        guardHostPrompt(b);
        await enterRecoveryKey(b.client, key);
        proxy.addRule({ path: /\/room_keys\/keys\?version=/, drop: true, times: 1 });
        const failure = await restoreFromBackup(b.client, () => {}).then(
            () => null,
            (e: unknown) => describeFailure(e),
        );
        expect(failure).toMatchObject({ kind: "unreachable" });
        const result = await restoreFromBackup(b.client, () => {});
        expect(result.imported).toBeGreaterThanOrEqual(1);
        expect(await decryptedBody(b, roomId, eventId)).toBe("restore me");
    }, 60_000);
});
