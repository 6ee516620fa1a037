/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * `npm start`: builds the module, starts a local Synapse with a mail sink, creates demo accounts, and
 * serves REAL Element Web with the module on one origin (see server.ts). Ctrl-C stops Synapse too
 * (the test bed also kills it if this process dies).
 *
 * Which Element: ELEMENT_WEB_DIR (an unpacked Element), else ELEMENT_WEB_ARCHIVE (a release archive
 * such as element-v1.12.10.tar.gz), else the newest archive in ../shared/element-web/ (or
 * ELEMENT_WEB_ARCHIVES). Only when there is none does it fall back to the development stand-in page,
 * and says so here and on the page.
 *
 * Environment: PORT (default 8080), ELEMENT_WEB_DIR, ELEMENT_WEB_ARCHIVE, ELEMENT_WEB_ARCHIVES.
 */
import { newestElement, type ElementBuild } from "../tests/support/elementWeb";
import { startDevServer } from "./server";

const DEMO = [
    { username: "demo", password: "demo-password", admin: false },
    { username: "admin", password: "admin-password", admin: true },
];

async function main(): Promise<void> {
    const port = process.env.PORT ? Number(process.env.PORT) : 8080;
    let element: ElementBuild | null;
    try {
        element = newestElement();
    } catch (error) {
        // A wrong ELEMENT_WEB_DIR / ELEMENT_WEB_ARCHIVE: say which, and stop.
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
    }
    console.info(
        element
            ? `Building the module, starting Synapse, serving Element Web ${element.version} (${element.source})…`
            : "Building the module and the stand-in host page, starting Synapse…",
    );
    const server = await startDevServer({
        port,
        element,
        demoAccounts: DEMO,
        log: (line) => console.info(`  ${line}`),
    });

    const accounts = server.accounts
        .map((a) => `    ${a.userId.padEnd(20)} password: ${a.password}${a.admin ? "   (homeserver admin)" : ""}`)
        .join("\n");
    const what = element
        ? `Element Web ${element.version} with the module`
        : `NO Element Web found — this is the development STAND-IN page, not Element.
  To run real Element: put an Element release archive in ../shared/element-web/, or
  ELEMENT_WEB_ARCHIVE=path/to/element-v1.12.10.tar.gz npm start   (see README, "Real Element")`;
    console.info(`
Account security — ${what}

  Open        ${server.url}/   (the sign-in form already points at the local homeserver)
  Mail sink   ${server.url}/mail   (validation links from Synapse land here)
  Homeserver  ${server.url}   (proxied to Synapse; server name "localhost")
  Accounts
${accounts}
  ${
      element
          ? `More accounts: curl -d '{"username":"bob","password":"bob-password"}' ${server.url}/_dev/register`
          : '"Create account" on the sign-in page registers more.'
  }

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
