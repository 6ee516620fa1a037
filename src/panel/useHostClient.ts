/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { useCallback, useSyncExternalStore } from "react";
import type { HostClient } from "../matrix/hostClient";

import type { Host } from "./Host";

/** The host's logged-in client, re-rendering on login, logout and account switch. */
export function useHostClient(host: Host): HostClient | null {
    const subscribe = useCallback((onChange: () => void) => host.onClientChange(() => onChange()), [host]);
    const getSnapshot = useCallback(() => host.getClient(), [host]);
    return useSyncExternalStore(subscribe, getSnapshot);
}
