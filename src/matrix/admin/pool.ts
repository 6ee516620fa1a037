/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * Runs `worker` over `items` with at most `concurrency` running at once, in order of `items`.
 * `shouldStop` is checked before each new item (Ctrl-C lets running items finish, starts no more).
 * A worker must handle its own errors: one failing item must not stop the others.
 */
export async function runPool<T>(
    items: readonly T[],
    concurrency: number,
    worker: (item: T) => Promise<void>,
    shouldStop: () => boolean = () => false,
): Promise<void> {
    let next = 0;
    const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
        while (next < items.length && !shouldStop()) {
            const item = items[next++]!;
            await worker(item);
        }
    });
    await Promise.all(lanes);
}
