/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * Single sign-on for integration tests without an identity provider: Synapse's own CAS support (no
 * extra Python packages) pointed at a tiny CAS server in the test process, and what a browser popup
 * does on the homeserver's SSO fallback page.
 *
 *     const cas = startFakeCas(); // before setupSynapse, so the CAS URL exists when Synapse's config is written
 *     const bed = setupSynapse({ extraConfig: ssoOnlyConfig(cas) });
 *     ...
 *     await linkToCas(bed, cas, tc);             // the account signs in as `cas-<username>` from now on
 *     await completeSsoInPopup(fallbackUrl);    // the user "signs in" in the popup
 */

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { TestClient } from "./clients";
import type { TestBed } from "./testbed";

/** A CAS server that signs in whoever `casUser` names, at once (no login form). */
export class FakeCas {
    public casUser = "";
    /** How many tickets Synapse asked us to validate. */
    public validations = 0;
    private server: Server | undefined;
    private port = 0;

    public get url(): string {
        return `http://127.0.0.1:${this.port}`;
    }

    public async start(): Promise<void> {
        this.server = createServer((req, res) => {
            const url = new URL(req.url ?? "/", this.url);
            if (url.pathname === "/login") {
                // The user "signs in" and CAS sends the browser back to the service with a ticket.
                const back = new URL(url.searchParams.get("service") ?? "");
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

/**
 * A CAS server for this test file, started in a beforeAll and stopped in an afterAll. Call it BEFORE
 * setupSynapse: hooks run in order, so the server has its port when Synapse's config is generated.
 */
export function startFakeCas(): FakeCas {
    const cas = new FakeCas();
    beforeAll(() => cas.start());
    afterAll(() => cas.stop());
    return cas;
}

/** Synapse config for accounts that confirm with SSO only: passwords off, CAS on. */
export function ssoOnlyConfig(cas: FakeCas): Record<string, unknown> {
    return {
        password_config: { enabled: false },
        // A getter: read when Synapse's config is generated, after the CAS server got its port.
        get cas_config() {
            return { enabled: true, server_url: cas.url };
        },
    };
}

/** Links the account to a CAS identity of its own, so completing SSO in the popup confirms as this user. */
export async function linkToCas(bed: TestBed, cas: FakeCas, tc: TestClient): Promise<void> {
    cas.casUser = `cas-${tc.credentials.username}`;
    await bed.adminRequest("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(tc.userId)}`, {
        external_ids: [{ auth_provider: "cas", external_id: cas.casUser }],
    });
}

/** What the popup does: the fallback page → its "Continue" link → CAS → back to Synapse. Returns the last page. */
export async function completeSsoInPopup(fallbackUrl: string): Promise<string> {
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
