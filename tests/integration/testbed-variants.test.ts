/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The Synapse variants the panels must handle: no email configured, 3PID changes disabled, and
// Synapse's real (strict) rate limits. `setupSynapse` inside a `describe` scopes that server to it.

import { loginDevice } from "../support/clients";
import { setupSynapse } from "../support/testbed";

describe("Synapse without an email config", () => {
    const bed = setupSynapse({ email: false });

    it("has no mail sink and refuses to send verification mails", async () => {
        expect(bed.synapse.mailSink).toBeUndefined();
        const alice = await bed.newClient({ crypto: false });
        const secret = alice.client.generateClientSecret();
        await expect(alice.client.requestAdd3pidEmailToken("a@example.org", secret, 1)).rejects.toMatchObject({
            errcode: "M_THREEPID_MEDIUM_NOT_SUPPORTED",
        });
    });
});

describe("Synapse with enable_3pid_changes: false", () => {
    const bed = setupSynapse({ threepidChanges: false });

    it("advertises m.3pid_changes disabled and forbids adding an address", async () => {
        const alice = await bed.newClient({ crypto: false });
        const capabilities = await alice.client.getCapabilities();
        expect(capabilities["m.3pid_changes"]).toEqual({ enabled: false });
        const secret = alice.client.generateClientSecret();
        await expect(alice.client.requestAdd3pidEmailToken("a@example.org", secret, 1)).rejects.toMatchObject({
            errcode: "M_FORBIDDEN",
        });
    });
});

describe("Synapse with its real rate limits", () => {
    const bed = setupSynapse({ realRateLimits: true });

    it("answers 429 M_LIMIT_EXCEEDED with retry_after_ms after a burst of logins", async () => {
        const user = await bed.registerUser();
        let limited: unknown;
        for (let i = 0; i < 10 && !limited; i++) {
            limited = await loginDevice(bed.synapse, user).then(
                () => undefined,
                (e: unknown) => e,
            );
        }
        expect(String(limited)).toMatch(/429.*M_LIMIT_EXCEEDED.*retry_after_ms/);
    });
});
