/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * A real Synapse for integration tests: pinned version from the project venv, fresh config and
 * SQLite database in a temp folder, 127.0.0.1 on a free port, mail to an in-process SMTP sink.
 *
 * Synapse is always stopped: `stop()` kills its whole process group; the kernel SIGKILLs it when the
 * test process dies, however it dies (PR_SET_PDEATHSIG, set in a tiny Python wrapper before exec-ing
 * Synapse) — this is what holds under jest, whose sandbox does not run a test file's exit handlers;
 * in a plain Node script a process-wide registry also kills every running server on exit and signals.
 */

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { startMailSink, type MailSink } from "./mailSink";

export const REPO_ROOT = resolve(__dirname, "../..");
export const SYNAPSE_VENV = process.env.SYNAPSE_VENV ?? join(REPO_ROOT, ".venv");
export const SHARED_SECRET_LENGTH = 24;

export interface SynapseOptions {
    /** Configure Synapse's `email:` section and start a mail sink (default true). */
    email?: boolean;
    /** `enable_3pid_changes` (default true). False makes the `m.3pid_changes` capability false. */
    threepidChanges?: boolean;
    /** Keep Synapse's own (strict) rate limits instead of the relaxed test defaults (default false). */
    realRateLimits?: boolean;
    /** Extra top-level config keys, merged over the generated config (last word). */
    extraConfig?: Record<string, unknown>;
    /** Rejects if /health is not OK by then (default 30 s). */
    readyTimeoutMs?: number;
}

export interface SynapseLogs {
    /** Synapse's stdout + stderr (its default logging goes to stderr). */
    path: string;
    read(): string;
    /** The last `lines` lines. */
    tail(lines?: number): string;
}

export interface Synapse {
    /** e.g. http://127.0.0.1:40123 (no trailing slash). Also Synapse's public_baseurl. */
    baseUrl: string;
    /** "localhost": user ids look like @alice:localhost. */
    serverName: string;
    registrationSharedSecret: string;
    /** The temp folder with config, database, logs; removed on a clean stop unless TESTBED_KEEP=1. */
    dir: string;
    logs: SynapseLogs;
    /** Undefined when started with `email: false`. */
    mailSink?: MailSink;
    /** Milliseconds from spawn to /health OK. */
    readyMs: number;
    /** Stops Synapse (process group) and the mail sink. `keepDir` keeps the temp folder (e.g. after a failure). */
    stop(options?: { keepDir?: boolean }): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Process-wide registry of running servers. jest loads this module once per test file, but the
// `process` object is shared, so the registry and the exit handlers hang off it exactly once.

interface Registry {
    groups: Set<number>;
}
const REGISTRY_KEY = Symbol.for("element-account-security.testbed.synapse");

function killGroup(pid: number, signal: NodeJS.Signals): void {
    try {
        process.kill(-pid, signal);
    } catch {
        // Already gone.
    }
}

function registry(): Registry {
    const holder = process as unknown as Record<symbol, Registry | undefined>;
    let reg = holder[REGISTRY_KEY];
    if (reg) return reg;
    const created: Registry = { groups: new Set() };
    holder[REGISTRY_KEY] = created;
    const killAll = (): void => {
        for (const pid of created.groups) killGroup(pid, "SIGKILL");
        created.groups.clear();
    };
    // 'exit' also fires after an uncaught exception, and on process.exit() (jest's forceExit).
    process.on("exit", killAll);
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
        const onSignal = (): void => {
            killAll();
            // Restore the default behaviour (terminate) unless someone else handles the signal.
            process.off(signal, onSignal);
            if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
        };
        process.on(signal, onSignal);
    }
    reg = created;
    return reg;
}

// ---------------------------------------------------------------------------------------------

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
    return new Promise((resolvePort, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as AddressInfo;
            server.close(() => resolvePort(port));
        });
    });
}

