/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The nudge layer's logic (NudgeViewModel → collect → engine) over the real state of real accounts
// on a real Synapse: which reminder appears, when it disappears, and that "Later" in one session
// quiets the others.

import { stopWhenSettled, waitForCrossSigningKeys, type TestClient } from "../../support/clients";
import { untilObserved } from "../../support/observe";
import { setupSynapse } from "../../support/testbed";
import { setUpCrossSigning, verifiedAndNewSession, verifyWithSas } from "../../support/verification";
import { DEFAULT_CONFIG, type AccountSecurityConfig } from "../../../src/config";
import { ThreePidChanges } from "../../../src/matrix/email/threePidChanges";
import { listThreePids } from "../../../src/matrix/email/threepids";
import { enterRecoveryKey } from "../../../src/matrix/recovery";
import { NUDGE_ACCOUNT_DATA_TYPE } from "../../../src/nudges/dismissals";
import { NudgeViewModel, type NudgeSnapshot } from "../../../src/viewmodels/NudgeViewModel";

const bed = setupSynapse();
const models: NudgeViewModel[] = [];
afterEach(() => models.splice(0).forEach((vm) => vm.dispose()));

function nudgeLayer(
    tc: TestClient,
    config: AccountSecurityConfig = DEFAULT_CONFIG,
    threePidChanges?: ThreePidChanges,
): NudgeViewModel {
    const vm = new NudgeViewModel(tc.client, {
        config,
        threePidChanges,
        openPanel: () => undefined,
        incoming: null,
        hostShowsRequestToasts: false,
        // A session that just started: the "still have your recovery key?" reminder is months away.
        sessionStartedAt: Date.now(),
    });
    models.push(vm);
    return vm;
}

/** Resolves once the view-model's snapshot satisfies `predicate` (it changes by client events only). */
function snapshotWhere(
    vm: NudgeViewModel,
    predicate: (s: NudgeSnapshot) => boolean,
    what: string,
    timeoutMs = 15_000,
): Promise<NudgeSnapshot> {
    const stuck = (): string => `timed out waiting for ${what}; snapshot is ${JSON.stringify(vm.getSnapshot())}`;
    return untilObserved(vm, () => vm.getSnapshot(), predicate, timeoutMs, stuck);
}

/** Lets pending reads finish, so "still hidden" is a real observation and not an early look. */
async function settled(vm: NudgeViewModel): Promise<NudgeSnapshot> {
    await new Promise((r) => setTimeout(r, 600));
    await vm.refresh();
    return vm.getSnapshot();
}

async function createEncryptedRoom(tc: TestClient): Promise<string> {
    const { room_id: roomId } = await tc.client.createRoom({
        name: "secret plans",
        initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
    });
    return roomId;
}

const kind = (s: NudgeSnapshot): string | null => s.nudge?.kind ?? null;

