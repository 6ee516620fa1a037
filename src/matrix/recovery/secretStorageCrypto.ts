/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The small pieces of secret-storage cryptography we do ourselves, written from the Matrix spec
 * ("Storage" → m.secret_storage.v1.aes-hmac-sha2, "Key representation") with WebCrypto only.
 *
 * Why not the client's own secret storage? `client.secretStorage.get/store` obtain the 4S key by
 * calling the app's `getSecretStorageKey` callback, and in Element that callback is Element's: it
 * opens Element's "Enter your recovery key" dialog. Our flows already have the key the user typed,
 * so we decrypt and encrypt the few secrets ourselves and hand the results to CryptoApi methods that
 * take keys directly (storeSessionBackupPrivateKey), or serve them to the one that reads them through
 * the client's secret storage (bootstrapCrossSigning, recovery/importCrossSigning.ts). Where the
 * module lets the client's secret storage ask for the key (`resetKeyBackup` in recovery/backup.ts,
 * `startDehydration` in keys/dehydratedDevice.ts), it answers that callback itself for the length of
 * that call, so that Element's dialog still never opens. The key is checked against its description (keyCheckMatches, in
 * secrets.ts unlockDefaultKey) before any of this runs.
 *
 * Why not matrix-js-sdk's own pure functions for these steps? Each was tried, bundled from the SDK's
 * lib path (never the client); only the passphrase derivation is kept (passphraseKey.ts: one small
 * file, no dependencies). The others stay ours because:
 * - AES encryption, decryption and the key check (encrypt/decryptAESSecretStorageItem,
 *   calculateKeyCheck): the SDK's key derivation leaves the derived AES and HMAC key bytes in memory,
 *   while ours wipes every byte of key material it hands to WebCrypto ("what is zeroed" in the unit
 *   tests fails with the SDK's); and calculateKeyCheck lives in the module of the client's secret
 *   storage, which must not be bundled.
 * - The recovery key's text form (decodeRecoveryKey, recoveryKey.ts): the SDK's leaves the decoded
 *   bytes, key included, in a buffer it does not wipe, and its base58 codec put 0.8 KB gzipped more on
 *   the panel's first open (58.9 of the 60 KB budget).
 * The round-trip tests (tests/unit/matrix/recovery/secretStorageCrypto.test.ts) check ours against the SDK's.
 */

import { bytes, subtle } from "./webCrypto";

// The recovery key's text form and the passphrase derivation have files of their own; importers find them here too.
export { decodeRecoveryKey, looksLikeRecoveryKey, MalformedRecoveryKeyError } from "./recoveryKey";
export {
    deriveKeyFromPassphrase,
    MAX_PASSPHRASE_ITERATIONS,
    passphraseParamsProblem,
    UnusablePassphraseParamsError,
    type PassphraseParams,
} from "./passphraseKey";

export function encodeBase64(data: Uint8Array): string {
    let binary = "";
    for (const b of data) binary += String.fromCharCode(b);
    return btoa(binary);
}

/** Text that should be base64 is not (damaged or hostile account data). */
export class MalformedBase64Error extends Error {
    public constructor() {
        super("Not valid base64");
        this.name = "MalformedBase64Error";
    }
}

export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
    if (typeof text !== "string") throw new MalformedBase64Error();
    const normalised = text.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
    if (!/^[A-Za-z0-9+/]*$/.test(normalised) || normalised.length % 4 === 1) throw new MalformedBase64Error();
    const padded = normalised + "=".repeat((4 - (normalised.length % 4)) % 4);
    const binary = atob(padded);
    const out = new Uint8Array(new ArrayBuffer(binary.length));
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
}

/** One secret encrypted with one key, as stored in account data under `encrypted.<keyId>`. */
export interface EncryptedSecret {
    iv: string;
    ciphertext: string;
    mac: string;
}

