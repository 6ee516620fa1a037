/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/** What the auth step shows while the homeserver wants the user to confirm it is them. */
export interface AuthRequest {
    method: { kind: "password" } | { kind: "sso"; fallbackUrl: string };
    /** The previous attempt failed: a wrong password, or SSO not finished in the popup. */
    failed: boolean;
}
