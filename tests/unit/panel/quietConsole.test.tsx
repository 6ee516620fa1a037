/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Issue 13 item 4: a non-admin's console stays quiet. The "are you a server admin?" check answers 403
// to everyone else, and browsers log every failed request, so the module only asks where the deployer
// turned the Admin section on, and then once per session.

import React from "react";
import { render, screen, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk/lib/client";

import { DEFAULT_CONFIG } from "../../../src/config";
import { PanelRoot } from "../../../src/panel/PanelRoot";
import { createStubHost, fakeClient } from "./stubHost";

afterEach(() => jest.restoreAllMocks());

/** A fake client that records every request it is asked to make; admin checks answer 403 like Synapse. */
function recordingClient(userId: string): { client: MatrixClient; paths: string[] } {
    const paths: string[] = [];
    const forbidden = Object.assign(new Error("You are not a server admin"), {
        httpStatus: 403,
        errcode: "M_FORBIDDEN",
        data: { errcode: "M_FORBIDDEN", error: "You are not a server admin" },
    });
    const answer = async (_method: string, path: string): Promise<unknown> => {
        paths.push(path);
        if (path.startsWith("/_synapse/admin")) throw forbidden;
        return {};
    };
    const client = Object.assign(fakeClient(userId), {
        http: { authedRequest: jest.fn(answer), request: jest.fn(answer) },
    }) as unknown as MatrixClient;
    return { client, paths };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe("the admin check and a quiet console", () => {
    it("with the default config, opening the panel makes no admin request and shows no Admin tab", async () => {
        jest.spyOn(console, "error").mockImplementation(() => {}); // sections may reject the fake client
        const { client, paths } = recordingClient("@bob:example.org");
        const host = createStubHost(); // DEFAULT_CONFIG
        host.setClient(client);
        const { unmount } = render(<PanelRoot host={host} variant="dialog" />);
        await settle();
        expect(screen.getAllByRole("tab").map((tab) => tab.textContent)).not.toContain("Admin");
        unmount();
        expect(DEFAULT_CONFIG.sections.admin).toBe(false);
        expect(paths.filter((p) => p.startsWith("/_synapse/admin"))).toEqual([]);
    });

    it("where the deployer turned the section on: one check per session, however often the panel opens", async () => {
        jest.spyOn(console, "error").mockImplementation(() => {});
        const { client, paths } = recordingClient("@carol:example.org");
        const config = { ...DEFAULT_CONFIG, sections: { ...DEFAULT_CONFIG.sections, admin: true } };
        const host = createStubHost({ config });
        host.setClient(client);
        for (let open = 0; open < 3; open++) {
            const { unmount } = render(<PanelRoot host={host} variant="dialog" />);
            await waitFor(() => expect(paths.filter((p) => p.startsWith("/_synapse/admin"))).toHaveLength(1));
            await settle();
            // A non-admin never sees the tab.
            expect(screen.getAllByRole("tab").map((tab) => tab.textContent)).not.toContain("Admin");
            unmount();
        }
        expect(paths.filter((p) => p.startsWith("/_synapse/admin"))).toEqual([
            "/_synapse/admin/v1/users/%40carol%3Aexample.org/admin",
        ]);
    });
});
