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
    // Zero our intermediate copy; the caller zeroes the returned one. (The typed text and the BigInt
    // used while decoding are immutable in JavaScript: they cannot be wiped, only dropped.)
    decoded.fill(0);
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
/**
 * The only key length a passphrase may be stretched to (bits): what every client writes, and the
 * length of a secret-storage key. The value comes from account data, which the homeserver can write:
 * `bits: 8` would leave 256 possible keys, so any other length is refused.
 */
const PASSPHRASE_BITS = 256;

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
    if (bits !== undefined && bits !== PASSPHRASE_BITS)
        return `key length ${JSON.stringify(bits)} is not ${PASSPHRASE_BITS} bits`;
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
        PASSPHRASE_BITS,
    );
    return new Uint8Array(bits);
}

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
 * Does a private key from secret storage belong to the public key the server publishes? Checked before
 * the secret is handed to the crypto stack (importSecretsBundle trusts what it is given). The private key
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