/** HKDF-SHA-256 (zero salt, info = secret name) → 32 bytes for AES-CTR, 32 bytes for HMAC-SHA-256. */
async function deriveKeys(key: Uint8Array, name: string): Promise<[CryptoKey, CryptoKey]> {
    const copy = bytes(key);
    const hkdfKey = await subtle().importKey("raw", copy, "HKDF", false, ["deriveBits"]);
    copy.fill(0);
    const derived = new Uint8Array(
        await subtle().deriveBits(
            { name: "HKDF", salt: new Uint8Array(32), info: new TextEncoder().encode(name), hash: "SHA-256" },
            hkdfKey,
            512,
        ),
    );
    return aesAndHmacKeys(derived);
}

/**
 * 64 derived bytes → an AES-256-CTR key (the first 32) and an HMAC-SHA-256 key (the last 32), the
 * split both secret storage and the room-key file format use. Wipes `derived` and its halves; WebCrypto
 * keeps its own (non-extractable) copies.
 */
export async function aesAndHmacKeys(derived: Uint8Array<ArrayBuffer>): Promise<[CryptoKey, CryptoKey]> {
    const aesBytes = derived.slice(0, 32);
    const hmacBytes = derived.slice(32);
    derived.fill(0);
    try {
        const aes = await subtle().importKey("raw", aesBytes, "AES-CTR", false, ["encrypt", "decrypt"]);
        const hmac = await subtle().importKey("raw", hmacBytes, { name: "HMAC", hash: "SHA-256" }, false, [
            "sign",
            "verify",
        ]);
        return [aes, hmac];
    } finally {
        aesBytes.fill(0);
        hmacBytes.fill(0);
    }
}

/**
 * A stored secret could not be decrypted: its MAC did not verify (wrong key, or damaged data), or
 * its iv / ciphertext / MAC is not well-formed (not base64, an iv that is not 16 bytes).
 */
export class SecretDecryptionError extends Error {
    public constructor(name: string, reason = "bad MAC") {
        super(`Could not decrypt ${name}: ${reason}`);
        this.name = "SecretDecryptionError";
    }
}

/** The iv, ciphertext and MAC of a stored item as bytes, or SecretDecryptionError when malformed. */
function parseEncrypted(data: { iv?: unknown; ciphertext?: unknown; mac?: unknown }, name: string) {
    try {
        const iv = decodeBase64(data.iv as string);
        const mac = decodeBase64(data.mac as string);
        const ciphertext = data.ciphertext === undefined ? null : decodeBase64(data.ciphertext as string);
        if (iv.length !== 16) throw new SecretDecryptionError(name, `the iv is ${iv.length} bytes, not 16`);
        return { iv, mac, ciphertext };
    } catch (error) {
        if (error instanceof SecretDecryptionError) throw error;
        if (error instanceof MalformedBase64Error) throw new SecretDecryptionError(name, "malformed base64");
        throw error;
    }
}

export async function encryptSecret(secret: string, key: Uint8Array, name: string): Promise<EncryptedSecret> {
    const [aes, hmac] = await deriveKeys(key, name);
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(16));
    // The spec clears bit 63 so the 64-bit counter half can never overflow into the nonce.
    iv[8] = (iv[8] ?? 0) & 0x7f;
    const ciphertext = new Uint8Array(
        await subtle().encrypt({ name: "AES-CTR", counter: iv, length: 64 }, aes, new TextEncoder().encode(secret)),
    );
    const mac = new Uint8Array(await subtle().sign("HMAC", hmac, ciphertext));
    return { iv: encodeBase64(iv), ciphertext: encodeBase64(ciphertext), mac: encodeBase64(mac) };
}

export async function decryptSecret(data: EncryptedSecret, key: Uint8Array, name: string): Promise<string> {
    const parsed = parseEncrypted(data, name);
    const ciphertext = parsed.ciphertext ?? new Uint8Array(0);
    const [aes, hmac] = await deriveKeys(key, name);
    if (!(await subtle().verify("HMAC", hmac, parsed.mac, ciphertext))) {
        throw new SecretDecryptionError(name);
    }
    const plaintext = await subtle().decrypt({ name: "AES-CTR", counter: parsed.iv, length: 64 }, aes, ciphertext);
    return new TextDecoder().decode(plaintext);
}