describe("nudges over real account state", () => {
    it("a fresh account is asked to set up recovery only once it is in an encrypted room", async () => {
        const alice = await bed.newClient();
        const vm = nudgeLayer(alice);
        expect(await settled(vm)).toMatchObject({ state: "hidden", badge: 0 });

        await createEncryptedRoom(alice);
        const shown = await snapshotWhere(vm, (s) => s.state === "nudge", "the recovery reminder");
        expect(shown).toMatchObject({
            state: "nudge",
            nudge: { kind: "set_up_recovery", canDismissForever: true },
            badge: 1,
        });
    });

    it("a second login is asked to verify itself, and the reminder goes away when it is verified", async () => {
        const { old, fresh } = await verifiedAndNewSession(bed);
        const vm = nudgeLayer(fresh);
        const shown = await snapshotWhere(vm, (s) => s.state === "nudge", "the verify reminder");
        expect(shown.nudge).toEqual({ kind: "verify_this_session", canDismissForever: false });

        await verifyWithSas(old, fresh);
        const gone = await snapshotWhere(vm, (s) => kind(s) !== "verify_this_session", "the reminder to go");
        expect(kind(gone)).not.toBe("verify_this_session");
        // Once the other session has shared the secrets (gossip), nothing is left to say.
        expect(await snapshotWhere(vm, (s) => s.state === "hidden" && s.badge === 0, "all clear")).toMatchObject({
            nudge: null,
            error: null,
        });
    });

    it("'Use recovery key instead' (Secure Backup's enterRecoveryKey) also makes the verify reminder go", async () => {
        const old = await bed.newClient();
        const { recoveryKey } = await setUpCrossSigning(old);
        await stopWhenSettled(old); // no other session to verify with: the recovery key is the way
        const fresh = await bed.newDevice(old, { deviceName: "New phone" });
        await waitForCrossSigningKeys(fresh);
        const vm = nudgeLayer(fresh);
        await snapshotWhere(vm, (s) => kind(s) === "verify_this_session", "the verify reminder");

        await enterRecoveryKey(fresh.client, recoveryKey!);
        // Verified, with every secret here (the old session was cross-signed too): nothing left to say.
        expect(await snapshotWhere(vm, (s) => s.state === "hidden", "the reminder to go")).toMatchObject({ badge: 0 });
    });

    it("'Later' in one session hides the reminder in the user's other session too", async () => {
        const a = await bed.newClient();
        await createEncryptedRoom(a);
        const b = await bed.newDevice(a, { deviceName: "Second session" });
        const vmA = nudgeLayer(a);
        const vmB = nudgeLayer(b);
        await snapshotWhere(vmA, (s) => kind(s) === "set_up_recovery", "the reminder in A");
        await snapshotWhere(vmB, (s) => kind(s) === "set_up_recovery", "the reminder in B");

        const before = Date.now();
        await vmA.later();
        expect(vmA.getSnapshot()).toMatchObject({ state: "hidden", error: null, badge: 1 });
        const hiddenInB = await snapshotWhere(vmB, (s) => s.state === "hidden", "B to hear of the snooze");
        expect(hiddenInB.badge).toBe(1); // still needs attention, just not a reminder now

        // Stored on the server, for DEFAULT_CONFIG's 7 days.
        const stored = (await b.client.getAccountDataFromServer(NUDGE_ACCOUNT_DATA_TYPE as never)) as unknown as {
            snoozed: Record<string, { at: number }>;
        };
        const days = (stored.snoozed.set_up_recovery!.at - before) / 86_400_000;
        expect(days).toBeGreaterThan(6.99);
        expect(days).toBeLessThan(7.01);
    });

    it("honours 'no recovery' chosen in Element (io.element.recovery), by event, and 'Don't remind me' sticks", async () => {
        const alice = await bed.newClient();
        await createEncryptedRoom(alice);
        const vm = nudgeLayer(alice);
        await snapshotWhere(vm, (s) => kind(s) === "set_up_recovery", "the reminder");
        await alice.client.setAccountData("io.element.recovery" as never, { enabled: false } as never);
        expect(await snapshotWhere(vm, (s) => s.state === "hidden", "the reminder to go")).toMatchObject({ badge: 0 });

        const bob = await bed.newClient();
        await createEncryptedRoom(bob);
        const bobLayer = nudgeLayer(bob);
        await snapshotWhere(bobLayer, (s) => kind(s) === "set_up_recovery", "Bob's reminder");
        await bobLayer.dismissForever();
        expect(bobLayer.getSnapshot()).toMatchObject({ state: "hidden", badge: 0, error: null });
        // A new session of Bob's reads the choice from account data.
        const bobAgain = await bed.newDevice(bob, { deviceName: "Bob's tablet" });
        const tablet = nudgeLayer(bobAgain);
        const seen = await settled(tablet);
        expect(seen.nudge?.kind ?? null).not.toBe("set_up_recovery");
    });

    it("names the unverified session in the reminder", async () => {
        const old = await bed.newClient();
        await setUpCrossSigning(old);
        const stranger = await bed.newDevice(old, { deviceName: "Library computer" });
        const vm = nudgeLayer(old);
        const shown = await snapshotWhere(vm, (s) => kind(s) === "unverified_sessions", "the sessions reminder");
        expect(shown.nudge).toEqual({
            kind: "unverified_sessions",
            devices: [{ deviceId: stranger.deviceId, name: "Library computer" }],
            canDismissForever: true,
        });
    });
});

