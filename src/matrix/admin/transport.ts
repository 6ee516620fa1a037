/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * How the admin client reaches the homeserver. Two implementations: `fetchTransport` (the CLI, with an
 * admin access token it read from the environment or a file) and `clientTransport` (the module, through
 * the host's logged-in MatrixClient). Both throw errors shaped like matrix-js-sdk's MatrixError
 * (`httpStatus`, `errcode`, `data`), so `describeFailure` in ../errors.ts classifies them alike.
 */

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE";

export interface AdminTransport {
    /**
     * Sends one request to `path` (absolute, starting with "/_synapse/admin" or "/_matrix") and returns
     * the parsed JSON body. Rejects with an `AdminApiError`-shaped error for any non-2xx answer.
     */
    request<T>(method: HttpMethod, path: string, body?: object): Promise<T>;
    /** Same, without the access token: for discovery endpoints such as auth metadata. */
    requestUnauthenticated<T>(method: HttpMethod, path: string): Promise<T>;
}

/** A non-2xx answer from the homeserver. Never carries the access token (it travels in a header only). */
export class AdminApiError extends Error {
    public constructor(
        public readonly httpStatus: number,
        public readonly errcode: string | undefined,
        public readonly data: { errcode?: string; error?: string; retry_after_ms?: number },
        method: string,
        path: string,
    ) {
        super(`${errcode ?? "HTTP " + httpStatus}: ${data.error ?? "no message"} (${method} ${path})`);
        this.name = "AdminApiError";
    }
}
