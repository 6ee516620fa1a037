/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Reset on an SSO-only account: the user confirms through the homeserver's fallback page BEFORE the
// backup and secret storage are deleted (the confirmation is asked for first, the SDK's reset then
// reuses the completed session). Synapse's CAS support is pointed at a tiny CAS server in this process.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { DEFAULT_CONFIG } from "../../src/config";
import { createRecoveryKey, readRecoveryFacts, setUpRecovery } from "../../src/matrix/recovery";
import { BackupViewModel } from "../../src/viewmodels/BackupViewModel";
import { setupSynapse } from "../support/testbed";
import { waitFor } from "../support/verification";

/** A CAS server that signs in `casUser` at once. */
class FakeCas {
    public casUser = "";
    private server: Server | undefined;
    private port = 0;
    public get url(): string {
        return `http://127.0.0.1:${this.port}`;
    }
    public async start(): Promise<void> {
        this.server = createServer((req, res) => {
            const url = new URL(req.url ?? "/", this.url);
            if (url.pathname === "/login") {
                const back = new URL(url.searchParams.get("service") ?? "");
                back.searchParams.set("ticket", `ST-${this.casUser}`);
                res.writeHead(302, { Location: back.toString() }).end();
            } else if (url.pathname === "/proxyValidate") {
                const ok = url.searchParams.get("ticket") === `ST-${this.casUser}`;
                res.writeHead(200, { "Content-Type": "application/xml" }).end(
                    ok
                        ? `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>${this.casUser}</cas:user></cas:authenticationSuccess></cas:serviceResponse>`
                        : `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="INVALID_TICKET"/></cas:serviceResponse>`,
                );
            } else {
                res.writeHead(404).end();
            }
        });
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
        this.port = (this.server!.address() as AddressInfo).port;
    }
    public async stop(): Promise<void> {
        await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    }
}

const cas = new FakeCas();
beforeAll(() => cas.start());
afterAll(() => cas.stop());

const bed = setupSynapse({
    email: false,
    extraConfig: {
        password_config: { enabled: false },
        get cas_config() {
            return { enabled: true, server_url: cas.url };
        },
    },
});

/** What the popup does: the fallback page → its "Continue" link → CAS → back to Synapse. */
async function completeSsoInPopup(fallbackUrl: string): Promise<string> {
    const confirm = await (await fetch(fallbackUrl)).text();
    const href = /<a href="([^"]+)"[^>]*class="primary-button"/.exec(confirm)?.[1];
    if (!href) throw new Error(`No continue link on the fallback page: ${confirm}`);
    let url = href.replace(/&amp;/g, "&");
    for (let hop = 0; hop < 5; hop++) {
        const res = await fetch(url, { redirect: "manual" });
        const location = res.headers.get("location");
        if (res.status >= 300 && res.status < 400 && location) {
            url = new URL(location, url).toString();
            continue;
        }
        return res.text();
    }
    throw new Error("Too many redirects");
}

describe("Secure Backup reset on an SSO-only account", () => {
    it("asks for SSO before deleting anything; cancel keeps the backup, completing it resets once", async () => {
        const tc = await bed.newClient();
        cas.casUser = `cas-${tc.credentials.username}`;
        await bed.adminRequest("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(tc.userId)}`, {
            external_ids: [{ auth_provider: "cas", external_id: cas.casUser }],
        });
        // First set-up: the first cross-signing upload needs no auth.
        await setUpRecovery(tc.client, await createRecoveryKey(tc.client), async () => null);
        const before = await readRecoveryFacts(tc.client, { fresh: true, keysWaitingToUpload: null });
        expect(before.backup).not.toBeNull();

        const vm = new BackupViewModel(tc.client, DEFAULT_CONFIG);
        await waitFor(() => vm.getSnapshot().state === "healthy" || null, { what: "healthy", timeoutMs: 10_000 });

        // Cancel in the SSO step: nothing was deleted.
        vm.startReset();
        const cancelled = vm.confirmReset();
        await waitFor(() => vm.getSnapshot().auth || null, { what: "SSO step", timeoutMs: 10_000 });
        expect(vm.getSnapshot().auth?.method.kind).toBe("sso");
        vm.submitAuth(null);
        await cancelled;
        const kept = await readRecoveryFacts(tc.client, { fresh: true, keysWaitingToUpload: null });
        expect(kept.backup?.version).toBe(before.backup?.version);
        expect(kept.recovery?.keyId).toBe(before.recovery?.keyId);

        // Now for real: SSO in the "popup", then the reset goes through without asking again.
        vm.startReset();
        const resetting = vm.confirmReset();
        await waitFor(() => vm.getSnapshot().auth || null, { what: "SSO step", timeoutMs: 10_000 });
        const method = vm.getSnapshot().auth?.method;
        if (method?.kind !== "sso") throw new Error("expected SSO");
        expect(await completeSsoInPopup(method.fallbackUrl)).toContain("authDone");
        vm.submitAuth({ kind: "sso_done" });
        await resetting;
        expect(vm.getSnapshot().auth).toBeNull();
        expect(vm.getSnapshot().flow).toMatchObject({ kind: "setup", purpose: "after_reset" });
        const after = await readRecoveryFacts(tc.client, { fresh: true, keysWaitingToUpload: null });
        expect(after.backup?.version).not.toBe(before.backup?.version);
        expect(after.recovery).toBeNull();
        vm.dispose();
    }, 60_000);
});
