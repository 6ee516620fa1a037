/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Keeps an unfinished email add across panel closes and page reloads. Element's own flow forgets
 * it when Settings closes, which makes the clicked link useless; we keep {sid, client_secret,
 * address, send_attempt} per user, with an expiry. Never the password: that only ever lives in
 * the one request that uses it.
 */
import type { PendingAdd } from "./types";

/** The few methods of `Storage` we use, so Node tests can pass an in-memory map. */
export interface KeyValueStorage {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
}

/** Namespace of every key this module writes to local storage. */
export const STORAGE_PREFIX = "io.github.element_account_security";

/**
 * How long an unfinished add is kept. Synapse keeps a validated session indefinitely but its mail
 * link expires after an hour by default (`validation_token_lifetime`); a day covers "clicked it,
 * came back tomorrow" without keeping a stale address around for ever.
 */
export const PENDING_ADD_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** An in-memory KeyValueStorage: for tests, and the fallback when local storage is unavailable. */
export function memoryStorage(): KeyValueStorage {
    const map = new Map<string, string>();
    return {
        getItem: (key) => map.get(key) ?? null,
        setItem: (key, value) => void map.set(key, value),
        removeItem: (key) => void map.delete(key),
    };
}

/**
 * The browser's local storage, or memory when it is missing or blocked (private mode, sandboxed
 * iframe, Node): the add then still works, it just does not survive a reload.
 */
export function browserStorage(): KeyValueStorage {
    try {
        const storage = globalThis.localStorage;
        if (storage) {
            // Some browsers expose localStorage but throw on write (quota 0 in private mode).
            const probe = `${STORAGE_PREFIX}.probe`;
            storage.setItem(probe, "1");
            storage.removeItem(probe);
            return storage;
        }
    } catch {
        // fall through to memory
    }
    return memoryStorage();
}

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
        this.key = `${STORAGE_PREFIX}.email.pending_add:${userId}`;
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
