/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * Users and matrix-js-sdk clients for integration tests.
 *
 * - `registerUser`: the shared-secret admin registration API (HMAC-SHA1 over a fresh nonce), so tests
 *   need no open registration and can make admins.
 * - `loginDevice`: a password login, i.e. a NEW device of an existing user.
 * - `createTestClient`: a real MatrixClient with rust crypto (wasm, in memory), started and synced.
 *
 * Gotchas (see DESIGN.md "Testing"): on a fresh device wait for
 * `getCrossSigningStatus().publicKeysOnDevice` before `bootstrapCrossSigning` (`waitForCrossSigningKeys`);
 * `getKeyBackupInfo().count` is cached — ask the server; `stopClient()` leaves request-timeout timers
 * alive, which the integration test environment clears when the test file ends.
 */

import { createHmac, randomBytes } from "node:crypto";
import { createClient, ClientEvent, SyncState, type MatrixClient } from "matrix-js-sdk";
import type { SecretStorageKeyDescription } from "matrix-js-sdk/lib/secret-storage.js";
import { decodeRecoveryKey } from "matrix-js-sdk/lib/crypto-api/index.js";

import { fileLogger, routeSdkLogs, sdkLogPath } from "./sdkLog";

/** What the tests need to know about a homeserver; a `Synapse` (or a proxy in front of one) fits. */
export interface HomeserverRef {
    baseUrl: string;
    serverName: string;
    registrationSharedSecret: string;
}

export interface Credentials {
    userId: string;
    /** The localpart. */
    username: string;
    password: string;
    accessToken: string;
    deviceId: string;
}

let counter = 0;

/** A unique, valid localpart: `prefix-<counter>-<random>`. */
export function uniqueName(prefix = "user"): string {
    counter += 1;
    return `${prefix}-${counter}-${randomBytes(3).toString("hex")}`.toLowerCase();
}

async function json<T>(res: Response, what: string): Promise<T> {
    const text = await res.text();
    if (!res.ok) throw new Error(`${what} failed: ${res.status} ${text}`);
    return JSON.parse(text) as T;
}

export interface RegisterOptions {
    /** Default: a unique name. */
    username?: string;
    /** Default: a random password (returned in the credentials). */
    password?: string;
    admin?: boolean;
    displayName?: string;
}

/** Registers a user with Synapse's shared-secret admin API. The returned token is the user's first device. */
export async function registerUser(hs: HomeserverRef, options: RegisterOptions = {}): Promise<Credentials> {
    const username = options.username ?? uniqueName();
    const password = options.password ?? `pw-${randomBytes(8).toString("hex")}`;
    const admin = options.admin ?? false;
    const url = `${hs.baseUrl}/_synapse/admin/v1/register`;
    const { nonce } = await json<{ nonce: string }>(await fetch(url), "GET register nonce");
    const mac = createHmac("sha1", hs.registrationSharedSecret)
        .update([nonce, username, password, admin ? "admin" : "notadmin"].join("\0"))
        .digest("hex");
    const body = {
        nonce,
        username,
        password,
        admin,
        mac,
        ...(options.displayName ? { displayname: options.displayName } : {}),
    };
    const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
    });
    const out = await json<{ user_id: string; access_token: string; device_id: string }>(res, "register");
    return { userId: out.user_id, username, password, accessToken: out.access_token, deviceId: out.device_id };
}

