/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Issue 14 against a real Synapse: the security checkup counting live from another device's action,
// the same count on the nudge layer's badge; "Do you still have your recovery key?" checked locally
// (counted through the fault proxy: no request but the date's one account-data write); room keys
// exported on one device and imported on another, which then reads a message from before it existed.

import { MatrixEvent } from "matrix-js-sdk/lib/models/event";

import { DEFAULT_CONFIG } from "../../../src/config";
import { enterRecoveryKey } from "../../../src/matrix/recovery";
import { RECOVERY_CHECK_TYPE } from "../../../src/matrix/recovery/recoveryCheck";
import { CheckupViewModel, type CheckupSnapshot } from "../../../src/viewmodels/CheckupViewModel";
import { NudgeViewModel } from "../../../src/viewmodels/NudgeViewModel";
import { RecoveryKeyCheckViewModel } from "../../../src/viewmodels/RecoveryKeyCheckViewModel";
import { RoomKeyTransferViewModel } from "../../../src/viewmodels/RoomKeyTransferViewModel";
import type { ViewModel } from "../../../src/viewmodels/ViewModel";
import { waitForCrossSigningKeys, type TestClient } from "../../support/clients";
import { untilObserved } from "../../support/observe";
import { setupSynapse } from "../../support/testbed";
import { cryptoOf, setUpCrossSigning, verifiedAndNewSession, waitFor } from "../../support/verification";

const bed = setupSynapse({ email: false });
const models: Array<ViewModel<unknown>> = [];
afterEach(() => models.splice(0).forEach((vm) => vm.dispose()));

function own<VM extends ViewModel<unknown>>(vm: VM): VM {
    models.push(vm);
    return vm;
}

function until<S>(vm: ViewModel<S>, test: (s: S) => boolean, what: string, timeoutMs = 15_000): Promise<S> {
    const stuck = (): string => `timed out waiting for ${what}; snapshot is ${JSON.stringify(vm.getSnapshot())}`;
    return untilObserved(vm, () => vm.getSnapshot(), test, timeoutMs, stuck);
}

const counted = (s: CheckupSnapshot): string =>
    s.checkup
        ? `${s.checkup.on}/${s.checkup.total} ${s.checkup.protections.map((p) => `${p.id}:${p.state}`).join(" ")}`
        : "none";

/** Requests other than the sync long-poll (which the client keeps running whatever we do). */
function ownRequests(requests: ReadonlyArray<{ method: string; url: string }>, from: number): string[] {
    return requests
        .slice(from)
        .filter((r) => !r.url.includes("/sync"))
        .map((r) => `${r.method} ${r.url.replace(/\?.*$/, "")}`);
}

async function rawAccountData(tc: TestClient, type: string): Promise<unknown> {
    const url = `${bed.synapse.baseUrl}/_matrix/client/v3/user/${encodeURIComponent(tc.userId)}/account_data/${type}`;
    const response = await fetch(url, { headers: { Authorization: `Bearer ${tc.credentials.accessToken}` } });
    return response.ok ? response.json() : null;
}

async function keyDescriptionSynced(tc: TestClient): Promise<void> {
    await waitFor(
        () => {
            const pointer = tc.client.getAccountData("m.secret_storage.default_key" as never)?.getContent()?.key;
            return pointer && tc.client.getAccountData("m.cross_signing.master" as never) ? true : null;
        },
        { what: "secret storage in the synced account data" },
    );
}

