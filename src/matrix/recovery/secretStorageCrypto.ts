/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The small pieces of secret-storage cryptography we do ourselves, written from the Matrix spec
 * ("Storage" → m.secret_storage.v1.aes-hmac-sha2, "Key representation", "Deriving keys from
 * passphrases") with WebCrypto only.
 *
 * Why not the client's own secret storage? `client.secretStorage.get/store` obtain the 4S key by
 * calling the app's `getSecretStorageKey` callback, and in Element that callback is Element's: it
 * opens Element's "Enter your recovery key" dialog. Our flows already have the key the user typed,
 * so we decrypt and encrypt the few secrets ourselves and hand the results to CryptoApi methods that
 * take keys directly (importSecretsBundle, storeSessionBackupPrivateKey). The key is checked against
 * its description (keyCheckMatches, in secrets.ts unlockDefaultKey) before any of this runs. matrix-js-sdk is a type-only
 * dependency of the bundle, which is why decoding a recovery key lives here too.
 */

const RECOVERY_KEY_PREFIX = [0x8b, 0x01];
const KEY_LENGTH = 32;
const BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/** The text is not a well-formed recovery key (typo, wrong length, not base58). */
export class MalformedRecoveryKeyError extends Error {
    public constructor(reason: string) {
        super(`Not a recovery key: ${reason}`);
        this.name = "MalformedRecoveryKeyError";
    }
}

function subtle(): SubtleCrypto {
    const s = globalThis.crypto?.subtle;
    if (!s) throw new Error("WebCrypto is not available");
    return s;
}

/** Copies into a fresh ArrayBuffer-backed array (WebCrypto's BufferSource typing wants one). */
function bytes(data: ArrayLike<number>): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(new ArrayBuffer(data.length));
    out.set(Array.from(data));
    return out;
}

function base58Decode(text: string): Uint8Array<ArrayBuffer> {
    let value = 0n;
    for (const char of text) {
        const digit = BASE58_ALPHABET.indexOf(char);
        if (digit < 0) throw new MalformedRecoveryKeyError("unexpected character");
        value = value * 58n + BigInt(digit);
    }
    const out: number[] = [];
    while (value > 0n) {
        out.unshift(Number(value % 256n));
        value /= 256n;
    }
    // Each leading "1" stands for a leading zero byte.
    for (const char of text) {
        if (char !== "1") break;
        out.unshift(0);
    }
    const result = bytes(out);
    out.fill(0);
    return result;
}

/** Whether `text` looks like a recovery key at all (so the form can tell a key from a passphrase). */
export function looksLikeRecoveryKey(text: string): boolean {
    try {
        decodeRecoveryKey(text).fill(0);
        return true;
    } catch {
        return false;
    }
}

/**
 * The 32-byte secret-storage key inside a recovery key ("EsT… …", base58, spaces ignored), checking
 * its prefix, length and parity byte. Throws MalformedRecoveryKeyError.
 */
export function decodeRecoveryKey(text: string): Uint8Array<ArrayBuffer> {
    const decoded = base58Decode(text.replace(/\s+/g, ""));
    if (decoded.length !== RECOVERY_KEY_PREFIX.length + KEY_LENGTH + 1) {
        throw new MalformedRecoveryKeyError("wrong length");
    }
    if (decoded[0] !== RECOVERY_KEY_PREFIX[0] || decoded[1] !== RECOVERY_KEY_PREFIX[1]) {
        throw new MalformedRecoveryKeyError("wrong prefix");
    }
    let parity = 0;
    for (const b of decoded) parity ^= b;
    if (parity !== 0) {
        decoded.fill(0);
        throw new MalformedRecoveryKeyError("parity check failed");
    }
    const key = decoded.slice(RECOVERY_KEY_PREFIX.length, RECOVERY_KEY_PREFIX.length + KEY_LENGTH);
    decoded.fill(0); // only the caller's copy of the key remains, for it to wipe
    return key;
}

/** The parameters a passphrase-based key was made with (`passphrase` in the key's description). */
export interface PassphraseParams {
    algorithm: string;
    salt: string;
    iterations: number;
    bits?: number;
}

/**
 * The most PBKDF2 iterations we run. Clients write 100,000 (older) to 500,000 (matrix-js-sdk today);
 * the count comes from account data, so a corrupt or hostile value (1e12, Infinity) would otherwise
 * keep the unlock spinner turning for hours. 10 million is a few seconds on a slow phone.
 */
export const MAX_PASSPHRASE_ITERATIONS = 10_000_000;
/** Key lengths a passphrase may be stretched to (bits); 256 is what every client writes. */
const MAX_PASSPHRASE_BITS = 1024;

/**
 * The passphrase settings stored with the key cannot be used (unknown algorithm, iteration count
 * that is not a whole number from 1 to MAX_PASSPHRASE_ITERATIONS, ...). The recovery key still works.
 */
