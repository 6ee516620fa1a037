/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { useEffect, useState } from "react";

/**
 * A lazily loaded chunk that renders at once when it is already here (the idle-time prefetch
 * fetched it). Not React.lazy + Suspense: lazy suspends on its first render even for a loaded
 * chunk, and React then holds the revealed content back for up to 300 ms (its Suspense
 * throttling) — most of what a "cold" open cost after the prefetch.
 */
export interface Chunk<T> {
    /** The chunk's value once loaded, else null. */
    readonly current: T | null;
    /** Loads it (once; a failed load may be retried). */
    load(): Promise<T>;
}

export function chunk<T>(loader: () => Promise<T>): Chunk<T> {
    let current: T | null = null;
    let pending: Promise<T> | null = null;
    return {
        get current() {
            return current;
        },
        load() {
            pending ??= loader().then(
                (value) => (current = value),
                (error: unknown) => {
                    pending = null;
                    throw error;
                },
            );
            return pending;
        },
    };
}

/**
 * The chunk's value: at once when loaded, else null until it is. A failed load is thrown during
 * render, so the nearest error boundary says so. The component using it keeps its identity
 * throughout, so what the chunk renders mounts once.
 */
export function useChunk<T>(source: Chunk<T>): T | null {
    const [state, setState] = useState<{ value: T | null; error: unknown }>(() => ({
        value: source.current,
        error: null,
    }));
    useEffect(() => {
        if (state.value !== null) return;
        let live = true;
        source.load().then(
            (value) => live && setState({ value, error: null }),
            (error: unknown) => live && setState({ value: null, error: error ?? new Error("chunk failed to load") }),
        );
        return () => {
            live = false;
        };
    }, [source, state.value]);
    if (state.error) throw state.error;
    return state.value;
}
