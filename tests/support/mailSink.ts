/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * An SMTP server inside the test process that Synapse delivers its mails to.
 *
 * Synapse sends MIME multipart mails with base64 bodies, so every mail is decoded with mailparser
 * and kept with its text, html, subject and links. Tests wait for a mail by RECIPIENT, never by
 * recency: several tests (and Synapse's retries) share one sink.
 */

import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type AddressObject } from "mailparser";

export interface ReceivedMail {
    /** Lower-cased envelope recipients (RCPT TO) plus the To/Cc header addresses. */
    to: string[];
    from: string;
    subject: string;
    text: string;
    html: string;
    /** Every http(s) link in the text and html parts, in order, decoded (`&amp;` → `&`), without duplicates. */
    links: string[];
    receivedAt: number;
}

export interface WaitForMailOptions {
    /** Default 10 s. */
    timeoutMs?: number;
    /** Only mails whose subject or text matches. */
    matching?: RegExp;
    /**
     * Skip the first N mails already delivered to this address (default 0). Mails are never consumed,
     * so `waitForMail(a, { after: 1 })` waits for the second mail to `a`.
     */
    after?: number;
}

export interface MailSink {
    host: string;
    port: number;
    /** All mails received so far, oldest first. */
    readonly mails: readonly ReceivedMail[];
    /** Mails delivered to `address` so far (case-insensitive). */
    mailsTo(address: string): ReceivedMail[];
    /** Resolves with the next matching mail to `address` (already-received ones count); rejects after the timeout. */
    waitForMail(address: string, options?: WaitForMailOptions): Promise<ReceivedMail>;
    /** Calls `listener` after each new mail; returns the unsubscribe function. */
    onMail(listener: () => void): () => void;
    close(): Promise<void>;
}

const LINK = /https?:\/\/[^\s"'<>]+/g;

/** Links in a mail, html entities decoded, trailing punctuation trimmed. */
export function extractLinks(text: string, html: string): string[] {
    const links = new Set<string>();
    for (const source of [text, html]) {
        for (const match of source.matchAll(LINK)) {
            links.add(match[0].replace(/&amp;/g, "&").replace(/[.,;:)\]]+$/, ""));
        }
    }
    return [...links];
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
    if (!field) return [];
    const list = Array.isArray(field) ? field : [field];
    return list.flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase())).filter(Boolean);
}

export async function startMailSink(): Promise<MailSink> {
    const mails: ReceivedMail[] = [];
    const waiters = new Set<() => void>();

    const server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS", "AUTH"],
        logger: false,
        // Synapse connects without TLS to 127.0.0.1; nothing else can reach this server.
        secure: false,
        onData(stream, session, callback) {
            simpleParser(stream)
                .then((parsed) => {
                    const envelope = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
                    const to = [...new Set([...envelope, ...addresses(parsed.to), ...addresses(parsed.cc)])];
                    const text = parsed.text ?? "";
                    const html = typeof parsed.html === "string" ? parsed.html : "";
                    mails.push({
                        to,
                        from: parsed.from?.text ?? "",
                        subject: parsed.subject ?? "",
                        text,
                        html,
                        links: extractLinks(text, html),
                        receivedAt: Date.now(),
                    });
                    for (const wake of [...waiters]) wake();
                    callback();
                })
                .catch((err: Error) => callback(err));
        },
    });

    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            server.off("error", reject);
            resolve();
        });
    });
    // Errors after startup (a client hanging up) must not crash the test process.
    server.on("error", () => undefined);
    const port = (server.server.address() as AddressInfo).port;

    const mailsTo = (address: string): ReceivedMail[] => mails.filter((m) => m.to.includes(address.toLowerCase()));

    return {
        host: "127.0.0.1",
        port,
        mails,
        mailsTo,
        onMail(listener) {
            waiters.add(listener);
            return () => waiters.delete(listener);
        },
        waitForMail(address, { timeoutMs = 10_000, matching, after = 0 } = {}) {
            const find = (): ReceivedMail | undefined =>
                mailsTo(address).filter((m) => !matching || matching.test(m.subject) || matching.test(m.text))[after];
            return new Promise((resolve, reject) => {
                const check = (): void => {
                    const mail = find();
                    if (!mail) return;
                    cleanup();
                    resolve(mail);
                };
                const timer = setTimeout(() => {
                    cleanup();
                    const seen = mails.map((m) => `${m.to.join(",")}: ${m.subject}`).join("; ") || "none";
                    reject(new Error(`No mail to ${address} within ${timeoutMs} ms (received: ${seen})`));
                }, timeoutMs);
                const cleanup = (): void => {
                    clearTimeout(timer);
                    waiters.delete(check);
                };
                waiters.add(check);
                check();
            });
        },
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}
