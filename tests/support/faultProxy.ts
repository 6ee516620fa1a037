/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * An HTTP proxy on 127.0.0.1 between a client and Synapse that injects faults per request:
 * delay, an error status (5xx...), 429 with `retry_after_ms`, or a dropped connection.
 *
 *     const proxy = await startFaultProxy(bed.baseUrl);
 *     const alice = await bed.newClient({ baseUrl: proxy.baseUrl });
 *     const rule = proxy.addRule({ path: "/account/3pid", method: "GET", respond: { status: 500 } });
 *     await expect(alice.client.getThreePids()).rejects.toMatchObject({ httpStatus: 500 });
 *     expect(rule.matches).toBe(1);
 *
 * Rules are checked in the order they were added; the first that matches (and has `times` left) acts.
 * Everything else is forwarded untouched. Synapse's own URL in login / registration / well-known
 * answers and in `Location` headers is rewritten to the proxy's, so a client that follows them
 * stays behind the proxy.
 */

import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FaultRule {
    /**
     * A string matches when the request path (without query) contains it; a RegExp is tested on
     * path+query; a function is asked with the method and path+query.
     */
    path: string | RegExp | ((method: string, url: string) => boolean);
    /** HTTP method (case-insensitive); any method when absent. */
    method?: string;
    /** Act on at most this many matching requests, then let them through (default: every one). */
    times?: number;
    /** Wait this long first. Alone, the request is then forwarded (a slow server). */
    delayMs?: number;
    /** Answer with this instead of forwarding. `body` defaults to a Matrix error JSON. */
    respond?: { status: number; body?: unknown; headers?: Record<string, string> };
    /** Answer 429 M_LIMIT_EXCEEDED with this `retry_after_ms` (and a Retry-After header). */
    rateLimit?: { retryAfterMs: number };
    /** Destroy the connection without an answer (the client sees a network error). */
    drop?: boolean;
    /**
     * Forward the request (Synapse carries it out), then lose Synapse's answer: answer with this
     * status instead, or destroy the connection ("drop"). The change is made, the client hears a failure.
     */
    afterForward?: { status: number } | "drop";
}

export interface RuleHandle {
    readonly rule: FaultRule;
    /** How many requests this rule acted on so far. */
    readonly matches: number;
    remove(): void;
}

export interface ProxiedRequest {
    method: string;
    /** Path with query. */
    url: string;
    /** Response status, or "dropped". */
    status: number | "dropped";
    /** Whether a rule acted on it. */
    faulted: boolean;
}

export interface FaultProxy {
    /** e.g. http://127.0.0.1:41234 — give this to the client instead of Synapse's URL. */
    baseUrl: string;
    target: string;
    addRule(rule: FaultRule): RuleHandle;
    clearRules(): void;
    /** Every request seen, oldest first (for "the client retried twice" assertions). */
    readonly requests: readonly ProxiedRequest[];
    close(): Promise<void>;
}

interface LiveRule {
    rule: FaultRule;
    matches: number;
}

/** Paths whose JSON answers may carry Synapse's own base URL (login well_known, auth metadata...). */
const REWRITE_BODY = /\/(login|register|\.well-known\/matrix\/client|auth_metadata)(\/|\?|$)/;

