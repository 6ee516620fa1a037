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
export interface FetchTransportOptions {
    /** Longest wait for one answer. Default 30 s. */
    timeoutMs?: number;
    /**
     * Largest answer read, in bytes. The largest legitimate one is a page of the account list or an
     * account's account data; anything far bigger is a broken or hostile server, and is not buffered.
     * Default 32 MiB.
     */
    maxResponseBytes?: number;
}

/** An answer larger than `maxResponseBytes`: described as a server failure, never buffered whole. */
export class ResponseTooLargeError extends Error {
    public readonly httpStatus: number;
    public readonly errcode = "M_TOO_LARGE";
    public readonly data: { errcode: string; error: string };
    public constructor(status: number, limit: number, method: string, path: string) {
        super(`the answer to ${method} ${path} is larger than ${limit} bytes; not read`);
        this.name = "ResponseTooLargeError";
        this.httpStatus = status;
        this.data = { errcode: this.errcode, error: this.message };
    }
}

/** Reads the body as text, stopping (and cancelling the download) once it exceeds `limit` bytes. */
async function readCapped(response: Response, limit: number, method: string, path: string): Promise<string> {
    const declared = Number(response.headers.get("Content-Length"));
    if (Number.isFinite(declared) && declared > limit) {
        await response.body?.cancel().catch(() => undefined);
        throw new ResponseTooLargeError(response.status, limit, method, path);
    }
    if (!response.body) return "";
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > limit) {
            await reader.cancel().catch(() => undefined);
            throw new ResponseTooLargeError(response.status, limit, method, path);
        }
        chunks.push(value);
    }
    const all = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
        all.set(chunk, offset);
        offset += chunk.byteLength;
    }
    return new TextDecoder().decode(all);
}

export function fetchTransport(
    homeserverUrl: string,
    accessToken: string,
    options: FetchTransportOptions = {},
): AdminTransport {
    const base = homeserverUrl.replace(/\/+$/, "");
    const timeoutMs = options.timeoutMs ?? 30_000;
    const maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;

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
            // Never follow a redirect: fetch would resend the request (and its Authorization header,
            // on the same origin) wherever the answer points. A redirect fails the request instead.
            redirect: "error",
        });
        const text = await readCapped(response, maxResponseBytes, method, path);
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
