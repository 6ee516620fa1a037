/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The provider's account page becomes a link in the admin section: only an http(s) page may.
import { SynapseAdminApi } from "../../../../src/matrix/admin/SynapseAdminApi";
import type { AdminTransport } from "../../../../src/matrix/admin/transport";

function serverPublishing(accountManagementUri: string): AdminTransport {
    return {
        request: () => Promise.reject(new Error("not used")),
        requestUnauthenticated: <T>() =>
            Promise.resolve({
                issuer: "https://auth.example.org/",
                account_management_uri: accountManagementUri,
            } as T),
    };
}

describe("delegation: the account page link", () => {
    it("keeps an https account page", async () => {
        const info = await new SynapseAdminApi(serverPublishing("https://auth.example.org/account")).detectDelegation();
        expect(info).toMatchObject({ delegated: true, accountManagementUri: "https://auth.example.org/account" });
    });

    it.each(["javascript:alert(document.domain)", "data:text/html,<script>alert(1)</script>", "//evil.example"])(
        "drops %s (never a link)",
        async (uri) => {
            const info = await new SynapseAdminApi(serverPublishing(uri)).detectDelegation();
            expect(info).toMatchObject({ delegated: true });
            expect((info as { accountManagementUri?: string }).accountManagementUri).toBeUndefined();
        },
    );
});
