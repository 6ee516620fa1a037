/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { describeFailure, withTimeout, DEFAULT_TIMEOUT_MS } from "../errors";
import { canonicalAddress } from "../email/address";
import type { AdminTransport, HttpMethod } from "./transport";
import type { PostureDevice } from "./posture";
import type { AdminUser, DelegationInfo, PutUserBody } from "./types";

/** One page of GET /_synapse/admin/v2/users (fields we use). */
export interface UserListPage {
    users: Array<{ name: string; deactivated?: boolean; is_guest?: boolean }>;
    /** The `from` of the next page; absent on the last page. */
    next_token?: string | number;
    total?: number;
}

/** The answer of POST /_matrix/client/v3/keys/query (fields we use). */
export interface KeysQueryAnswer {
    device_keys?: Record<string, Record<string, { signatures?: Record<string, Record<string, string>> }>>;
    master_keys?: Record<string, { keys?: Record<string, string> }>;
    self_signing_keys?: Record<string, { keys?: Record<string, string> }>;
    failures?: Record<string, unknown>;
}

export interface AdminApiOptions {
    /** Longest wait for one request (the CLI's fetch transport also aborts it). Default DEFAULT_TIMEOUT_MS. */
    timeoutMs?: number;
    /** How many times a request answered with 429 is retried before the error is passed on. Default 8. */
    maxRateLimitRetries?: number;
    /**
     * Longest single wait for a 429, whatever `retry_after_ms` the server (or anything pretending to be
     * it) asks for. Default 60 s.
     */
    maxRetryAfterMs?: number;
    /** Longest total time this client waits out 429s before it gives up and passes the error on. Default 15 min. */
    maxTotalRateLimitWaitMs?: number;
    /** Told about every 429 we wait out (the CLI counts them for its summary). */
    onRateLimited?: (waitMs: number) => void;
    /** Injectable for tests. */
    sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether an error is the homeserver saying "there is no such thing" (user, address owner). */
function isNotFound(error: unknown): boolean {
    const failure = describeFailure(error);
    return failure.kind === "server" && failure.httpStatus === 404 && failure.errcode === "M_NOT_FOUND";
}

/**
 * A small typed client for the parts of Synapse's Admin API that provision email addresses
 * (docs/admin_api/user_admin_api.md in Synapse). Read-only methods never change anything; the only
 * writing method is `putUser`, and callers should reach it through `provision.ts`, which makes it safe.
 */
export class SynapseAdminApi {
    private readonly timeoutMs: number;
    private readonly maxRetries: number;
    private readonly sleep: (ms: number) => Promise<void>;
    private readonly maxRetryAfterMs: number;
    private readonly maxTotalWaitMs: number;
    /** 429 waiting so far, across every request of this client (the total cap is per run). */
    private waitedMs = 0;

    public constructor(
        private readonly transport: AdminTransport,
        private readonly options: AdminApiOptions = {},
    ) {
        this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        this.maxRetries = options.maxRateLimitRetries ?? 8;
        this.sleep = options.sleep ?? defaultSleep;
        this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
        this.maxTotalWaitMs = options.maxTotalRateLimitWaitMs ?? 15 * 60_000;
    }

    /**
     * One request, bounded in time, with 429 answers waited out as the server asks (retry_after_ms,
     * else one second, doubling). Other errors are thrown unchanged for describeFailure.
     */
    private async call<T>(method: HttpMethod, path: string, body?: object): Promise<T> {
        for (let attempt = 0; ; attempt++) {
            try {
                return await withTimeout(this.transport.request<T>(method, path, body), this.timeoutMs);
            } catch (error) {
                const failure = describeFailure(error);
                if (failure.kind !== "rate_limited" || attempt >= this.maxRetries) throw error;
                // A server may ask for any wait (a bug, or a hostile proxy asking for years): bounded
                // per wait, and in total, after which the 429 is passed on like any other failure.
                const asked = failure.retryAfterMs;
                const waitMs = Math.min(
                    typeof asked === "number" && Number.isFinite(asked) && asked >= 0
                        ? asked
                        : Math.min(1000 * 2 ** attempt, 30_000),
                    this.maxRetryAfterMs,
                );
                if (this.waitedMs + waitMs > this.maxTotalWaitMs) throw error;
                this.waitedMs += waitMs;
                this.options.onRateLimited?.(waitMs);
                await this.sleep(waitMs);
            }
        }
    }

    /** The user the token belongs to. */
    public async whoami(): Promise<string> {
        const body = await this.call<{ user_id: string }>("GET", "/_matrix/client/v3/account/whoami");
        return body.user_id;
    }

    /**
     * Whether `userId` is a server admin. Throws 403 M_FORBIDDEN ("You are not a server admin") when
     * the token's owner is not one, and 404 M_UNRECOGNIZED on a server that delegates auth to MAS,
     * which does not offer this endpoint.
     */
    public async isAdmin(userId: string): Promise<boolean> {
        const body = await this.call<{ admin: boolean }>(
            "GET",
            `/_synapse/admin/v1/users/${encodeURIComponent(userId)}/admin`,
        );
        return body.admin === true;
    }

