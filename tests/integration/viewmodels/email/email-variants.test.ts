/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The Email addresses section on Synapses that do not allow the usual flow.

import { setupSynapse } from "../../../support/testbed";
import { addressProblem, enterAddress, openEmailSection, waitForStep } from "../../../support/emailFlow";

describe("Email addresses with enable_3pid_changes: false", () => {
    const bed = setupSynapse({ threepidChanges: false });

    it("lists addresses read-only and says why", async () => {
        const tc = await bed.newClient({ crypto: false });
        const address = `${tc.credentials.username}@example.org`;
        await bed.adminRequest("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(tc.userId)}`, {
            threepids: [{ medium: "email", address }],
        });
        const vm = openEmailSection(tc.client);
        const step = await waitForStep(vm, "read_only");
        expect(step).toEqual({ kind: "read_only", reason: "changes_disabled" });
        expect(vm.getSnapshot().emails.map((e) => e.address)).toEqual([address]);
        // Actions that would change something are ignored in this step.
        vm.startAdd();
        vm.askRemove(address);
        expect(vm.getSnapshot().step.kind).toBe("read_only");
        vm.dispose();
    });
});

describe("Email addresses on a Synapse without email config", () => {
    const bed = setupSynapse({ email: false });

    it("says email is not supported by this server", async () => {
        const tc = await bed.newClient({ crypto: false });
        const vm = openEmailSection(tc.client);
        await enterAddress(vm, `${tc.credentials.username}@example.org`);
        expect(await addressProblem(vm)).toEqual({ kind: "not_supported" });
        vm.dispose();
    });
});

describe("Email addresses when accounts are delegated to an OIDC provider (MAS)", () => {
    const bed = setupSynapse();

    // No MAS can run here, so the fault proxy answers the two requests the way a Synapse with
    // MAS does: auth metadata (MSC2965) and `m.3pid_changes` off. Everything else is the real Synapse.
    const metadata = (accountManagementUri?: string) => ({
        issuer: "https://auth.example.org/",
        authorization_endpoint: "https://auth.example.org/authorize",
        token_endpoint: "https://auth.example.org/oauth2/token",
        revocation_endpoint: "https://auth.example.org/oauth2/revoke",
        registration_endpoint: "https://auth.example.org/oauth2/registration",
        response_modes_supported: ["query", "fragment"],
        response_types_supported: ["code"],
        grant_types_supported: ["authorization_code", "refresh_token"],
        code_challenge_methods_supported: ["S256"],
        ...(accountManagementUri ? { account_management_uri: accountManagementUri } : {}),
    });

    it.each([
        ["https://auth.example.org/account", "https://auth.example.org/account"],
        [undefined, null],
    ])("is read-only and links to the provider's account page (%p)", async (uri, expected) => {
        const proxy = await bed.faultProxy();
        // matrix-js-sdk 38 (Element 1.12.0) also fetches the provider's signing keys, as a real MAS serves them.
        const jwksUri = `${proxy.baseUrl}/.well-known/test-jwks.json`;
        proxy.addRule({ path: "/test-jwks.json", method: "GET", respond: { status: 200, body: { keys: [] } } });
        proxy.addRule({
            path: "/auth_metadata",
            method: "GET",
            respond: { status: 200, body: { ...metadata(uri), jwks_uri: jwksUri } },
        });
        proxy.addRule({
            path: "/capabilities",
            method: "GET",
            respond: { status: 200, body: { capabilities: { "m.3pid_changes": { enabled: false } } } },
        });
        const tc = await bed.newClient({ crypto: false, baseUrl: proxy.baseUrl });
        const vm = openEmailSection(tc.client);
        expect(await waitForStep(vm, "read_only")).toEqual({
            kind: "read_only",
            reason: "delegated",
            accountManagementUrl: expected,
        });
        vm.dispose();
    });

    it("treats a server without /capabilities (an old one) as allowing changes", async () => {
        const proxy = await bed.faultProxy();
        proxy.addRule({ path: "/capabilities", method: "GET", respond: { status: 404 } });
        const tc = await bed.newClient({ crypto: false, baseUrl: proxy.baseUrl });
        const vm = openEmailSection(tc.client);
        await waitForStep(vm, "ready");
        vm.dispose();
    });
});
