/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/** WebCrypto's SubtleCrypto, or a clear error where there is none (a non-secure context). */
export function subtle(): SubtleCrypto {
    const s = globalThis.crypto?.subtle;
    if (!s) throw new Error("WebCrypto is not available");
    return s;
}

/** Copies into a fresh ArrayBuffer-backed array (WebCrypto's BufferSource typing wants one). */
export function bytes(data: ArrayLike<number>): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(new ArrayBuffer(data.length));
    out.set(Array.from(data));
    return out;
}
