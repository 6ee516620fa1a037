/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The one email-address rule of the module, for users (the Email section) and admins (the Admin
 * section and the command line) alike, so an admin can set every address a user can add and the
 * other way round. Synapse lower-cases an address when it adds it (canonicalise_email) but looks
 * addresses up exactly as given, so we canonicalise before every lookup and comparison; otherwise
 * "Alice@Example.org" would look unowned while "alice@example.org" belongs to someone.
 */

/** Longest address: RFC 5321's limit on a forward path (254 characters between the angle brackets). */
export const MAX_ADDRESS_LENGTH = 254;

export type AddressCheck = { ok: true; address: string } | { ok: false; reason: "empty" | "invalid" | "already_yours" };

/** The comparable form of an address, as Synapse stores it: trimmed, local part and domain lower-cased. */
export function canonicalAddress(address: string): string {
    const trimmed = address.trim();
    const at = trimmed.lastIndexOf("@");
    if (at < 0) return trimmed.toLowerCase();
    return trimmed.slice(0, at).toLowerCase() + trimmed.slice(at).toLowerCase();
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/**
 * Why `address` is not a usable email address, or null when it is. Deliberately practical rather than
 * RFC 5322-complete: one "@", a plain local part, a dotted domain name, the SMTP length limits.
 * Anything that fails here would fail to receive Synapse's password-reset mail anyway.
 */
export function emailProblem(address: string): string | null {
    const value = address.trim();
    if (value === "") return "the address is empty";
    if (/\s/.test(value)) return "the address contains a space";
    const parts = value.split("@");
    if (parts.length !== 2) return "an address needs exactly one @";
    const [local, domain] = parts as [string, string];
    if (local === "" || local.length > 64) return "the part before @ must be 1 to 64 characters";
    if (!LOCAL_PART.test(local) || local.startsWith(".") || local.endsWith(".") || local.includes(".."))
        return "the part before @ has characters an address cannot have";
    if (value.length > MAX_ADDRESS_LENGTH) return `the address is longer than ${MAX_ADDRESS_LENGTH} characters`;
    const labels = domain.split(".");
    if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label)))
        return "the part after @ is not a domain name (like example.org)";
    return null;
}

/**
 * Checks what the user typed before we ask the homeserver to send a mail. `existing` are the
 * addresses already on the account (adding one again would only produce a confusing server error).
 */
export function checkAddress(input: string, existing: readonly string[] = []): AddressCheck {
    const address = input.trim();
    if (address === "") return { ok: false, reason: "empty" };
    if (emailProblem(address) !== null) return { ok: false, reason: "invalid" };
    const canonical = canonicalAddress(address);
    if (existing.some((e) => canonicalAddress(e) === canonical)) return { ok: false, reason: "already_yours" };
    return { ok: true, address };
}
