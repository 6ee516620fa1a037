/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Accounts and answers the admin tests (CLI and in-module section) set up through Synapse's Admin API.

import { execFileSync } from "node:child_process";

import type { AdminUser } from "../../src/matrix/admin/types";
import { uniqueName } from "./clients";
import type { FaultProxy } from "./faultProxy";
import type { TestBed } from "./testbed";

/** A fresh email address, unique across test runs. */
export const addr = (prefix: string): string => `${uniqueName(prefix)}@example.org`;

/** Admin API reads and writes on `bed`, as its admin user. */
export function adminFixtures(bed: TestBed) {
    const userPath = (userId: string): string => `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`;
    const getUser = (userId: string): Promise<AdminUser> => bed.adminRequest<AdminUser>("GET", userPath(userId));
    return {
        getUser,
        /** The account's email addresses as Synapse has them, sorted. */
        emails: async (userId: string): Promise<string[]> =>
            (await getUser(userId)).threepids
                .filter((t) => t.medium === "email")
                .map((t) => t.address)
                .sort(),
        /** A fresh account holding exactly `addresses`; returns its user id. */
        newUser: async (...addresses: string[]): Promise<string> => {
            const user = await bed.registerUser();
            if (addresses.length) {
                await bed.adminRequest("PUT", userPath(user.userId), {
                    threepids: addresses.map((address) => ({ medium: "email", address })),
                });
            }
            return user.userId;
        },
    };
}

/**
 * Makes `proxy` answer like Synapse with `matrix_authentication_service` enabled: no
 * /users/<id>/admin endpoint, auth metadata (with an account page) published on the client API.
 */
export function answerLikeMas(proxy: FaultProxy): void {
    proxy.addRule({
        path: /\/_synapse\/admin\/v1\/users\/[^/]+\/admin$/,
        respond: { status: 404, body: { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" } },
    });
    proxy.addRule({
        path: "/_matrix/client/v1/auth_metadata",
        respond: {
            status: 200,
            body: {
                issuer: "https://auth.example.org/",
                account_management_uri: "https://auth.example.org/account/",
            },
        },
    });
}

/**
 * Sets when Synapse last saw a device, straight in its SQLite database (the Admin API cannot age a
 * device). Synapse flushes its own last-seen updates every 5 s, so call this once the device has been
 * idle for longer than that, or the flush overwrites the edit.
 */
export function setDeviceLastSeen(databasePath: string, userId: string, deviceId: string, lastSeenMs: number): void {
    const script = [
        "import sqlite3, sys",
        "db = sqlite3.connect(sys.argv[1], timeout=30)",
        "n = db.execute('UPDATE devices SET last_seen = ? WHERE user_id = ? AND device_id = ?', (int(sys.argv[4]), sys.argv[2], sys.argv[3])).rowcount",
        "db.commit()",
        "sys.exit(0 if n == 1 else 1)",
    ].join("\n");
    execFileSync("python3", ["-c", script, databasePath, userId, deviceId, String(lastSeenMs)]);
}
