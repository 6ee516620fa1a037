/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/** The server name of a user id ("@alice:example.org" → "example.org"). */
export function serverNameOf(userId: string): string {
    return userId.slice(userId.indexOf(":") + 1);
}

/**
 * "@alice:example.org" from "@alice:example.org" or plain "alice"; an error for malformed ids and for
 * users of other servers (the Admin API only manages local accounts).
 */
export function normalizeUserId(raw: string, serverName: string): { userId: string } | { error: string } {
    const value = raw.trim();
    if (!value.startsWith("@")) {
        if (value.includes(":")) return { error: `"${value}" is not a user id (expected @name:${serverName})` };
        return /^[^\s@:]+$/.test(value)
            ? { userId: `@${value}:${serverName}` }
            : { error: `"${value}" is not a user id` };
    }
    const match = /^@([^\s:]+):(\S+)$/.exec(value);
    if (!match) return { error: `"${value}" is not a user id (expected @name:${serverName})` };
    if (match[2] !== serverName) return { error: `${value} is not a user of this homeserver (${serverName})` };
    return { userId: value };
}