function matches(rule: FaultRule, method: string, url: string): boolean {
    if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
    const path = url.split("?")[0] ?? url;
    if (typeof rule.path === "function") return rule.path(method.toUpperCase(), url);
    return typeof rule.path === "string" ? path.includes(rule.path) : rule.path.test(url);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(text),
        ...headers,
    });
    res.end(text);
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
    const targetUrl = new URL(target);
    const targetBase = target.replace(/\/+$/, "");
    const rules: LiveRule[] = [];
    const requests: ProxiedRequest[] = [];
    let baseUrl = "";

    const rewrite = (text: string): string => text.split(targetBase).join(baseUrl);

    const forward = (
        req: IncomingMessage,
        res: ServerResponse,
        log: ProxiedRequest,
        afterForward?: FaultRule["afterForward"],
    ): void => {
        const url = req.url ?? "/";
        const upstream = httpRequest(
            {
                host: targetUrl.hostname,
                port: targetUrl.port,
                method: req.method,
                path: url,
                headers: { ...req.headers, host: targetUrl.host },
            },
            (up) => {
                if (afterForward) {
                    // Let Synapse finish, then lose its answer.
                    up.resume();
                    up.on("end", () => {
                        if (afterForward === "drop") {
                            log.status = "dropped";
                            req.socket.destroy();
                        } else {
                            log.status = afterForward.status;
                            sendJson(res, afterForward.status, {
                                errcode: "M_UNKNOWN",
                                error: `fault proxy: ${afterForward.status} after forwarding`,
                            });
                        }
                    });
                    return;
                }
                log.status = up.statusCode ?? 502;
                const headers = { ...up.headers };
                if (typeof headers.location === "string") headers.location = rewrite(headers.location);
                const json = String(headers["content-type"] ?? "").includes("json");
                if (!(json && REWRITE_BODY.test(url))) {
                    res.writeHead(up.statusCode ?? 502, headers);
                    up.pipe(res);
                    return;
                }
                const chunks: Buffer[] = [];
                up.on("data", (c: Buffer) => chunks.push(c));
                up.on("end", () => {
                    const body = rewrite(Buffer.concat(chunks).toString("utf8"));
                    delete headers["content-length"];
                    delete headers["transfer-encoding"];
                    res.writeHead(up.statusCode ?? 502, { ...headers, "content-length": Buffer.byteLength(body) });
                    res.end(body);
                });
            },
        );
        upstream.on("error", () => {
            log.status = 502;
            if (!res.headersSent) sendJson(res, 502, { errcode: "M_UNKNOWN", error: "fault proxy: upstream error" });
            else res.destroy();
        });
        req.pipe(upstream);
    };

    const server = createServer((req, res) => {
        const method = req.method ?? "GET";
        const url = req.url ?? "/";
        const log: ProxiedRequest = { method, url, status: 0, faulted: false };
        requests.push(log);

        const live = rules.find((r) => matches(r.rule, method, url) && (r.rule.times ?? Infinity) > r.matches);
        if (!live) return forward(req, res, log);
        live.matches += 1;
        log.faulted = true;
        const { rule } = live;

        const act = (): void => {
            if (rule.drop) {
                log.status = "dropped";
                req.socket.destroy();
            } else if (rule.rateLimit) {
                log.status = 429;
                const ms = rule.rateLimit.retryAfterMs;
                sendJson(
                    res,
                    429,
                    { errcode: "M_LIMIT_EXCEEDED", error: "Too Many Requests (fault proxy)", retry_after_ms: ms },
                    { "Retry-After": String(Math.ceil(ms / 1000)) },
                );
            } else if (rule.respond) {
                const { status, body, headers } = rule.respond;
                log.status = status;
                sendJson(res, status, body ?? { errcode: "M_UNKNOWN", error: `fault proxy: ${status}` }, headers);
            } else {
                forward(req, res, log, rule.afterForward);
            }
        };
        // Drain the request body so a faulted answer does not leave the client writing into the void.
        if (rule.delayMs) {
            const timer = setTimeout(act, rule.delayMs);
            res.on("close", () => clearTimeout(timer));
            if (rule.respond || rule.rateLimit || rule.drop) req.resume();
        } else {
            if (rule.respond || rule.rateLimit || rule.drop) req.resume();
            act();
        }
    });
    server.on("clientError", (_err, socket) => socket.destroy());

    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    return {
        baseUrl,
        target: targetBase,
        requests,
        addRule(rule) {
            const live: LiveRule = { rule, matches: 0 };
            rules.push(live);
            return {
                rule,
                get matches() {
                    return live.matches;
                },
                remove() {
                    const i = rules.indexOf(live);
                    if (i >= 0) rules.splice(i, 1);
                },
            };
        },
        clearRules() {
            rules.length = 0;
        },
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}