    /** The account, or null when there is none. */
    public async getUser(userId: string): Promise<AdminUser | null> {
        try {
            const user = await this.call<AdminUser>("GET", `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`);
            return { ...user, threepids: Array.isArray(user.threepids) ? user.threepids : [] };
        } catch (error) {
            if (isNotFound(error)) return null;
            throw error;
        }
    }

    /** The account that owns `address` (canonicalised first), or null when none does. */
    public async emailOwner(address: string): Promise<string | null> {
        try {
            const body = await this.call<{ user_id: string }>(
                "GET",
                `/_synapse/admin/v1/threepid/email/users/${encodeURIComponent(canonicalAddress(address))}`,
            );
            return body.user_id;
        } catch (error) {
            if (isNotFound(error)) return null;
            throw error;
        }
    }

    /**
     * One page of local accounts, sorted by name: not deactivated, no guests, locked ones included
     * (Synapse leaves locked accounts out unless asked; they are still accounts to protect).
     */
    public async listUsers(from: string | number, limit: number): Promise<UserListPage> {
        const query = new URLSearchParams({
            from: String(from),
            limit: String(limit),
            guests: "false",
            deactivated: "false",
            locked: "true",
        });
        const page = await this.call<UserListPage>("GET", `/_synapse/admin/v2/users?${query}`);
        return { ...page, users: Array.isArray(page.users) ? page.users : [] };
    }

    /** The account's devices (sessions), with when each was last seen. */
    public async getDevices(userId: string): Promise<PostureDevice[]> {
        const body = await this.call<{ devices?: PostureDevice[] }>(
            "GET",
            `/_synapse/admin/v2/users/${encodeURIComponent(userId)}/devices`,
        );
        return Array.isArray(body.devices) ? body.devices : [];
    }

    /**
     * The account's global account data. Callers must only test what exists (see posture.ts): the
     * answer includes encrypted secrets, which are never to be printed or kept.
     */
    public async getGlobalAccountData(userId: string): Promise<Record<string, unknown>> {
        const body = await this.call<{ account_data?: { global?: Record<string, unknown> } }>(
            "GET",
            `/_synapse/admin/v1/users/${encodeURIComponent(userId)}/accountdata`,
        );
        const global = body.account_data?.global;
        return typeof global === "object" && global !== null ? global : {};
    }

    /** The published device and cross-signing keys of `userIds`, with the caller's own token (client API). */
    public async queryKeys(userIds: readonly string[]): Promise<KeysQueryAnswer> {
        const deviceKeys = Object.fromEntries(userIds.map((id) => [id, [] as string[]]));
        return this.call<KeysQueryAnswer>("POST", "/_matrix/client/v3/keys/query", {
            device_keys: deviceKeys,
            timeout: 10_000,
        });
    }

    /**
     * Creates or modifies an account. Beware: `threepids` REPLACES the whole list and silently moves an
     * address another account owns. Use `provision.ts`, which merges and checks ownership first.
     */
    public async putUser(userId: string, body: PutUserBody): Promise<AdminUser> {
        return this.call<AdminUser>("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, body);
    }

    /**
     * Whether accounts are managed by an external provider (MAS / OIDC, MSC3861). Such a server
     * publishes auth metadata (stable v1 endpoint, or MSC2965's unstable ones on older servers) and
     * does not let Synapse's Admin API own email addresses. Unauthenticated and read-only.
     */
    public async detectDelegation(): Promise<DelegationInfo> {
        const candidates = [
            "/_matrix/client/v1/auth_metadata",
            "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata",
        ];
        for (const path of candidates) {
            try {
                const metadata = await withTimeout(
                    this.transport.requestUnauthenticated<{ issuer?: string; account_management_uri?: string }>(
                        "GET",
                        path,
                    ),
                    this.timeoutMs,
                );
                if (typeof metadata.issuer === "string") {
                    return {
                        delegated: true,
                        issuer: metadata.issuer,
                        // Shown as a link: only an http(s) page, never javascript:/data: from the server.
                        accountManagementUri:
                            typeof metadata.account_management_uri === "string" &&
                            /^https?:\/\//i.test(metadata.account_management_uri)
                                ? metadata.account_management_uri
                                : undefined,
                    };
                }
            } catch (error) {
                // 404 (not delegated, or an older server without this path) or 400/405: try the next one.
                if (describeFailure(error).kind !== "server") throw error;
            }
        }
        try {
            // The oldest form of MSC2965 only named the issuer.
            const body = await withTimeout(
                this.transport.requestUnauthenticated<{ issuer?: string }>(
                    "GET",
                    "/_matrix/client/unstable/org.matrix.msc2965/auth_issuer",
                ),
                this.timeoutMs,
            );
            if (typeof body.issuer === "string") return { delegated: true, issuer: body.issuer };
        } catch (error) {
            if (describeFailure(error).kind !== "server") throw error;
        }
        return { delegated: false };
    }
}
