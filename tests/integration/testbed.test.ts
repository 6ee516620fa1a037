/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Smoke tests that prove the test bed itself: a real Synapse, its mail, admin API, crypto clients.

import { setupSynapse } from "../support/testbed";

const bed = setupSynapse();

describe("test bed", () => {
    it("starts Synapse quickly and registers a user whose client syncs with rust crypto", async () => {
        expect(bed.synapse.readyMs).toBeLessThan(15_000);
        const alice = await bed.newClient();
        expect(alice.client.getUserId()).toBe(alice.userId);
        expect(alice.client.getCrypto()).toBeDefined();
        const devices = await alice.client.getDevices();
        expect(devices.devices.map((d) => d.device_id)).toContain(alice.deviceId);
    });

    it("answers admin API calls for an admin", async () => {
        const bob = await bed.registerUser();
        const info = await bed.adminRequest<{ name: string; admin: boolean }>(
            "GET",
            `/_synapse/admin/v2/users/${encodeURIComponent(bob.userId)}`,
        );
        expect(info.name).toBe(bob.userId);
        expect(info.admin).toBe(false);
    });
});
