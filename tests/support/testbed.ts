/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * `setupSynapse()`: one real Synapse per test FILE, wired into jest's hooks, with fresh users per test.
 *
 *     const bed = setupSynapse();
 *     it("adds an email", async () => {
 *         const alice = await bed.newClient();
 *         ...
 *         const mail = await bed.mailSink.waitForMail("alice@example.org");
 *     });
 *
 * beforeAll starts Synapse (and its mail sink) and routes SDK logs into its temp folder; afterEach
 * stops the clients the test created and, if the test failed, prints the Synapse log lines written
 * during that test; afterAll stops Synapse and keeps its folder if anything in the file failed.
 */

import { join } from "node:path";

import {
    adminRequest,
    createTestClient,
    loginDevice,
    registerUser,
    stopAllClients,
    type Credentials,
    type RegisterOptions,
    type TestClient,
    type TestClientOptions,
} from "./clients";
import { startFaultProxy, type FaultProxy } from "./faultProxy";
import type { MailSink } from "./mailSink";
import { routeSdkLogs, sdkLogPath } from "./sdkLog";
import { startSynapse, type Synapse, type SynapseOptions } from "./synapse";

interface TestbedState {
    failures: number;
    currentTest?: string;
}

/** Set by tests/support/integrationEnvironment.js; absent under another environment. */
function testbedState(): TestbedState | undefined {
    return (globalThis as { __testbed?: TestbedState }).__testbed;
}

export interface TestBed {
    /** The running Synapse (throws before beforeAll ran). */
    readonly synapse: Synapse;
    readonly baseUrl: string;
    /** The mail sink (throws when started with `email: false`). */
    readonly mailSink: MailSink;
    /** Registers a fresh user (shared-secret API). */
    registerUser(options?: RegisterOptions): Promise<Credentials>;
    /** Logs the user in again: a new device. */
    loginDevice(user: Credentials, deviceName?: string): Promise<Credentials>;
    /** A started client (rust crypto, first sync done) for these credentials; stopped after the test. */
    createClient(credentials: Credentials, options?: TestClientOptions): Promise<TestClient>;
    /** A fresh user and a started client for its first device. */
    newClient(options?: RegisterOptions & TestClientOptions): Promise<TestClient>;
    /** A second (third...) started device of the same user. */
    newDevice(of: TestClient | Credentials, options?: TestClientOptions & { deviceName?: string }): Promise<TestClient>;
    /** A fresh admin user (cached for the file). */
    admin(): Promise<Credentials>;
    /** Calls /_synapse/admin/... as the file's admin user. */
    adminRequest<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
    /** A fault-injecting proxy in front of this Synapse; closed after the test. */
    faultProxy(): Promise<FaultProxy>;
}

export function setupSynapse(options: SynapseOptions = {}): TestBed {
    let synapse: Synapse | undefined;
    let admin: Credentials | undefined;
    let failuresBefore = 0;
    let logOffset = 0;
    const proxies = new Set<FaultProxy>();

    const running = (): Synapse => {
        if (!synapse) throw new Error("Synapse is not running: use the test bed inside tests/hooks");
        return synapse;
    };

    beforeAll(async () => {
        synapse = await startSynapse(options);
        routeSdkLogs(join(synapse.dir, "sdk.log"));
        if (process.env.TESTBED_TIMINGS) console.info(`Synapse ready in ${synapse.readyMs} ms (${synapse.baseUrl})`);
    }, 60_000);

    beforeEach(() => {
        failuresBefore = testbedState()?.failures ?? 0;
        logOffset = synapse ? synapse.logs.read().length : 0;
    });

    afterEach(async () => {
        await stopAllClients();
        await Promise.all([...proxies].map((p) => p.close()));
        proxies.clear();
        const state = testbedState();
        if (synapse && state && state.failures > failuresBefore) {
            const lines = synapse.logs.read().slice(logOffset).trimEnd().split("\n");
            console.error(
                [
                    `Test failed: "${state.currentTest ?? "?"}". Synapse log during the test ` +
                        `(last ${Math.min(lines.length, 150)} of ${lines.length} lines; full: ${synapse.logs.path}; ` +
                        `SDK log: ${sdkLogPath()}):`,
                    ...lines.slice(-150),
                ].join("\n"),
            );
        }
    });

    afterAll(async () => {
        await stopAllClients();
        const failed = (testbedState()?.failures ?? 0) > 0;
        if (synapse) {
            if (failed) console.error(`Kept the Synapse folder of this failing file: ${synapse.dir}`);
            await synapse.stop({ keepDir: failed });
        }
        synapse = undefined;
        admin = undefined;
    }, 30_000);

    const bed: TestBed = {
        get synapse() {
            return running();
        },
        get baseUrl() {
            return running().baseUrl;
        },
        get mailSink() {
            const sink = running().mailSink;
            if (!sink) throw new Error("This Synapse was started with email: false");
            return sink;
        },
        registerUser: (opts) => registerUser(running(), opts),
        loginDevice: (user, deviceName) => loginDevice(running(), user, deviceName),
        createClient: (credentials, opts) => createTestClient(running(), credentials, opts),
        async newClient(opts = {}) {
            const credentials = await registerUser(running(), opts);
            return createTestClient(running(), credentials, opts);
        },
        async newDevice(of, opts = {}) {
            const user = "credentials" in of ? of.credentials : of;
            const credentials = await loginDevice(running(), user, opts.deviceName);
            return createTestClient(running(), credentials, opts);
        },
        async admin() {
            admin ??= await registerUser(running(), { admin: true, username: `admin-${Date.now()}` });
            return admin;
        },
        async adminRequest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
            return adminRequest<T>(running(), await bed.admin(), method, path, body);
        },
        async faultProxy() {
            const proxy = await startFaultProxy(running().baseUrl);
            proxies.add(proxy);
            return proxy;
        },
    };
    return bed;
}
