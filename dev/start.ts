/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * `npm start`: builds the module and the development host page, starts a local Synapse with a mail
 * sink, creates demo accounts, and serves everything on one origin (see server.ts). Ctrl-C stops
 * Synapse too (the test bed also kills it if this process dies).
 *
 * Environment: PORT (default 8080).
 */
import { startDevServer } from "./server";

const DEMO = [
    { username: "demo", password: "demo-password", admin: false },
    { username: "admin", password: "admin-password", admin: true },
];

async function main(): Promise<void> {
    const port = process.env.PORT ? Number(process.env.PORT) : 8080;
    console.info("Building the module and the host page, starting Synapse…");
    const server = await startDevServer({ port, demoAccounts: DEMO, log: (line) => console.info(`  ${line}`) });

    const accounts = server.accounts
        .map((a) => `    ${a.userId.padEnd(20)} password: ${a.password}${a.admin ? "   (homeserver admin)" : ""}`)
        .join("\n");
    console.info(`
Account security — development host (a stand-in for Element Web; see README)

  Open        ${server.url}/
  Mail sink   ${server.url}/mail   (validation links from Synapse land here)
  Homeserver  ${server.url}   (proxied to Synapse; server name "localhost")
  Accounts
${accounts}
  "Create account" on the sign-in page registers more.

Press Ctrl-C to stop.`);

    let stopping = false;
    const shutdown = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        console.info(`\n${signal}: stopping Synapse and the server…`);
        server.stop().then(
            () => process.exit(0),
            (error: unknown) => {
                console.error(error);
                process.exit(1);
            },
        );
    };
    process.on("SIGINT", () => shutdown("SIGINT"));
    process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
        console.error(
            `Port ${process.env.PORT ?? 8080} is in use. Stop what runs there, or choose another: PORT=8081 npm start`,
        );
    } else {
        console.error(error instanceof Error ? error.message : error);
    }
    process.exit(1);
});