export class UnusablePassphraseParamsError extends Error {
    public constructor(reason: string) {
        super(`The passphrase settings stored in account data are unusable: ${reason}`);
        this.name = "UnusablePassphraseParamsError";
    }
}

/** Why `params` (read from account data: any JSON at all) cannot be used, or null when they can. */
export function passphraseParamsProblem(params: unknown): string | null {
    const p = (typeof params === "object" && params !== null ? params : {}) as Record<string, unknown>;
    if (p.algorithm !== "m.pbkdf2") return `unknown algorithm ${JSON.stringify(p.algorithm)}`;
    if (typeof p.salt !== "string") return "no salt";
    const { iterations, bits } = p;
    if (typeof iterations !== "number" || !Number.isInteger(iterations) || iterations < 1)
        return `iteration count ${JSON.stringify(iterations)} is not a whole number of at least 1`;
    if (iterations > MAX_PASSPHRASE_ITERATIONS)
        return `iteration count ${iterations} is above the limit of ${MAX_PASSPHRASE_ITERATIONS}`;
    if (
        bits !== undefined &&
        (typeof bits !== "number" || !Number.isInteger(bits) || bits < 8 || bits > MAX_PASSPHRASE_BITS || bits % 8)
    )
        return `key length ${JSON.stringify(bits)} is not a multiple of 8 from 8 to ${MAX_PASSPHRASE_BITS} bits`;
    return null;
}

/**
 * Derives the secret-storage key from a passphrase (m.pbkdf2: PBKDF2 with SHA-512).
 * Throws UnusablePassphraseParamsError, before any work, when the stored settings are unusable.
 */
export async function deriveKeyFromPassphrase(
    passphrase: string,
    params: PassphraseParams,
): Promise<Uint8Array<ArrayBuffer>> {
    const problem = passphraseParamsProblem(params);
    if (problem !== null) throw new UnusablePassphraseParamsError(problem);
    const encoder = new TextEncoder();
    const material = await subtle().importKey("raw", encoder.encode(passphrase), "PBKDF2", false, ["deriveBits"]);
    const bits = await subtle().deriveBits(
        { name: "PBKDF2", salt: encoder.encode(params.salt), iterations: params.iterations, hash: "SHA-512" },
        material,
        params.bits ?? 256,
    );
    return new Uint8Array(bits);
}

export function encodeBase64(data: Uint8Array): string {
    let binary = "";
    for (const b of data) binary += String.fromCharCode(b);
    return btoa(binary);
}

export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
    const normalised = text.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
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
        // WebCrypto keeps its own (non-extractable) copies.
        aesBytes.fill(0);
        hmacBytes.fill(0);
    }
}

/** The secret's MAC did not verify: wrong key, or the stored data is damaged. */
export class SecretDecryptionError extends Error {
    public constructor(name: string) {
        super(`Could not decrypt ${name}: bad MAC`);
        this.name = "SecretDecryptionError";
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
    const [aes, hmac] = await deriveKeys(key, name);
    const ciphertext = decodeBase64(data.ciphertext);
    if (!(await subtle().verify("HMAC", hmac, decodeBase64(data.mac), ciphertext))) {
        throw new SecretDecryptionError(name);
    }
    const plaintext = await subtle().decrypt(
        { name: "AES-CTR", counter: decodeBase64(data.iv), length: 64 },
        aes,
        ciphertext,
    );
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
    const [aes, hmac] = await deriveKeys(key, "");
    const ciphertext = new Uint8Array(
        await subtle().encrypt(
            { name: "AES-CTR", counter: decodeBase64(check.iv), length: 64 },
            aes,
            new Uint8Array(32),
        ),
    );
    const mac = new Uint8Array(await subtle().sign("HMAC", hmac, ciphertext));
    return constantTimeEqual(mac, decodeBase64(check.mac));
}

/*
 * Public keys from private ones, to check that a secret from storage belongs to what the server
 * publishes before handing it to the crypto stack (importSecretsBundle trusts what it is given).
 * WebCrypto imports a raw 32-byte private key only inside PKCS#8; these are the fixed DER headers.
 */
const PKCS8_PREFIX = {
    Ed25519: [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20],
    X25519: [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20],
};

/**
 * The unpadded base64 public key for a 32-byte Ed25519 seed or X25519 private key, or null when this
 * browser's WebCrypto lacks the curve (the caller then relies on the crypto stack's own checks).
 */
export async function publicKeyOf(curve: "Ed25519" | "X25519", privateKey: Uint8Array): Promise<string | null> {
    const der = bytes([...PKCS8_PREFIX[curve], ...privateKey]);
    try {
        const usages: KeyUsage[] = curve === "Ed25519" ? ["sign"] : ["deriveBits"];
        const key = await subtle().importKey("pkcs8", der, { name: curve }, true, usages);
        const jwk = await subtle().exportKey("jwk", key);
        return jwk.x ? encodeBase64(decodeBase64(jwk.x)).replace(/=+$/, "") : null;
    } catch {
        return null;
    } finally {
        der.fill(0);
    }
}
