/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The development server behind `npm start` and the browser tests: one origin on 127.0.0.1 that
 * serves the host page (the stand-in for Element Web), the built module at
 * /modules/account-security/, /config.json, a /mail page with what Synapse sent, and a reverse
 * proxy to a local Synapse for /_matrix and /_synapse, so the browser sees a single origin and the
 * links in Synapse's mails point here (public_baseurl is this server).
 */
import { spawn } from "node:child_process";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import {
    createServer,
    request as httpRequest,
    type IncomingMessage,
    type Server,
    type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";

import { registerUser, type Credentials } from "../tests/support/clients";
import { elementConfig, type ElementBuild } from "../tests/support/elementWeb";
import type { MailSink, ReceivedMail } from "../tests/support/mailSink";
import { startSynapse, type Synapse } from "../tests/support/synapse";

export const REPO_ROOT = resolve(__dirname, "..");
const HOST_PAGE_SOURCE = join(REPO_ROOT, "dev", "host-page");
const HOST_PAGE_BUILD = join(REPO_ROOT, ".tmp", "host-page");
const MODULE_DIST = join(REPO_ROOT, "dist");

export interface DevServerOptions {
    /** Port on 127.0.0.1; 0 picks a free one. Default 8080. */
    port?: number;
    /** What to build first: the module (npm run build) and/or the host page. Default both. */
    build?: { module: boolean; hostPage: boolean };
    /** Create this account at start (shared-secret registration); false for none. */
    demoAccounts?: { username: string; password: string; admin?: boolean }[];
    /** Progress lines (default: stderr). */
    log?: (line: string) => void;
    /**
     * Serve this real Element Web build as the host (its files at /, a generated /config.json) instead
     * of the development stand-in page. The module, /mail and the Synapse proxy are the same either way.
     */
    element?: ElementBuild | null;
    /** The module's config (our key in config.json); default: the one in dev/config.json. */
    moduleConfig?: Record<string, unknown>;
    /**
     * The module build to serve at /modules/account-security/ (default: this checkout's dist/), e.g.
     * an older commit's dist/ for before/after screenshots (scripts/docs-screenshots.ts).
     */
    moduleDist?: string;
}

export interface DevAccount {
    userId: string;
    username: string;
    password: string;
    admin: boolean;
}

export interface DevServer {
    /** e.g. http://127.0.0.1:8080 — the homeserver URL the browser uses too. */
    url: string;
    /** The real Element served at `url`, or null for the development stand-in page. */
    element: ElementBuild | null;
    synapse: Synapse;
    mailSink: MailSink;
    accounts: DevAccount[];
    /** Registers another account with Synapse's shared secret (no session is left behind). */
    register(username: string, password: string, admin?: boolean): Promise<DevAccount>;
    stop(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    // instantiateStreaming (the rust crypto) insists on this type.
    ".wasm": "application/wasm",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    // Element's own assets.
    ".ttf": "font/ttf",
    ".ico": "image/x-icon",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".jpg": "image/jpeg",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".txt": "text/plain; charset=utf-8",
    ".webmanifest": "application/manifest+json",
};

/** Runs a command from the repo root, rejecting with its output when it fails. */
function run(command: string, args: string[], log: (line: string) => void): Promise<void> {
    const started = Date.now();
    return new Promise((resolvePromise, reject) => {
        const child = spawn(command, args, {
            cwd: REPO_ROOT,
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, PATH: `${join(REPO_ROOT, "node_modules", ".bin")}:${process.env.PATH}` },
        });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.on("error", reject);
        child.on("exit", (code) => {
            if (code === 0) {
                log(`${[command, ...args].join(" ")} — done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
                resolvePromise();
            } else reject(new Error(`${[command, ...args].join(" ")} failed (${code}):\n${output}`));
        });
    });
}

export async function buildHostPage(log: (line: string) => void = () => undefined): Promise<void> {
    await run("webpack", ["--config", "dev/webpack.host.config.js", "--mode", "development"], log);
}

export async function buildModule(log: (line: string) => void = () => undefined): Promise<void> {
    await run("npm", ["run", "--silent", "build"], log);
}

/** A file under `base` for a URL path, or null (never escapes `base`). */
function fileUnder(base: string, urlPath: string): string | null {
    const target = normalize(join(base, decodeURIComponent(urlPath)));
    if (target !== base && !target.startsWith(base + sep)) return null;
    return existsSync(target) && statSync(target).isFile() ? target : null;
}

function sendFile(res: ServerResponse, file: string): void {
    res.writeHead(200, {
        "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
        // Development: always the freshly built file.
        "Cache-Control": "no-cache",
    });
    createReadStream(file).pipe(res);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
    res.end(JSON.stringify(body));
}

function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The /mail page: every mail Synapse sent, newest first, links clickable. */
export function renderMailPage(mails: readonly ReceivedMail[]): string {
    const items = [...mails]
        .reverse()
        .map((mail) => {
            const body = escapeHtml(mail.text).replace(
                /https?:\/\/[^\s"'<>]+/g,
                (link) => `<a href="${link}" target="_blank" rel="noreferrer">${link}</a>`,
            );
            return `<article class="mail">
<h2>${escapeHtml(mail.subject)}</h2>
<p class="meta">To ${escapeHtml(mail.to.join(", "))} · from ${escapeHtml(mail.from)} · ${new Date(mail.receivedAt).toLocaleString("en-GB")}</p>
<pre>${body}</pre>
</article>`;
        })
        .join("\n");
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mail sink — development host</title>
<link rel="stylesheet" href="/_dev/css/tokens/compound-design-tokens.css">
<link rel="stylesheet" href="/_dev/css/inter/400.css"><link rel="stylesheet" href="/_dev/css/inter/600.css">
<style>
body{font:var(--cpd-font-body-md-regular);font-family:var(--cpd-font-family-sans);color:var(--cpd-color-text-primary);background:var(--cpd-color-bg-subtle-secondary);margin:0;padding:32px}
main{max-width:760px;margin:auto}h1{font:var(--cpd-font-heading-md-semibold)}
.mail{background:var(--cpd-color-bg-canvas-default);border-radius:12px;padding:16px 24px;margin-bottom:16px}
.mail h2{font:var(--cpd-font-body-lg-semibold);margin:0}.meta{color:var(--cpd-color-text-secondary);font:var(--cpd-font-body-sm-regular)}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font-family:var(--cpd-font-family-sans)}a{color:var(--cpd-color-text-link-external)}
</style></head>
<body class="cpd-theme-light"><main>
<h1>Mail sent by the local Synapse</h1>
<p>${mails.length === 0 ? "No mail yet." : `${mails.length} mail${mails.length === 1 ? "" : "s"}, newest first.`} <a href="/mail">Refresh</a></p>
${items}
</main>
<script>
// New mail shows up by itself: the server pushes an event when one arrives.
new EventSource("/_dev/mail-events").addEventListener("mail", () => location.reload());
</script>
</body></html>`;
}

/** Forwards a request to Synapse unchanged (streamed both ways: /sync long-polls). */
function proxy(req: IncomingMessage, res: ServerResponse, target: URL): void {
    const upstream = httpRequest(
        {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: target.host },
        },
        (response) => {
            res.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(res);
        },
    );
    upstream.on("error", (error) => {
        if (!res.headersSent)
            sendJson(res, 502, { errcode: "M_UNKNOWN", error: `Synapse unreachable: ${error.message}` });
        else res.destroy();
    });
    req.on("aborted", () => upstream.destroy());
    req.pipe(upstream);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    let body = "";
    for await (const chunk of req) body += chunk;
    const parsed: unknown = JSON.parse(body || "{}");
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

function listen(server: Server, port: number): Promise<number> {
    return new Promise((resolvePort, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
            server.off("error", reject);
            resolvePort((server.address() as AddressInfo).port);
        });
    });
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
    const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    const element = options.element ?? null;
    const moduleDist = options.moduleDist ? resolve(options.moduleDist) : MODULE_DIST;
    const build = options.build ?? { module: true, hostPage: !element };
    const builds: Promise<void>[] = [];
    if (build.module) builds.push(buildModule(log));
    if (build.hostPage) builds.push(buildHostPage(log));
    const devConfig = JSON.parse(readFileSync(join(REPO_ROOT, "dev", "config.json"), "utf8")) as Record<
        string,
        unknown
    >;
    const moduleConfig =
        options.moduleConfig ?? (devConfig["io.github.element_account_security"] as Record<string, unknown>);

    // Listen first: Synapse must know this origin, its public_baseurl (mail links, login responses).
    let synapse: Synapse | undefined;
    const server = createServer((req, res) => {
        handle(req, res).catch((error: unknown) => {
            log(`dev server: ${req.method} ${req.url} failed: ${String(error)}`);
            if (!res.headersSent) sendJson(res, 500, { error: String(error) });
            else res.destroy();
        });
    });
    const port = await listen(server, options.port ?? 8080);
    const url = `http://127.0.0.1:${port}`;

    const accounts: DevAccount[] = [];
    const register = async (username: string, password: string, admin = false): Promise<DevAccount> => {
        if (!synapse) throw new Error("Synapse is not running");
        const created: Credentials = await registerUser(synapse, { username, password, admin });
        // Registration hands out an access token, i.e. a device; log it out so the account's
        // session list shows only what the person creates.
        await fetch(`${synapse.baseUrl}/_matrix/client/v3/logout`, {
            method: "POST",
            headers: { Authorization: `Bearer ${created.accessToken}` },
        });
        return { userId: created.userId, username, password, admin };
    };

    async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const path = new URL(req.url ?? "/", url).pathname;
        if ((path.startsWith("/_matrix/") || path.startsWith("/_synapse/")) && synapse) {
            return proxy(req, res, new URL(synapse.baseUrl));
        }
        if (path === "/config.json" || (element && /^\/config\.[^/]+\.json$/.test(path))) {
            // The homeserver is this origin (the proxy), whatever port it runs on today. Element asks
            // for config.<hostname>.json first; both get the same answer.
            if (element) return sendJson(res, 200, elementConfig(url, moduleConfig));
            return sendJson(res, 200, {
                ...devConfig,
                default_server_config: { "m.homeserver": { base_url: url, server_name: "localhost" } },
                "io.github.element_account_security": moduleConfig,
            });
        }
        if (!element && (path === "/" || path === "/index.html")) {
            return sendFile(res, join(HOST_PAGE_SOURCE, "index.html"));
        }
        if (path === "/mail") {
            res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
            return void res.end(renderMailPage(synapse?.mailSink?.mails ?? []));
        }
        if (path === "/_dev/mail.json") return sendJson(res, 200, synapse?.mailSink?.mails ?? []);
        if (path === "/_dev/mail-events" && synapse?.mailSink) {
            // Server-sent events: one "mail" event per new mail, so the /mail page needs no polling.
            res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store" });
            res.write(": connected\n\n");
            const unsubscribe = synapse.mailSink.onMail(() => res.write("event: mail\ndata: {}\n\n"));
            req.on("close", unsubscribe);
            return;
        }
        if (path === "/_dev/register" && req.method === "POST") {
            const body = await readJson(req);
            const username = typeof body.username === "string" ? body.username.trim().toLowerCase() : "";
            const password = typeof body.password === "string" ? body.password : "";
            if (!/^[a-z0-9._=-]+$/.test(username) || password.length < 1) {
                return sendJson(res, 400, { error: "Choose a username (a-z, 0-9, . _ = -) and a password." });
            }
            try {
                const account = await register(username, password);
                log(`registered ${account.userId}`);
                return sendJson(res, 200, { user_id: account.userId });
            } catch (error) {
                const message = String(error).includes("M_USER_IN_USE") ? "That username is taken." : String(error);
                return sendJson(res, 400, { error: message });
            }
        }
        const routes: [string, string][] = [
            ["/modules/account-security/", moduleDist],
            ["/_dev/host/style.css", join(HOST_PAGE_SOURCE, "style.css")],
            ["/_dev/host/", HOST_PAGE_BUILD],
            ["/_dev/css/tokens/", join(REPO_ROOT, "node_modules/@vector-im/compound-design-tokens/assets/web/css")],
            ["/_dev/css/inter/", join(REPO_ROOT, "node_modules/@fontsource/inter")],
        ];
        for (const [prefix, target] of routes) {
            if (!path.startsWith(prefix)) continue;
            const file = prefix.endsWith("/") ? fileUnder(target, path.slice(prefix.length)) : target;
            if (file) return sendFile(res, file);
            return sendJson(res, 404, { error: `Not found: ${path}` });
        }
        if (element) {
            // Element's own files; its routes live in the URL fragment, so / is index.html.
            const file = fileUnder(element.dir, path === "/" ? "index.html" : path.slice(1));
            if (file) return sendFile(res, file);
        }
        sendJson(res, 404, { error: `Not found: ${path}` });
    }

    const stopServer = async (): Promise<void> => {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
    };

    try {
        const [started] = await Promise.all([startSynapse({ extraConfig: { public_baseurl: `${url}/` } }), ...builds]);
        synapse = started;
        log(`Synapse ready in ${(synapse.readyMs / 1000).toFixed(1)} s (${synapse.baseUrl}, data in ${synapse.dir})`);
        for (const account of options.demoAccounts ?? []) {
            accounts.push(await register(account.username, account.password, account.admin ?? false));
        }
    } catch (error) {
        await synapse?.stop();
        await stopServer();
        throw error;
    }
    if (!existsSync(join(moduleDist, "index.js"))) log("warning: dist/index.js is missing; run `npm run build`");

    const running = synapse;
    let stopping: Promise<void> | undefined;
    return {
        url,
        element,
        synapse: running,
        mailSink: running.mailSink!,
        accounts,
        register,
        stop: () => (stopping ??= Promise.all([stopServer(), running.stop()]).then(() => undefined)),
    };
}
