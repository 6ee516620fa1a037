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
    | "server"
    /**
     * Not the homeserver at all: a TypeError, ReferenceError or any error we do not recognise, i.e. a
     * bug in the module or in how it meets the host's client (e.g. a method an older matrix-js-sdk
     * lacks). Shown as "Something went wrong in Account security" with `code`, never as a network
     * problem; the stack goes to the console once (see reportBug).
     */
    | "bug";

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
    /** For bugs: a short code (e.g. "TE-3k9x") naming the error in the console log, for support. */
    code?: string;
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

/**
 * fetch() rejects with a TypeError when the connection fails, worded by the runtime: "fetch failed"
 * (Node), "Failed to fetch" (Chromium), "NetworkError when attempting to fetch resource." (Firefox),
 * "Load failed" (Safari). Every other TypeError is a bug ("x is not a function").
 */
const FETCH_FAILED =
    /^(fetch failed|failed to fetch|networkerror when attempting to fetch resource\.?|load failed|network ?error)$/i;

/** Gateway answers: the proxy in front of the homeserver could not reach it. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

/** Classifies anything a matrix-js-sdk call (or `withTimeout`) can throw. */
export function describeFailure(error: unknown): Failure {
    const e = (typeof error === "object" && error !== null ? error : {}) as ErrorShape;
    const errcode = typeof e.errcode === "string" ? e.errcode : undefined;
    const httpStatus = typeof e.httpStatus === "number" ? e.httpStatus : undefined;
    const message = typeof e.message === "string" ? e.message : String(error);

    if (e.name === "TimeoutError" || e.name === "AbortError") return { kind: "timeout", detail: message };
    // The SDK wraps a failed fetch in ConnectionError; raw fetch (admin transport) rejects with a TypeError.
    if (e.name === "ConnectionError" || (e.name === "TypeError" && FETCH_FAILED.test(message.trim()))) {
        return { kind: "unreachable", detail: message };
    }
    if (httpStatus !== undefined && GATEWAY_STATUSES.has(httpStatus)) {
        return { kind: "unreachable", errcode, httpStatus, detail: `HTTP ${httpStatus}` };
    }
    if (httpStatus === undefined && !errcode) {
        // No answer from the homeserver and no network failure either: our bug, or the host client's.
        const code = reportBug(error);
        return { kind: "bug", code, detail: code };
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

const reported = new WeakSet<object>();

/** A short code for a bug: the error's kind and a hash of its (scrubbed) message, e.g. "TE-3k9x". */
export function bugCode(error: unknown): string {
    const name = error instanceof Error ? error.name : typeof error;
    const initials = name.replace(/[^A-Z]/g, "").slice(0, 3) || "ER";
    const text = `${name}: ${scrubSecrets(error instanceof Error ? error.message : String(error))}`;
    let hash = 0x811c9dc5; // FNV-1a, 32 bits: stable across users, so one bug has one code
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return `${initials}-${(hash >>> 0).toString(36).slice(-4).padStart(4, "0")}`;
}

/** A long run of mixed-case letters and digits, not a file path (a path has a "/" every few characters). */
function looksRandom(run: string): boolean {
    const slashes = run.split("/").length - 1;
    return /[0-9]/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run) && slashes * 12 < run.length;
}

/**
 * Removes what could be a secret from text bound for a log: recovery keys,
 * long base64/hex runs (keys, ciphertexts, tokens), Synapse access tokens, `password`/`token`
 * parameters. Our error messages never contain secrets; this is for errors thrown below us.
 */
export function scrubSecrets(text: string): string {
    return (
        text
            // A recovery key: 48 base58 characters, in groups of 4 or not, always starting "Es" (its prefix bytes).
            .replace(/\bEs[1-9A-HJ-NP-Za-km-z]{2}(?:\s?[1-9A-HJ-NP-Za-km-z]{4}){11}\b/g, "[redacted key]")
            .replace(/\bsy[tr]_[A-Za-z0-9_-]+/g, "[redacted token]")
            .replace(
                /((?:password|passphrase|token|secret|access_token|client_secret)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi,
                "$1[redacted]",
            )
            .replace(/[A-Za-z0-9+/_-]{32,}={0,2}/g, (run) => (looksRandom(run) ? "[redacted]" : run))
    );
}

/**
 * Logs a bug ONCE (however many view-models see the same error) with its stack, scrubbed of anything
 * that could be a secret, and returns its short code (shown to the user, so the two can be matched).
 */
export function reportBug(error: unknown): string {
    const code = bugCode(error);
    if (typeof error === "object" && error !== null) {
        if (reported.has(error)) return code;
        reported.add(error);
    }
    const stack = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    console.error(`[account-security] Something went wrong in Account security (${code}):\n${scrubSecrets(stack)}`);
    return code;
}

/**
 * For a catch that shows nothing (a courtesy such as a reminder, a name lookup): a bug must still be
 * seen, so it is logged once (as describeFailure does); network problems stay silent.
 */
export function reportIfBug(error: unknown): void {
    describeFailure(error);
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

/** A bug (see FailureKind "bug"), as plain data a view can word: "Something went wrong in Account security". */
export type BugProblem = { kind: "bug"; code: string };

/** The BugProblem for `failure`, or null when it is not a bug. */
export function bugProblem(failure: Failure): BugProblem | null {
    return failure.kind === "bug" ? { kind: "bug", code: failure.code ?? bugCode(failure.detail) } : null;
}

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
        case "bug":
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