/** Whether two byte strings are equal, looking at every byte (no early exit whose timing tells where they differ). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
    let diff = a.length ^ b.length;
    for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
    return diff === 0;
}

/**
 * Whether `key` is the one a key description's check (`iv`, `mac`) was made with: the spec's check is
 * 32 zero bytes encrypted under the empty name; we compare the MACs in constant time.
 */
export async function keyCheckMatches(key: Uint8Array, check: { iv: string; mac: string }): Promise<boolean> {
    // A malformed check is a SecretDecryptionError (damaged key description), never a generic failure.
    const parsed = parseEncrypted({ iv: check.iv, mac: check.mac }, "the key check");
    const [aes, hmac] = await deriveKeys(key, "");
    const ciphertext = new Uint8Array(
        await subtle().encrypt({ name: "AES-CTR", counter: parsed.iv, length: 64 }, aes, new Uint8Array(32)),
    );
    const mac = new Uint8Array(await subtle().sign("HMAC", hmac, ciphertext));
    return constantTimeEqual(mac, parsed.mac);
}

/*
 * Does a private key from secret storage belong to the public key the server publishes? (Which stored
 * key is stale, and whether a backup key is the current backup's, before either is used.) The private key
 * is imported as NON-extractable, so WebCrypto never gives any form of it back (a JWK export would
 * contain it as `d`): Ed25519 by signing a random challenge and verifying it with the published key,
 * X25519 by Diffie-Hellman with the curve's base point (u = 9), whose result is the public key itself.
 * WebCrypto imports a raw 32-byte private key only inside PKCS#8; these are the fixed DER headers.
 */
const PKCS8_PREFIX = {
    Ed25519: [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20],
    X25519: [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20],
};

/** The X25519 base point u = 9, little-endian. */
const X25519_BASE_POINT = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 9 : 0));

/**
 * Whether the 32-byte Ed25519 seed or X25519 private key `privateKey` belongs to `publicKey` (base64,
 * padded or not). Null when this browser's WebCrypto lacks the curve or `publicKey` is not a key (the
 * caller then relies on the crypto stack's own checks). The PKCS#8 wrapper we build is zeroed after the
 * import; WebCrypto keeps its own non-extractable copy until the CryptoKey is garbage-collected.
 */
export async function privateKeyMatches(
    curve: "Ed25519" | "X25519",
    privateKey: Uint8Array,
    publicKey: string,
): Promise<boolean | null> {
    let published: Uint8Array<ArrayBuffer>;
    try {
        published = decodeBase64(publicKey);
    } catch {
        return null;
    }
    if (published.length !== 32) return null;
    const der = bytes([...PKCS8_PREFIX[curve], ...privateKey]);
    try {
        if (curve === "Ed25519") {
            const signing = await subtle().importKey("pkcs8", der, { name: "Ed25519" }, false, ["sign"]);
            const verifying = await subtle().importKey("raw", published, { name: "Ed25519" }, false, ["verify"]);
            const challenge = globalThis.crypto.getRandomValues(new Uint8Array(32));
            const signature = await subtle().sign({ name: "Ed25519" }, signing, challenge);
            return await subtle().verify({ name: "Ed25519" }, verifying, signature, challenge);
        }
        const secret = await subtle().importKey("pkcs8", der, { name: "X25519" }, false, ["deriveBits"]);
        const base = await subtle().importKey("raw", bytes(X25519_BASE_POINT), { name: "X25519" }, false, []);
        const derived = new Uint8Array(
            await subtle().deriveBits({ name: "X25519", public: base } as unknown as AlgorithmIdentifier, secret, 256),
        );
        return constantTimeEqual(derived, published);
    } catch {
        return null;
    } finally {
        der.fill(0);
    }
}
