/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Homeserver failures in the terms a user cares about. matrix-js-sdk is a type-only dependency of
 * the bundle (we use the host's client, never a second copy of the SDK), so errors are recognised
 * by shape, not with `instanceof`.
 */

export type FailureKind =
    /** No answer at all: offline, DNS, connection refused or dropped. */
    | "unreachable"
    /** The homeserver did not answer within our time limit. */
    | "timeout"
    /** 429 M_LIMIT_EXCEEDED; `retryAfterMs` says how long to wait when the server told us. */
    | "rate_limited"
    /** Any other error the homeserver returned (4xx/5xx); `errcode` has the Matrix code if any. */
    | "server";

export interface Failure {
    kind: FailureKind;
    /** The Matrix error code (M_THREEPID_IN_USE, …) when the server sent one. */
    errcode?: string;
    /** HTTP status when there was a response. */
    httpStatus?: number;
    /** For rate limits: how long to wait, in milliseconds. */
    retryAfterMs?: number;
    /** Short technical detail for the "Something went wrong (…)" message; never contains secrets. */
    detail: string;
}

/** Thrown by `withTimeout` when the homeserver takes longer than we are willing to wait. */
export class TimeoutError extends Error {
    public constructor(public readonly afterMs: number) {
        super(`No answer after ${Math.round(afterMs / 1000)} s`);
        this.name = "TimeoutError";
    }
}

interface ErrorShape {
    name?: unknown;
    errcode?: unknown;
    httpStatus?: unknown;
    message?: unknown;
    data?: { retry_after_ms?: unknown; errcode?: unknown };
    getRetryAfterMs?: () => number | null;
}

/** Classifies anything a matrix-js-sdk call (or `withTimeout`) can throw. */
export function describeFailure(error: unknown): Failure {
    const e = (typeof error === "object" && error !== null ? error : {}) as ErrorShape;
    const errcode = typeof e.errcode === "string" ? e.errcode : undefined;
    const httpStatus = typeof e.httpStatus === "number" ? e.httpStatus : undefined;
    const message = typeof e.message === "string" ? e.message : String(error);

    if (e.name === "TimeoutError" || e.name === "AbortError") return { kind: "timeout", detail: message };
    if (e.name === "ConnectionError" || e.name === "TypeError" || (httpStatus === undefined && !errcode)) {
        // fetch() rejects with TypeError when the connection fails; the SDK wraps it in ConnectionError.
        return { kind: "unreachable", detail: message };
    }
    if (httpStatus === 429 || errcode === "M_LIMIT_EXCEEDED") {
        let retryAfterMs: number | undefined;
        try {
            retryAfterMs = e.getRetryAfterMs?.() ?? undefined;
        } catch {
            retryAfterMs = undefined;
        }
        if (retryAfterMs === undefined && typeof e.data?.retry_after_ms === "number")
            retryAfterMs = e.data.retry_after_ms;
        return { kind: "rate_limited", errcode, httpStatus, retryAfterMs, detail: message };
    }
    return {
        kind: "server",
        errcode,
        httpStatus,
        detail: errcode ? `${errcode}, HTTP ${httpStatus ?? "?"}` : `HTTP ${httpStatus}`,
    };
}

/**
 * The failures every section words alike (no answer, too slow, rate limited), as plain data a
 * view-model can hand to its view. Part of each section's own problem union.
 */
export type NetworkProblem =
    /** No answer: offline, DNS, connection refused. */
    | { kind: "unreachable" }
    /** The homeserver did not answer in time. */
    | { kind: "timeout" }
    /** 429: `retryAfterMs` when the server said how long to wait. */
    | { kind: "rate_limited"; retryAfterMs: number | null };

/** The NetworkProblem for `failure`, or null when the homeserver answered with an error of its own. */
export function networkProblem(failure: Failure): NetworkProblem | null {
    switch (failure.kind) {
        case "unreachable":
            return { kind: "unreachable" };
        case "timeout":
            return { kind: "timeout" };
        case "rate_limited":
            return { kind: "rate_limited", retryAfterMs: failure.retryAfterMs ?? null };
        case "server":
            return null;
    }
}

/** Default time we wait for one homeserver request before telling the user it is too slow. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Rejects with TimeoutError if `promise` has not settled after `ms`. The request itself may still
 * finish later; callers must treat a late result as stale. Keeps every spinner bounded.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number = DEFAULT_TIMEOUT_MS): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
