/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/** Longest address the homeserver accepts (Synapse's MAX_EMAIL_ADDRESS_LENGTH, RFC 5321's path limit). */
export const MAX_ADDRESS_LENGTH = 500;

export type AddressCheck = { ok: true; address: string } | { ok: false; reason: "empty" | "invalid" | "already_yours" };

/**
 * The comparable form of an address, as Synapse stores it: local part case-folded, domain
 * lower-cased (MSC2265). Used to tell whether an address is already on the account.
 */
export function canonicalAddress(address: string): string {
    const trimmed = address.trim();
    const at = trimmed.lastIndexOf("@");
    if (at < 0) return trimmed.toLowerCase();
    return trimmed.slice(0, at).toLowerCase() + trimmed.slice(at).toLowerCase();
}

// One "@", something before it, a dotted domain after it, no spaces. Deliberately loose: the mail
// itself is the real check, this only catches typos before we make the server send one.
const SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * Checks what the user typed before we ask the homeserver to send a mail. `existing` are the
 * addresses already on the account (adding one again would only produce a confusing server error).
 */
export function checkAddress(input: string, existing: readonly string[] = []): AddressCheck {
    const address = input.trim();
    if (address === "") return { ok: false, reason: "empty" };
    if (address.length > MAX_ADDRESS_LENGTH || !SHAPE.test(address)) return { ok: false, reason: "invalid" };
    const canonical = canonicalAddress(address);
    if (existing.some((e) => canonicalAddress(e) === canonical)) return { ok: false, reason: "already_yours" };
    return { ok: true, address };
}
