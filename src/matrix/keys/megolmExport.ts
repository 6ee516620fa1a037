/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The "Megolm session export" file format, which Element's "Export keys" / "Import keys" (and every
 * other Matrix client's key export) read and write, implemented from the format's description with
 * WebCrypto only:
 *
 *   -----BEGIN MEGOLM SESSION DATA-----
 *   base64( 0x01 | salt (16) | IV (16) | rounds (4, big-endian) | ciphertext | HMAC-SHA-256 (32) )
 *   -----END MEGOLM SESSION DATA-----
 *
 * PBKDF2-HMAC-SHA-512 over the passphrase with the salt and rounds gives 64 bytes: the first 32 are
 * the AES-256-CTR key, the last 32 the HMAC-SHA-256 key. The ciphertext is the JSON list of sessions
 * (as CryptoApi.exportRoomKeysAsJson returns it) encrypted with AES-CTR (64-bit counter, bit 63 of
 * the IV cleared); the HMAC covers everything before it.
 */

import { aesAndHmacKeys } from "../recovery/secretStorageCrypto";

const HEADER = "-----BEGIN MEGOLM SESSION DATA-----";
const FOOTER = "-----END MEGOLM SESSION DATA-----";
const VERSION = 1;
const SALT_LENGTH = 16;
const IV_LENGTH = 16;
const ROUNDS_LENGTH = 4;
const MAC_LENGTH = 32;
/** What Element writes; the format stores it, so imports accept any count up to MAX_ROUNDS. */
export const DEFAULT_EXPORT_ROUNDS = 500_000;
/** A file asking for more would keep the import busy for minutes: refused as not a key file. */
export const MAX_ROUNDS = 10_000_000;
/** Line length of the base64 body (Element wraps at 96; readers ignore line breaks). */
const LINE_LENGTH = 96;

/** The text is not a Megolm session export (no header, bad base64, unknown version, too short). */
export class KeyFileFormatError extends Error {
    public constructor(reason: string) {
        super(`Not a room key export file: ${reason}`);
        this.name = "KeyFileFormatError";
    }
}

/** The file's MAC does not match: wrong passphrase (or a damaged file). */
export class KeyFilePassphraseError extends Error {
    public constructor() {
        super("Wrong passphrase for this key file (or the file is damaged)");
        this.name = "KeyFilePassphraseError";
    }
}

function subtle(): SubtleCrypto {
    const s = globalThis.crypto?.subtle;
    if (!s) throw new Error("WebCrypto is not available");
    return s;
}

async function deriveKeys(
    passphrase: string,
    salt: Uint8Array<ArrayBuffer>,
    rounds: number,
): Promise<[CryptoKey, CryptoKey]> {
    const material = await subtle().importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, [
        "deriveBits",
    ]);
    const derived = new Uint8Array(
        await subtle().deriveBits({ name: "PBKDF2", salt, iterations: rounds, hash: "SHA-512" }, material, 512),
    );
    return aesAndHmacKeys(derived);
}

function toBase64(data: Uint8Array): string {
    let binary = "";
    const chunk = 0x8000;
    for (let i = 0; i < data.length; i += chunk) {
        binary += String.fromCharCode(...data.subarray(i, i + chunk));
    }
    return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
    let binary: string;
    try {
        binary = atob(text);
    } catch {
        throw new KeyFileFormatError("the body is not base64");
    }
    const out = new Uint8Array(new ArrayBuffer(binary.length));
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
}

/** Encrypts the JSON list of sessions into a file's text. `rounds` is for tests; files use the default. */
export async function encryptKeyFile(
    json: string,
    passphrase: string,
    rounds = DEFAULT_EXPORT_ROUNDS,
): Promise<string> {
    if (passphrase.length === 0) throw new Error("A key file needs a passphrase");
    const salt = globalThis.crypto.getRandomValues(new Uint8Array(new ArrayBuffer(SALT_LENGTH)));
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(new ArrayBuffer(IV_LENGTH)));
    // Bit 63 cleared so the 64-bit counter half can never overflow into the nonce half.
    iv[8] = (iv[8] ?? 0) & 0x7f;
    const [aes, hmac] = await deriveKeys(passphrase, salt, rounds);
    const plaintext = new TextEncoder().encode(json);
    const ciphertext = new Uint8Array(
        await subtle().encrypt({ name: "AES-CTR", counter: iv, length: 64 }, aes, plaintext),
    );
    plaintext.fill(0);

    const headerLength = 1 + SALT_LENGTH + IV_LENGTH + ROUNDS_LENGTH;
    const body = new Uint8Array(new ArrayBuffer(headerLength + ciphertext.length + MAC_LENGTH));
    body[0] = VERSION;
    body.set(salt, 1);
    body.set(iv, 1 + SALT_LENGTH);
    new DataView(body.buffer).setUint32(1 + SALT_LENGTH + IV_LENGTH, rounds, false);
    body.set(ciphertext, headerLength);
    const signed = body.subarray(0, headerLength + ciphertext.length);
    const mac = new Uint8Array(await subtle().sign("HMAC", hmac, signed));
    body.set(mac, headerLength + ciphertext.length);

    const encoded = toBase64(body);
    const lines: string[] = [];
    for (let i = 0; i < encoded.length; i += LINE_LENGTH) lines.push(encoded.slice(i, i + LINE_LENGTH));
    return `${HEADER}\n${lines.join("\n")}\n${FOOTER}\n`;
}

/** The base64 body between the header and footer lines. */
function bodyOf(text: string): string {
    const lines = text.split(/\r?\n/).map((line) => line.trim());
    const start = lines.indexOf(HEADER);
    if (start < 0) throw new KeyFileFormatError("no BEGIN MEGOLM SESSION DATA line");
    const end = lines.indexOf(FOOTER, start + 1);
    if (end < 0) throw new KeyFileFormatError("no END MEGOLM SESSION DATA line");
    return lines.slice(start + 1, end).join("");
}

/**
 * Decrypts a file's text into the JSON list of sessions. Throws KeyFileFormatError for anything that
 * is not such a file, KeyFilePassphraseError when the MAC does not match (checked before decrypting).
 */
export async function decryptKeyFile(text: string, passphrase: string): Promise<string> {
    const body = fromBase64(bodyOf(text));
    const headerLength = 1 + SALT_LENGTH + IV_LENGTH + ROUNDS_LENGTH;
    if (body.length < headerLength + MAC_LENGTH) throw new KeyFileFormatError("too short");
    if (body[0] !== VERSION) throw new KeyFileFormatError(`unknown version ${body[0]}`);
    const salt = body.slice(1, 1 + SALT_LENGTH);
    const iv = body.slice(1 + SALT_LENGTH, 1 + SALT_LENGTH + IV_LENGTH);
    const rounds = new DataView(body.buffer).getUint32(1 + SALT_LENGTH + IV_LENGTH, false);
    if (rounds < 1 || rounds > MAX_ROUNDS) throw new KeyFileFormatError(`unusable round count ${rounds}`);
    const ciphertext = body.slice(headerLength, body.length - MAC_LENGTH);
    const mac = body.slice(body.length - MAC_LENGTH);

    const [aes, hmac] = await deriveKeys(passphrase, salt, rounds);
    const signed = body.slice(0, body.length - MAC_LENGTH);
    if (!(await subtle().verify("HMAC", hmac, mac, signed))) throw new KeyFilePassphraseError();
    const plaintext = new Uint8Array(
        await subtle().decrypt({ name: "AES-CTR", counter: iv, length: 64 }, aes, ciphertext),
    );
    const json = new TextDecoder().decode(plaintext);
    plaintext.fill(0);
    return json;
}