/** Runs scripts/setup-synapse.sh (fast no-op when the venv is ready). Throws with its output on failure. */
export function ensureSynapseVenv(): void {
    const result = spawnSync(join(REPO_ROOT, "scripts/setup-synapse.sh"), {
        env: { ...process.env, SYNAPSE_VENV },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    });
    if (result.status !== 0) {
        throw new Error(`scripts/setup-synapse.sh failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
}

/** An ed25519 signing key in Synapse's file format: the seed is 32 random bytes, base64 unpadded. */
function signingKey(): string {
    const seed = randomBytes(32).toString("base64").replace(/=+$/, "");
    return `ed25519 a_${randomBytes(3).toString("hex")} ${seed}\n`;
}

const RELAXED = { per_second: 10_000, burst_count: 10_000 };

function relaxedRateLimits(): Record<string, unknown> {
    return {
        rc_message: RELAXED,
        rc_registration: RELAXED,
        rc_registration_token_validity: RELAXED,
        rc_login: { address: RELAXED, account: RELAXED, failed_attempts: RELAXED },
        rc_admin_redaction: RELAXED,
        rc_joins: { local: RELAXED, remote: RELAXED },
        rc_joins_per_room: RELAXED,
        rc_key_requests: RELAXED,
        rc_3pid_validation: RELAXED,
        rc_invites: { per_room: RELAXED, per_user: RELAXED, per_issuer: RELAXED },
        rc_third_party_invite: RELAXED,
        rc_media_create: RELAXED,
        rc_presence: { per_user: RELAXED },
        rc_delayed_event_mgmt: RELAXED,
        rc_room_creation: RELAXED,
        rc_reports: RELAXED,
        rc_user_directory: RELAXED,
        rc_profile: RELAXED,
    };
}

/**
 * The generated homeserver config. Written as JSON, which Synapse's YAML loader reads as is.
 * Exported for tests that want to see what a variant changes.
 */
export function synapseConfig(args: {
    dir: string;
    port: number;
    secret: string;
    smtpPort?: number;
    options: SynapseOptions;
}): Record<string, unknown> {
    const { dir, port, secret, smtpPort, options } = args;
    return {
        server_name: "localhost",
        public_baseurl: `http://127.0.0.1:${port}/`,
        pid_file: join(dir, "homeserver.pid"),
        signing_key_path: join(dir, "signing.key"),
        media_store_path: join(dir, "media_store"),
        report_stats: false,
        trusted_key_servers: [],
        suppress_key_server_warning: true,
        listeners: [
            {
                port,
                bind_addresses: ["127.0.0.1"],
                type: "http",
                tls: false,
                x_forwarded: false,
                resources: [{ names: ["client"], compress: false }],
            },
        ],
        database: { name: "sqlite3", args: { database: join(dir, "homeserver.db") } },
        registration_shared_secret: secret,
        enable_registration: false,
        // Fast password hashing: tests log in a lot; nothing here protects real passwords.
        bcrypt_rounds: 4,
        presence: { enabled: false },
        url_preview_enabled: false,
        enable_metrics: false,
        enable_3pid_changes: options.threepidChanges ?? true,
        ...(options.realRateLimits ? {} : relaxedRateLimits()),
        ...(smtpPort !== undefined
            ? {
                  email: {
                      smtp_host: "127.0.0.1",
                      smtp_port: smtpPort,
                      enable_tls: false,
                      require_transport_security: false,
                      notif_from: "Test homeserver <noreply@localhost>",
                      enable_notifs: false,
                  },
              }
            : {}),
        ...options.extraConfig,
    };
}

function makeLogs(path: string): SynapseLogs {
    const read = (): string => (existsSync(path) ? readFileSync(path, "utf8") : "");
    return {
        path,
        read,
        tail: (lines = 80) => read().split("\n").slice(-lines).join("\n"),
    };
}

/**
 * The Python wrapper: ask the kernel to SIGKILL Synapse when the test process dies (even by SIGKILL),
 * then become Synapse. If the parent is already gone (race), exit at once.
 */
const PDEATHSIG_WRAPPER = [
    "import ctypes, os, sys",
    "ctypes.CDLL(None, use_errno=True).prctl(1, 9)",
    "os.getppid() == int(os.environ['TESTBED_PARENT_PID']) or os._exit(1)",
    "os.execv(sys.executable, [sys.executable, '-m', 'synapse.app.homeserver', '-c', sys.argv[1]])",
].join("\n");

async function waitForHealth(baseUrl: string, child: ChildProcess, logs: SynapseLogs, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    let exited: number | null | undefined;
    child.once("exit", (code) => (exited = code));
    while (Date.now() < deadline) {
        if (exited !== undefined) {
            throw new Error(
                `Synapse exited (${exited}) before it was ready (log: ${logs.path}). Tail:\n${logs.tail(60)}`,
            );
        }
        try {
            const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(1000) });
            if (res.ok) return;
        } catch {
            // Not listening yet.
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`Synapse not healthy after ${timeoutMs} ms (log: ${logs.path}). Tail:\n${logs.tail(60)}`);
}

