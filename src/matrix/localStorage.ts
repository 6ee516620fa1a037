/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The browser's local storage as the matrix layer uses it, apart from what is kept there, so that the
 * entry chunk (which only forgets entries) does not carry the code that reads and writes them.
 */

/** Namespace of every key this module writes to local storage. */
export const STORAGE_PREFIX = "io.github.element_account_security";

/** The few methods of `Storage` we use, so Node tests can pass an in-memory map. */
export interface KeyValueStorage {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
    /** Listing (as `Storage` has it), to forget other accounts' entries; without it only known keys are removed. */
    readonly length?: number;
    key?(index: number): string | null;
}

/** An in-memory KeyValueStorage: for tests, and the fallback when local storage is unavailable. */
export function memoryStorage(): KeyValueStorage {
    const map = new Map<string, string>();
    return {
        getItem: (key) => map.get(key) ?? null,
        setItem: (key, value) => void map.set(key, value),
        removeItem: (key) => void map.delete(key),
        get length() {
            return map.size;
        },
        key: (index) => [...map.keys()][index] ?? null,
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