describe("security checkup", () => {
    it("counts live when another device turns a protection on, and the nudge layer's badge says the same", async () => {
        const old = await bed.newClient();
        const { recoveryKey } = await setUpCrossSigning(old);
        const fresh = await bed.newDevice(old, { deviceName: "New phone" });
        await waitForCrossSigningKeys(fresh);
        const checkup = own(new CheckupViewModel(old.client, DEFAULT_CONFIG, { debounceMs: 50 }));
        const badge: Array<{ on: number; total: number } | null> = [];
        const layer = own(
            new NudgeViewModel(old.client, {
                config: DEFAULT_CONFIG,
                openPanel: () => undefined,
                incoming: null,
                hostShowsRequestToasts: false,
                sessionStartedAt: Date.now(),
                onCheckup: (c) => badge.push(c),
            }),
        );

        // The first device: recovery and itself fine; the new phone unverified; no email address.
        const before = await until(checkup, (s) => s.checkup?.total === 4 && s.checkup.on === 2, "the first count");
        expect(counted(before)).toBe("2/4 recovery:on this_session:on other_sessions:off email:off");
        expect(before.checkup!.protections.find((p) => p.id === "other_sessions")).toMatchObject({
            count: 1,
            fix: { section: "sessions" },
        });
        await until(layer, (s) => s.checkup?.on === 2 && s.checkup.total === 4, "the badge's first count");

        // The phone verifies itself with the recovery key: nothing happens on this device but events.
        await enterRecoveryKey(fresh.client, recoveryKey!);
        const after = await until(checkup, (s) => s.checkup?.on === 3, "the other sessions to count");
        expect(counted(after)).toBe("3/4 recovery:on this_session:on other_sessions:on email:off");
        await until(layer, (s) => s.checkup?.on === 3 && s.checkup.total === 4, "the badge to follow");
        expect(badge.at(-1)).toEqual({ on: 3, total: 4 });
    }, 60_000);

    it("a new, unverified session: each protection off with the one action that fixes it", async () => {
        const { fresh } = await verifiedAndNewSession(bed);
        const checkup = own(new CheckupViewModel(fresh.client, DEFAULT_CONFIG, { debounceMs: 50 }));
        const snapshot = await until(checkup, (s) => s.checkup?.total === 4, "the count");
        expect(counted(snapshot)).toBe("0/4 recovery:off this_session:off other_sessions:unknown email:off");
        expect(snapshot.checkup!.protections.map((p) => p.fix)).toEqual([
            { section: "backup", step: "enter_key" },
            { section: "sessions" },
            null,
            { section: "email" },
        ]);
    }, 60_000);

    it("leaves out what the deployer dropped", async () => {
        const alice = await bed.newClient();
        const config = { ...DEFAULT_CONFIG, checkup: { protections: ["this_session" as const] } };
        const vm = own(new CheckupViewModel(alice.client, config, { debounceMs: 50 }));
        const snapshot = await until(vm, (s) => s.checkup !== null, "the count");
        expect(counted(snapshot)).toBe("0/1 this_session:off");
        // No identity yet: the fix is setting up recovery, which creates it.
        expect(snapshot.checkup!.protections[0]).toMatchObject({
            reason: "no_identity",
            fix: { section: "backup", step: "set_up" },
        });
    }, 30_000);
});

describe("Do you still have your recovery key?", () => {
    it("a right key: checked here, the date in account data (the only request), seen by another device", async () => {
        const proxy = await bed.faultProxy();
        const alice = await bed.newClient({ baseUrl: proxy.baseUrl });
        const { recoveryKey } = await setUpCrossSigning(alice);
        await keyDescriptionSynced(alice);
        const vm = own(new RecoveryKeyCheckViewModel(alice.client));
        expect(vm.getSnapshot().lastCheckedAt).toBeNull();
        await new Promise((r) => setTimeout(r, 500)); // let the set-up's own requests settle

        const from = proxy.requests.length;
        const startedAt = Date.now();
        vm.start();
        await vm.check(` ${recoveryKey!} `); // spaces around it, as copied from a file
        expect(vm.getSnapshot()).toMatchObject({ step: "right", saveFailed: null });
        expect(ownRequests(proxy.requests, from)).toEqual([
            `PUT /_matrix/client/v3/user/${encodeURIComponent(alice.userId)}/account_data/${RECOVERY_CHECK_TYPE}`,
        ]);

        const stored = (await rawAccountData(alice, RECOVERY_CHECK_TYPE)) as Record<string, unknown>;
        expect(stored).toMatchObject({ by: "check", key_id: await alice.client.secretStorage.getDefaultKeyId() });
        expect(stored.checked_at).toBeGreaterThanOrEqual(startedAt);
        expect(vm.getSnapshot().lastCheckedAt).toBe(stored.checked_at);

        // Every device agrees: a new session sees the date from its sync.
        const phone = await bed.newDevice(alice, { deviceName: "phone" });
        const other = own(new RecoveryKeyCheckViewModel(phone.client));
        expect(other.getSnapshot().lastCheckedAt).toBe(stored.checked_at);
    }, 60_000);

    it("a wrong key: no request at all, nothing changed, and guidance to change the key while this device can", async () => {
        const proxy = await bed.faultProxy();
        const alice = await bed.newClient({ baseUrl: proxy.baseUrl });
        const { recoveryKey } = await setUpCrossSigning(alice);
        await keyDescriptionSynced(alice);
        const other = await setUpCrossSigning(await bed.newClient()); // a well-formed key of another account
        const vm = own(new RecoveryKeyCheckViewModel(alice.client));
        await new Promise((r) => setTimeout(r, 500));

        const from = proxy.requests.length;
        vm.start();
        await vm.check(other.recoveryKey!);
        expect(vm.getSnapshot()).toMatchObject({ step: "wrong", malformed: false, canChangeHere: true });
        vm.start();
        await vm.check("not a key at all");
        expect(vm.getSnapshot()).toMatchObject({ step: "wrong", canChangeHere: true });
        // A typo in the real key (the parity byte catches it) is "malformed", still no request.
        vm.start();
        await vm.check(recoveryKey!.slice(0, -2) + (recoveryKey!.endsWith("1") ? "22" : "11"));
        expect(vm.getSnapshot().step).toBe("wrong");
        expect(ownRequests(proxy.requests, from)).toEqual([]);
        expect(await rawAccountData(alice, RECOVERY_CHECK_TYPE)).toBeNull();
        expect(vm.getSnapshot().lastCheckedAt).toBeNull();
    }, 60_000);
});

