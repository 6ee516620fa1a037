/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { useEffect, useState } from "react";

import type { ViewModelLike } from "./viewModel";

/**
 * Creates a view-model when the component mounts (or when `deps` change) and disposes it on unmount,
 * so nothing a panel subscribed to keeps running while the panel is closed. Returns null until the
 * first effect has run (one frame): creating it during render would leak a second instance under
 * React's StrictMode, whose double render has no cleanup.
 */
export function useOwnedViewModel<VM extends ViewModelLike<unknown> & { dispose(): void }>(
    create: () => VM,
    deps: readonly unknown[],
): VM | null {
    const [vm, setVm] = useState<VM | null>(null);
    useEffect(() => {
        const current = create();
        setVm(current);
        return () => current.dispose();
        // eslint-disable-next-line react-hooks/exhaustive-deps -- `deps` is the caller's dependency list
    }, deps);
    return vm;
}
