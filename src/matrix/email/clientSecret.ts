/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/** 32 random bytes: the spec allows [0-9a-zA-Z.=_-] up to 255 characters, and base64url fits. */
const SECRET_BYTES = 32;

/** Encodes bytes as unpadded base64url (RFC 4648 §5), which only uses characters the spec allows. */
export function toBase64Url(bytes: Uint8Array): string {
    let binary = "";
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * A fresh client secret for one email validation session. It must be unguessable: together with the
 * session id it proves ownership of the address when the account adds it.
 */
export function createClientSecret(): string {
    const bytes = new Uint8Array(SECRET_BYTES);
    crypto.getRandomValues(bytes);
    return toBase64Url(bytes);
}