describe("the reminder to check the recovery key", () => {
    it("comes once the cadence has passed, and a right check (here or on another device) makes it go", async () => {
        const alice = await bed.newClient();
        const { recoveryKey } = await setUpCrossSigning(alice);
        await keyDescriptionSynced(alice);
        const layer = own(
            new NudgeViewModel(alice.client, {
                config: DEFAULT_CONFIG,
                openPanel: () => undefined,
                incoming: null,
                hostShowsRequestToasts: false,
                // Seen by the module 91 days ago, with a key that was never checked.
                sessionStartedAt: Date.now() - 91 * 24 * 60 * 60 * 1000,
            }),
        );
        await until(layer, (s) => s.nudge?.kind === "check_recovery_key", "the reminder");

        const phone = await bed.newDevice(alice, { deviceName: "phone" });
        await keyDescriptionSynced(phone);
        await enterRecoveryKey(phone.client, recoveryKey!); // verified, so no "unverified session" meanwhile
        await until(layer, (s) => s.nudge?.kind === "check_recovery_key", "only the check left");
        const check = own(new RecoveryKeyCheckViewModel(phone.client));
        check.start();
        await check.check(recoveryKey!);
        expect(check.getSnapshot().step).toBe("right");
        // The record reaches the first device by sync; its reminder goes without any action there.
        await until(layer, (s) => s.nudge === null, "the reminder to go");
    }, 60_000);
});

describe("room keys in a file", () => {
    it("exported on one device, imported on a new one with progress and a count: it reads a message from before", async () => {
        const a = await bed.newClient();
        await setUpCrossSigning(a, { secretStorage: false });
        const { room_id: roomId } = await a.client.createRoom({
            initial_state: [
                { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
            ],
        });
        await waitFor(async () => (await cryptoOf(a).isEncryptionEnabledInRoom(roomId)) || null, {
            what: "room encryption known",
        });
        const { event_id: eventId } = await a.client.sendTextMessage(roomId, "sent before the new device");

        const exporter = own(new RoomKeyTransferViewModel(a.client, 1000));
        expect(exporter.getSnapshot().supported).toBe(true);
        exporter.startExport();
        await exporter.exportKeys("aaaaaaaaaa", "aaaaaaaaaa");
        expect(exporter.getSnapshot().exportProblem).toBe("weak");
        await exporter.exportKeys("violet kettle rowing", "violet kettle rowinG");
        expect(exporter.getSnapshot().exportProblem).toBe("mismatch");
        await exporter.exportKeys("violet kettle rowing", "violet kettle rowing");
        const file = exporter.getSnapshot().file!;
        expect(file.count).toBeGreaterThanOrEqual(1);
        expect(file.text.startsWith("-----BEGIN MEGOLM SESSION DATA-----\n")).toBe(true);
        expect(file.text).not.toContain(roomId); // the room list is inside the encrypted part
        exporter.close();
        expect(exporter.getSnapshot().file).toBeNull();

        const b = await bed.newDevice(a, { deviceName: "B" });
        const raw = await b.client.fetchRoomEvent(roomId, eventId);
        const undecryptable = new MatrixEvent(raw);
        await b.client.decryptEventIfNeeded(undecryptable);
        expect(undecryptable.isDecryptionFailure()).toBe(true);

        const importer = own(new RoomKeyTransferViewModel(b.client));
        importer.startImport();
        await importer.importKeys(file.text, "wrong passphrase");
        expect(importer.getSnapshot()).toMatchObject({ step: "input", importProblem: "wrong_passphrase" });
        const progress: Array<{ done: number; total: number }> = [];
        importer.subscribe(() => {
            const p = importer.getSnapshot().progress;
            if (p) progress.push(p);
        });
        await importer.importKeys(file.text, "violet kettle rowing");
        expect(importer.getSnapshot()).toMatchObject({
            step: "done",
            result: { total: file.count, imported: file.count },
        });
        expect(progress.at(-1)).toEqual({ done: file.count, total: file.count });

        const event = new MatrixEvent(await b.client.fetchRoomEvent(roomId, eventId));
        await b.client.decryptEventIfNeeded(event);
        expect(event.getContent().body).toBe("sent before the new device");
    }, 60_000);
});
