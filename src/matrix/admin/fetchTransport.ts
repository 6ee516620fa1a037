/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { AdminApiError, type AdminTransport, type HttpMethod } from "./transport";

/**
 * A transport over the platform's `fetch` (Node 22 or a browser) for the command-line tool. The token
 * is kept in this closure only: it is sent in the Authorization header and appears in no URL, error
 * message or log line.
 */
export function fetchTransport(homeserverUrl: string, accessToken: string, timeoutMs = 30_000): AdminTransport {
    const base = homeserverUrl.replace(/\/+$/, "");

    async function send<T>(method: HttpMethod, path: string, body: object | undefined, token: string | null) {
        const headers: Record<string, string> = { Accept: "application/json" };
        if (token !== null) headers.Authorization = `Bearer ${token}`;
        if (body !== undefined) headers["Content-Type"] = "application/json";
        const response = await fetch(base + path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            // Bounds every request, like withTimeout does in the module; describeFailure maps the
            // resulting TimeoutError/AbortError to "timeout".
            signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        let parsed: unknown = {};
        try {
            parsed = text ? JSON.parse(text) : {};
        } catch {
            parsed = { error: text.slice(0, 200) };
        }
        if (!response.ok) {
            const data = (typeof parsed === "object" && parsed !== null ? parsed : {}) as {
                errcode?: string;
                error?: string;
                retry_after_ms?: number;
            };
            const retryAfter = response.headers.get("Retry-After");
            if (data.retry_after_ms === undefined && retryAfter && /^\d+$/.test(retryAfter)) {
                data.retry_after_ms = Number(retryAfter) * 1000;
            }
            throw new AdminApiError(response.status, data.errcode, data, method, path);
        }
        return parsed as T;
    }

    return {
        request: (method, path, body) => send(method, path, body, accessToken),
        requestUnauthenticated: (method, path) => send(method, path, undefined, null),
    };
}
