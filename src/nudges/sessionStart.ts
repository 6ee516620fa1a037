/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * When this session (device) was first seen, for the deployer's grace period after login. A session
 * lives in one browser profile, so the browser's storage is exactly as wide as a session; keyed by
 * user and device so switching accounts starts a new clock. Falls back to "now" without storage.
 */
export function sessionStartedAt(userId: string, deviceId: string, now: number = Date.now()): number {
    const key = `io.github.element_account_security.session_start.${userId}.${deviceId}`;
    try {
        const stored = Number(globalThis.localStorage?.getItem(key));
        if (Number.isFinite(stored) && stored > 0) return stored;
        globalThis.localStorage?.setItem(key, String(now));
    } catch {
        // Storage may be disabled (private mode); the grace period then counts from this page load.
    }
    return now;
}
