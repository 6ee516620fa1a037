/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { useCallback, useSyncExternalStore } from "react";

import type { AccountSession } from "./AccountSession";
import type { Host } from "./Host";

/** The host's signed-in account (null while logged out); re-renders on login, logout and account switch. */
export function useAccount(host: Host): AccountSession | null {
    const subscribe = useCallback((onChange: () => void) => host.onClientChange(() => onChange()), [host]);
    const getSnapshot = useCallback(() => host.getAccount(), [host]);
    return useSyncExternalStore(subscribe, getSnapshot);
}

/** The count on the account's badge (0 while logged out), following account switches. */
export function useBadgeCount(host: Host): number {
    const account = useAccount(host);
    const subscribe = useCallback(
        (onChange: () => void) => account?.badge.subscribe(onChange) ?? (() => undefined),
        [account],
    );
    return useSyncExternalStore(subscribe, () => account?.badge.get() ?? 0);
}