describe("the add-email reminder", () => {
    it("appears only when the deployer requires an email, and goes when the Email section adds one", async () => {
        const alice = await bed.newClient();
        const quiet = nudgeLayer(alice);
        expect(await settled(quiet)).toMatchObject({ state: "hidden", badge: 0 });

        const config: AccountSecurityConfig = {
            ...DEFAULT_CONFIG,
            email: { ...DEFAULT_CONFIG.email, require_email: true },
        };
        const threePidChanges = new ThreePidChanges();
        const vm = nudgeLayer(alice, config, threePidChanges);
        const shown = await snapshotWhere(vm, (s) => s.state === "nudge", "the email reminder");
        expect(shown.nudge).toEqual({ kind: "add_email", canDismissForever: true });

        // An address added (here by the admin API; in the app by the Email section, which announces it
        // and reads the list again: that read reaches the reminders, with no request of theirs).
        await bed.adminRequest("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(alice.userId)}`, {
            threepids: [{ medium: "email", address: `${alice.credentials.username}@example.org` }],
        });
        threePidChanges.announce();
        await listThreePids(alice.client, undefined, threePidChanges);
        expect(await snapshotWhere(vm, (s) => s.state === "hidden", "the reminder to go")).toMatchObject({ badge: 0 });
    });
});

describe("when the homeserver fails", () => {
    it("a 'Later' that cannot be saved brings the reminder back with a plain error; the retry works", async () => {
        const proxy = await bed.faultProxy();
        const alice = await bed.newClient({ baseUrl: proxy.baseUrl });
        await createEncryptedRoom(alice);
        const vm = nudgeLayer(alice);
        await snapshotWhere(vm, (s) => kind(s) === "set_up_recovery", "the reminder");

        const rule = proxy.addRule({ path: "/account_data/", method: "PUT", respond: { status: 500 } });
        await vm.later();
        expect(rule.matches).toBeGreaterThanOrEqual(1);
        expect(vm.getSnapshot()).toMatchObject({
            state: "nudge",
            nudge: { kind: "set_up_recovery" },
            error: "server",
            busy: false,
        });

        rule.remove();
        await vm.later();
        expect(vm.getSnapshot()).toMatchObject({ state: "hidden", error: null });
    });

    it("the grace period after login holds reminders back, and one timer brings them when it ends", async () => {
        const alice = await bed.newClient();
        await createEncryptedRoom(alice);
        const config: AccountSecurityConfig = {
            ...DEFAULT_CONFIG,
            // 6 s: the first read (well under a second idle) must land inside it even on a loaded machine.
            nudges: { ...DEFAULT_CONFIG.nudges, grace_period_minutes: 0.1 },
        };
        const vm = new NudgeViewModel(alice.client, {
            config,
            openPanel: () => undefined,
            incoming: null,
            hostShowsRequestToasts: false,
            sessionStartedAt: Date.now(),
        });
        models.push(vm);
        const during = await snapshotWhere(vm, (s) => s.badge === 1, "the badge");
        expect(during.state).toBe("hidden"); // counted on the badge, but no reminder yet
        const after = await snapshotWhere(
            vm,
            (s) => s.state === "nudge",
            "the reminder after the grace period",
            20_000,
        );
        expect(after.nudge?.kind).toBe("set_up_recovery");
    });
});
