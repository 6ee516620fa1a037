/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/** Anything that says when it changed: a view-model, a verification flow. */
export interface Observable {
    subscribe(listener: () => void): () => void;
}

/**
 * Resolves with `read()` once `test` holds for it, checked now and after every change (event-driven,
 * no polling); rejects after `timeoutMs` with the message `stuck()` gives, which should say where the
 * source is stuck.
 */
export function untilObserved<T>(
    source: Observable,
    read: () => T,
    test: (value: T) => boolean,
    timeoutMs: number,
    stuck: () => string,
): Promise<T> {
    return new Promise((resolve, reject) => {
        const check = (): void => {
            const value = read();
            if (!test(value)) return;
            clearTimeout(timer);
            unsubscribe();
            resolve(value);
        };
        const timer = setTimeout(() => {
            unsubscribe();
            reject(new Error(stuck()));
        }, timeoutMs);
        const unsubscribe = source.subscribe(check);
        check();
    });
}
