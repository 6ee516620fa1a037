/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Issue 14 part 5: the panel says whether a dehydrated device (MSC3814) is possible with this
// homeserver and the host's SDK, and where it is, the module's set-up and key change keep one as
// Element does, without the app's secret-storage prompt (Element's "Enter your recovery key" dialog).
// Synapse supports it only with an experimental switch.

import { CryptoEvent } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { MatrixClient } from "matrix-js-sdk/lib/client";

import {
    changeRecoveryKey,
    createRecoveryKey,
    enterRecoveryKey,
    forgetRecoveryKey,
} from "../../../../src/matrix/recovery";
import { RoomKeyTransferViewModel } from "../../../../src/viewmodels/RoomKeyTransferViewModel";
import { stopWhenSettled } from "../../../support/clients";
import { untilObserved } from "../../../support/observe";
import { decryptedBody, guardHostPrompt, setUpWithModule } from "../../../support/recovery";
import { setupSynapse } from "../../../support/testbed";
import { cryptoOf, waitFor } from "../../../support/verification";

const MSC3814 = "/_matrix/client/unstable/org.matrix.msc3814.v1";

/** The user's dehydrated device on the server (its id), or null when there is none. */
async function dehydratedDeviceId(client: MatrixClient): Promise<string | null> {
    try {
        const answer = await client.http.authedRequest<{ device_id: string }>(
            "GET" as never,
            "/dehydrated_device",
            undefined,
            undefined,
            { prefix: MSC3814 },
        );
        return answer.device_id;
    } catch (error) {
        if ((error as { errcode?: string }).errcode === "M_NOT_FOUND") return null;
        throw error;
    }
}

/** The key ids the dehydration key is stored under in secret storage (read from the server). */
async function dehydrationKeyStoredUnder(client: MatrixClient): Promise<string[]> {
    const content = await client.http.authedRequest<{ encrypted?: Record<string, unknown> }>(
        "GET" as never,
        `/user/${encodeURIComponent(client.getSafeUserId())}/account_data/org.matrix.msc3814`,
    );
    return Object.keys(content.encrypted ?? {});
}

/** Asks as the user's "Check" does: nothing is asked before (opening the panel pays nothing for it). */
async function dehydrationSaid(vm: RoomKeyTransferViewModel): Promise<string | null> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(vm.getSnapshot().dehydration).toBeNull();
    vm.checkDehydration();
    expect(vm.getSnapshot().dehydration).toBe("checking");
    const snapshot = await untilObserved(
        vm,
        () => vm.getSnapshot(),
        (s) => s.dehydration !== null && s.dehydration !== "checking",
        10_000,
        () => "no answer about dehydration",
    );
    vm.dispose();
    return snapshot.dehydration;
}

describe("a homeserver without MSC3814", () => {
    const bed = setupSynapse({ email: false });
    it("is reported as not supporting dehydrated devices", async () => {
        const alice = await bed.newClient();
        expect(await dehydrationSaid(new RoomKeyTransferViewModel(alice.client))).toBe("unsupported_server");
    });

    it("sets up recovery with no dehydrated device and no prompt", async () => {
        const alice = await bed.newClient();
        const prompt = guardHostPrompt(alice);
        await setUpWithModule(alice);
        expect(prompt.calls).toBe(0);
        expect(await alice.client.secretStorage.isStored("org.matrix.msc3814")).toBeNull();
    });
});

describe("a homeserver with MSC3814 switched on", () => {
    const bed = setupSynapse({ email: false, extraConfig: { experimental_features: { msc3814_enabled: true } } });
    it("is reported as supporting them", async () => {
        const alice = await bed.newClient();
        expect(await dehydrationSaid(new RoomKeyTransferViewModel(alice.client))).toBe("supported");
    });

    it("set-up in the module keeps a dehydrated device without the app's prompt; a later device reads a message sent while all were offline", async () => {
        const alice = await bed.newClient();
        const prompt = guardHostPrompt(alice);
        const key = await setUpWithModule(alice);
        expect(prompt.calls).toBe(0);
        const dehydrated = await dehydratedDeviceId(alice.client);
        expect(dehydrated).not.toBeNull();
        const defaultKeyId = await alice.client.secretStorage.getDefaultKeyId();
        expect(await dehydrationKeyStoredUnder(alice.client)).toEqual([defaultKeyId]);

        // Bob shares an encrypted room with Alice and writes while every device of hers is offline.
        const bob = await bed.newClient();
        const { room_id: roomId } = await alice.client.createRoom({
            invite: [bob.userId],
            initial_state: [
                { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
            ],
        });
        await waitFor(async () => bob.client.getRoom(roomId) ?? null, { what: "Bob's invite", timeoutMs: 10_000 });
        await bob.client.joinRoom(roomId);
        await stopWhenSettled(alice);
        await waitFor(async () => (await cryptoOf(bob).isEncryptionEnabledInRoom(roomId)) || null, {
            what: "Bob knows the room is encrypted",
            timeoutMs: 10_000,
        });
        const body = `sent while all of Alice's devices were offline ${Date.now()}`;
        const { event_id: eventId } = await bob.client.sendTextMessage(roomId, body);

        // A device Alice signs in later enters her recovery key, then rehydrates that device with the
        // dehydration key from secret storage (the SDK's start, as Element calls it) and so gets the
        // message's room key: Bob's key went to no other device of hers.
        const later = await bed.newDevice(alice, { recoveryKey: key, deviceName: "later" });
        await enterRecoveryKey(later.client, key);
        let roomKeys = 0;
        later.client.on(CryptoEvent.RehydrationProgress as never, ((keys: number) => (roomKeys = keys)) as never);
        await cryptoOf(later).startDehydration({ createNewKey: false });
        expect(roomKeys).toBeGreaterThanOrEqual(1);
        expect(await decryptedBody(later, roomId, eventId)).toBe(body);
    });

    it("a key change in the module keeps a new dehydrated device, its key stored under the new key only", async () => {
        const alice = await bed.newClient();
        const prompt = guardHostPrompt(alice);
        await setUpWithModule(alice);
        const before = await dehydratedDeviceId(alice.client);
        const newKey = await createRecoveryKey(alice.client);
        try {
            await changeRecoveryKey(alice.client, newKey);
        } finally {
            forgetRecoveryKey(newKey);
        }
        expect(prompt.calls).toBe(0);
        const after = await dehydratedDeviceId(alice.client);
        expect(after).not.toBeNull();
        expect(after).not.toBe(before);
        expect(await dehydrationKeyStoredUnder(alice.client)).toEqual([
            await alice.client.secretStorage.getDefaultKeyId(),
        ]);
    });
});
