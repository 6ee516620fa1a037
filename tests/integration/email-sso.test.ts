/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Adding an email address when the account confirms with single sign-on instead of a password.
// Synapse's own CAS support (no extra Python packages) is pointed at a tiny CAS server in this test
// process; passwords are off, so user-interactive auth offers only m.login.sso. The test plays the
// popup: it opens the homeserver's fallback page, follows it to "CAS" and back, exactly as a browser
// would, while the view-model waits in its SSO step.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { setupSynapse } from "../support/testbed";
import { clickLinkInMail, enterAddress, openEmailSection, waitForStep } from "./emailFlow";

/** A CAS server that signs in whoever `casUser` names, at once (no login form). */
class FakeCas {
    public casUser = "";
    public validations = 0;
    private server: Server | undefined;
    private port = 0;

    public get url(): string {
        return `http://127.0.0.1:${this.port}`;
    }

    public async start(): Promise<void> {
        this.server = createServer((req, res) => {
            const url = new URL(req.url ?? "/", this.url);
            const service = url.searchParams.get("service") ?? "";
            if (url.pathname === "/login") {
                // The user "signs in" and CAS sends the browser back to the service with a ticket.
                const back = new URL(service);
                back.searchParams.set("ticket", `ST-${this.casUser}`);
                res.writeHead(302, { Location: back.toString() }).end();
            } else if (url.pathname === "/proxyValidate") {
                this.validations += 1;
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
// Before setupSynapse's own beforeAll, so the CAS URL exists when Synapse's config is written.
beforeAll(() => cas.start());
afterAll(() => cas.stop());

const bed = setupSynapse({
    extraConfig: {
        password_config: { enabled: false },
        // A getter: read when Synapse's config is generated, after the CAS server got its port.
        get cas_config() {
            return { enabled: true, server_url: cas.url };
        },
    },
});

/** What the popup does: the fallback page → its "Continue" link → CAS → back to Synapse. Returns the last page. */
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

describe("Email addresses on an SSO-only account", () => {
    it("confirms the add through the homeserver's SSO fallback page; 'I've finished' too early asks again", async () => {
        const tc = await bed.newClient({ crypto: false });
        const address = `${tc.credentials.username}@example.org`;
        cas.casUser = `cas-${tc.credentials.username}`;
        await bed.adminRequest("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(tc.userId)}`, {
            external_ids: [{ auth_provider: "cas", external_id: cas.casUser }],
        });

        const vm = openEmailSection(tc.client);
        await enterAddress(vm, address);
        await waitForStep(vm, "waiting_for_click");
        await clickLinkInMail(bed.mailSink, address);

        vm.continueAdd();
        const auth = await waitForStep(vm, "auth");
        expect(auth.method.kind).toBe("sso");
        const fallbackUrl = auth.method.kind === "sso" ? auth.method.fallbackUrl : "";
        expect(fallbackUrl).toMatch(
            new RegExp(`^${bed.baseUrl}/_matrix/client/v3/auth/m\\.login\\.sso/fallback/web\\?session=`),
        );

        // "I've finished" before signing in: the homeserver has not seen it; the step says so.
        vm.ssoDone();
        await waitForStep(vm, "verifying");
        const again = await waitForStep(vm, "auth");
        expect(again).toMatchObject({ method: { kind: "sso", fallbackUrl }, failed: true });

        const lastPage = await completeSsoInPopup(fallbackUrl);
        expect(lastPage).toContain("authDone"); // the page tells its opener (our AuthStep listens for it)
        expect(cas.validations).toBe(1);

        vm.ssoDone();
        await waitForStep(vm, "ready");
        expect(vm.getSnapshot().notice).toEqual({ kind: "added", address });
        const { threepids } = await tc.client.getThreePids();
        expect(threepids).toEqual([expect.objectContaining({ address, validated_at: expect.any(Number) })]);
        vm.dispose();
    });
});