/** Logs an existing user in again: a new device with its own access token. */
export async function loginDevice(
    hs: Pick<HomeserverRef, "baseUrl">,
    user: Pick<Credentials, "userId" | "password" | "username">,
    deviceName = "test device",
): Promise<Credentials> {
    const res = await fetch(`${hs.baseUrl}/_matrix/client/v3/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
            type: "m.login.password",
            identifier: { type: "m.id.user", user: user.userId },
            password: user.password,
            initial_device_display_name: deviceName,
        }),
    });
    const out = await json<{ user_id: string; access_token: string; device_id: string }>(res, "login");
    return { ...user, userId: out.user_id, accessToken: out.access_token, deviceId: out.device_id };
}

/** Calls an admin API endpoint (`path` starts with /_synapse/admin/) with an admin's token. Throws on non-2xx. */
export async function adminRequest<T = unknown>(
    hs: Pick<HomeserverRef, "baseUrl">,
    admin: Pick<Credentials, "accessToken">,
    method: string,
    path: string,
    body?: unknown,
): Promise<T> {
    const res = await fetch(`${hs.baseUrl}${path}`, {
        method,
        headers: {
            Authorization: `Bearer ${admin.accessToken}`,
            ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    return json<T>(res, `${method} ${path}`);
}

export interface TestClientOptions {
    /** Talk to this URL instead of `hs.baseUrl` (e.g. a fault proxy's). */
    baseUrl?: string;
    /** Start the client and wait for the first sync (default true). */
    start?: boolean;
    /** Set up rust crypto (default true). */
    crypto?: boolean;
    /** A recovery key this device "knows": answers secret-storage key requests (e.g. to restore). */
    recoveryKey?: string;
    /** Max wait for the first sync (default 20 s). */
    syncTimeoutMs?: number;
}

export interface TestClient {
    client: MatrixClient;
    credentials: Credentials;
    userId: string;
    deviceId: string;
    /**
     * Secret-storage keys this device knows, by key id: filled when it creates one
     * (`bootstrapSecretStorage`) or from `recoveryKey`. `getSecretStorageKey` answers from here.
     */
    secretStorageKeys: Map<string, Uint8Array<ArrayBuffer>>;
    /** Remembers a recovery key (as typed by a user) for the secret-storage callbacks. */
    useRecoveryKey(recoveryKey: string): void;
    /** Stops syncing and crypto. Idempotent. */
    stop(): Promise<void>;
}

/** Every client created in this test file and not yet stopped (for `stopAllClients`). */
const liveClients = new Set<TestClient>();

/** Creates a MatrixClient for `credentials` with rust crypto in memory, starts it and waits for the first sync. */
export async function createTestClient(
    hs: Pick<HomeserverRef, "baseUrl">,
    credentials: Credentials,
    options: TestClientOptions = {},
): Promise<TestClient> {
    // The SDK's global logger too (some modules still use it), even without setupSynapse().
    routeSdkLogs(sdkLogPath());
    const secretStorageKeys = new Map<string, Uint8Array<ArrayBuffer>>();
    let pendingRecoveryKey: Uint8Array<ArrayBuffer> | undefined = options.recoveryKey
        ? decodeRecoveryKey(options.recoveryKey)
        : undefined;

    const client = createClient({
        baseUrl: options.baseUrl ?? hs.baseUrl,
        userId: credentials.userId,
        accessToken: credentials.accessToken,
        deviceId: credentials.deviceId,
        logger: fileLogger(`${credentials.userId}/${credentials.deviceId}`),
        cryptoCallbacks: {
            getSecretStorageKey: async ({ keys }: { keys: Record<string, SecretStorageKeyDescription> }) => {
                for (const keyId of Object.keys(keys)) {
                    const known = secretStorageKeys.get(keyId);
                    if (known) return [keyId, known];
                }
                // A recovery key typed by the "user": we cannot tell its id, so offer it for the default key.
                const keyId = Object.keys(keys)[0];
                if (pendingRecoveryKey && keyId) return [keyId, pendingRecoveryKey];
                return null;
            },
            cacheSecretStorageKey: (
                keyId: string,
                _info: SecretStorageKeyDescription,
                key: Uint8Array<ArrayBuffer>,
            ) => {
                secretStorageKeys.set(keyId, key);
            },
        },
    });

    let stopped = false;
    const testClient: TestClient = {
        client,
        credentials,
        userId: credentials.userId,
        deviceId: credentials.deviceId,
        secretStorageKeys,
        useRecoveryKey(recoveryKey: string) {
            pendingRecoveryKey = decodeRecoveryKey(recoveryKey);
        },
        async stop() {
            if (stopped) return;
            stopped = true;
            liveClients.delete(testClient);
            client.stopClient();
            client.removeAllListeners();
        },
    };
    liveClients.add(testClient);

    try {
        if (options.crypto ?? true) await client.initRustCrypto({ useIndexedDB: false });
        if (options.start ?? true) await startAndSync(client, options.syncTimeoutMs ?? 20_000);
    } catch (err) {
        await testClient.stop();
        throw err;
    }
    return testClient;
}

/** Starts the client and resolves on its first PREPARED sync. */
async function startAndSync(client: MatrixClient, timeoutMs: number): Promise<void> {
    const prepared = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
            client.off(ClientEvent.Sync, onSync);
            reject(new Error(`First sync not PREPARED within ${timeoutMs} ms`));
        }, timeoutMs);
        const onSync = (state: SyncState): void => {
            if (state !== SyncState.Prepared) return;
            clearTimeout(timer);
            client.off(ClientEvent.Sync, onSync);
            resolve();
        };
        client.on(ClientEvent.Sync, onSync);
    });
    await client.startClient({ initialSyncLimit: 1, lazyLoadMembers: true });
    await prepared;
}

/**
 * Stops a client in the MIDDLE of a test (a session the user closes). matrix-js-sdk 38.3 frees its rust
 * OlmMachine on stop while a key-backup check started at login or set-up may still be in flight; that
 * check then throws "null pointer passed to rust" as an unhandled rejection, failing whichever test runs.
 * So let the check finish first (checkKeyBackupAndEnable joins the one in progress).
 */
export async function stopWhenSettled(tc: TestClient): Promise<void> {
    await tc.client
        .getCrypto()
        ?.checkKeyBackupAndEnable()
        .catch(() => null);
    await tc.stop();
}

/** Stops every client created in this test file that is still running. */
export async function stopAllClients(): Promise<void> {
    await Promise.all([...liveClients].map((c) => c.stop()));
}

/**
 * Waits until this device has downloaded its user's public cross-signing keys (needed before
 * `bootstrapCrossSigning` on a second device, or the import from secret storage fails).
 */
export async function waitForCrossSigningKeys(tc: TestClient, timeoutMs = 10_000): Promise<void> {
    const crypto = tc.client.getCrypto();
    if (!crypto) throw new Error("Client has no crypto");
    await crypto.getUserDeviceInfo([tc.userId], true);
    const deadline = Date.now() + timeoutMs;
    while (!(await crypto.getCrossSigningStatus()).publicKeysOnDevice) {
        if (Date.now() > deadline)
            throw new Error(`No public cross-signing keys on ${tc.deviceId} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

/** Registers a fresh user and returns a started client for its first device. */
export async function newUserWithClient(
    hs: HomeserverRef,
    options: RegisterOptions & TestClientOptions = {},
): Promise<TestClient> {
    const credentials = await registerUser(hs, options);
    return createTestClient(hs, credentials, options);
}