/** Spawns Synapse for `configPath` in its own process group, output appended to the log. */
function launch(configPath: string, dir: string, logs: SynapseLogs): ChildProcess & { pid: number } {
    const logFd = openSync(logs.path, "a");
    const child = spawn(join(SYNAPSE_VENV, "bin/python"), ["-c", PDEATHSIG_WRAPPER, configPath], {
        cwd: dir,
        detached: true, // own process group, so stop() can kill everything it starts
        stdio: ["ignore", logFd, logFd],
        env: { ...process.env, TESTBED_PARENT_PID: String(process.pid), PYTHONUNBUFFERED: "1" },
    });
    closeSync(logFd);
    if (child.pid === undefined) throw new Error("Could not spawn Synapse");
    registry().groups.add(child.pid);
    // Do not keep the test process alive just for Synapse.
    child.unref();
    return child as ChildProcess & { pid: number };
}

async function stopChild(child: ChildProcess & { pid: number }): Promise<void> {
    if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once("exit", () => r()));
        killGroup(child.pid, "SIGTERM");
        const timer = setTimeout(() => killGroup(child.pid, "SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
    }
    // Anything Synapse may have left in its group.
    killGroup(child.pid, "SIGKILL");
    registry().groups.delete(child.pid);
}

/** Starts a fresh Synapse (and mail sink) and resolves once /health answers. */
export async function startSynapse(options: SynapseOptions = {}): Promise<Synapse> {
    ensureSynapseVenv();
    const dir = mkdtempSync(join(process.env.TESTBED_DIR ?? tmpdir(), "acc-synapse-"));
    const mailSink = options.email === false ? undefined : await startMailSink();
    const secret = randomBytes(SHARED_SECRET_LENGTH).toString("hex");
    writeFileSync(join(dir, "signing.key"), signingKey());
    const configPath = join(dir, "homeserver.yaml");
    const logs = makeLogs(join(dir, "homeserver.log"));
    const started = Date.now();

    // The free port may be taken by someone else before Synapse binds it (parallel test files):
    // then Synapse exits at once, and another port is tried.
    let child: (ChildProcess & { pid: number }) | undefined;
    let baseUrl = "";
    for (let attempt = 1; ; attempt++) {
        const port = await freePort();
        baseUrl = `http://127.0.0.1:${port}`;
        const config = synapseConfig({ dir, port, secret, smtpPort: mailSink?.port, options });
        writeFileSync(configPath, JSON.stringify(config, null, 2));
        const logLength = logs.read().length;
        child = launch(configPath, dir, logs);
        // Synapse writes no pid file in the foreground; globalSetup's clean-up of old folders checks this one.
        writeFileSync(join(dir, "testbed.pid"), String(child.pid));
        try {
            await waitForHealth(baseUrl, child, logs, options.readyTimeoutMs ?? 30_000);
            break;
        } catch (err) {
            await stopChild(child);
            const portTaken = /Address already in use|CannotListenError/.test(logs.read().slice(logLength));
            if (portTaken && attempt < 3) continue;
            await mailSink?.close();
            throw err;
        }
    }
    const readyMs = Date.now() - started;
    const running = child;

    let stopped = false;
    const stop = async ({ keepDir = false }: { keepDir?: boolean } = {}): Promise<void> => {
        if (stopped) return;
        stopped = true;
        await stopChild(running);
        await mailSink?.close();
        if (!keepDir && !process.env.TESTBED_KEEP) rmSync(dir, { recursive: true, force: true });
    };

    return {
        baseUrl,
        serverName: "localhost",
        registrationSharedSecret: secret,
        dir,
        logs,
        mailSink,
        readyMs,
        stop,
    };
}
