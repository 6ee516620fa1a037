/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Keeps an unfinished email add across panel closes and page reloads. Element's own flow forgets
 * it when Settings closes, which makes the clicked link useless; we keep {sid, client_secret,
 * address, send_attempt} per user, with an expiry. Never the password: that only ever lives in
 * the one request that uses it.
 *
 * What is kept is about one account, in a browser others may use next: it is forgotten when that
 * account logs out or another one logs in (pendingAddAccount.ts, wired in the host adapter),
 * and when the mail's link stops working (PENDING_ADD_LIFETIME_MS).
 */
import { PENDING_ADD_KEY_PREFIX } from "./pendingAddAccount";
import type { PendingAdd } from "./types";

// Where the entries live; re-exported for the view-model and tests that pass their own storage.
export { browserStorage, memoryStorage, STORAGE_PREFIX, type KeyValueStorage } from "../localStorage";
import type { KeyValueStorage } from "../localStorage";

/**
 * How long an unfinished add is kept after its (latest) mail was sent: as long as the mail's link can
 * work. Synapse's link expires after an hour by default (`email.validation_token_lifetime`); after
 * that the link is useless and the stored session only a stale record of the address. ("Resend"
 * starts the hour again.)
 */
export const PENDING_ADD_LIFETIME_MS = 60 * 60 * 1000;

function isPendingAdd(value: unknown): value is PendingAdd {
    const v = value as Partial<PendingAdd> | null;
    return (
        typeof v === "object" &&
        v !== null &&
        typeof v.sid === "string" &&
        typeof v.client_secret === "string" &&
        typeof v.address === "string" &&
        typeof v.send_attempt === "number" &&
        typeof v.sentAt === "number" &&
        typeof v.expiresAt === "number"
    );
}

export type LoadedPendingAdd =
    { state: "none" } | { state: "active"; pending: PendingAdd } | { state: "expired"; address: string };

/** The pending add of one user, in one KeyValueStorage. */
export class PendingAddStore {
    private readonly key: string;

    public constructor(
        private readonly storage: KeyValueStorage,
        userId: string,
        private readonly now: () => number = Date.now,
    ) {
        this.key = `${PENDING_ADD_KEY_PREFIX}${userId}`;
    }

    /** The stored add; an expired or unreadable one is removed (and an expired one reported once). */
    public load(): LoadedPendingAdd {
        let raw: string | null;
        try {
            raw = this.storage.getItem(this.key);
        } catch {
            return { state: "none" };
        }
        if (raw === null) return { state: "none" };
        let parsed: unknown;
        try {
            parsed = JSON.parse(raw);
        } catch {
            parsed = null;
        }
        if (!isPendingAdd(parsed)) {
            this.clear();
            return { state: "none" };
        }
        if (parsed.expiresAt <= this.now()) {
            this.clear();
            return { state: "expired", address: parsed.address };
        }
        return { state: "active", pending: parsed };
    }

    public save(pending: PendingAdd): void {
        // Only the listed fields: a caller can never smuggle anything else (like a password) in.
        const { sid, client_secret, address, send_attempt, sentAt, expiresAt } = pending;
        try {
            this.storage.setItem(
                this.key,
                JSON.stringify({ sid, client_secret, address, send_attempt, sentAt, expiresAt }),
            );
        } catch {
            // Storage full or blocked: the add still works in this panel, it just won't survive a reload.
        }
    }

    public clear(): void {
        try {
            this.storage.removeItem(this.key);
        } catch {
            // Nothing more we can do; load() ignores unreadable entries anyway.
        }
    }

    /** A new pending add for a mail just requested, expiring PENDING_ADD_LIFETIME_MS from now. */
    public createPending(fields: Omit<PendingAdd, "sentAt" | "expiresAt">): PendingAdd {
        const sentAt = this.now();
        return { ...fields, sentAt, expiresAt: sentAt + PENDING_ADD_LIFETIME_MS };
    }
}
