/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";
import type { Method } from "matrix-js-sdk/lib/http-api/method";

import type { AdminTransport } from "./transport";

/**
 * A transport over the host's own MatrixClient, for the in-module Admin section. The client adds the
 * logged-in user's access token itself (we never read it) and throws MatrixError, which already has
 * the shape describeFailure expects. An empty `prefix` lets us address /_synapse/admin paths.
 */
export function clientTransport(client: HostClient): AdminTransport {
    return {
        request: <T>(method: string, path: string, body?: object) =>
            client.http.authedRequest<T>(method as Method, path, undefined, body as Record<string, unknown>, {
                prefix: "",
            }),
        requestUnauthenticated: <T>(method: string, path: string) =>
            client.http.request<T>(method as Method, path, undefined, undefined, { prefix: "" }),
    };
}
