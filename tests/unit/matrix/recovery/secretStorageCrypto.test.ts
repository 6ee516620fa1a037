/**
 * @jest-environment node
 */
/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Our spec implementations must agree with matrix-js-sdk's own (the tests may import the SDK; the
// bundle may not).
import { decodeRecoveryKey as sdkDecode, encodeRecoveryKey } from "matrix-js-sdk/lib/crypto-api/recovery-key";
import { deriveRecoveryKeyFromPassphrase } from "matrix-js-sdk/lib/crypto-api/key-passphrase";
import sdkDecrypt from "matrix-js-sdk/lib/utils/decryptAESSecretStorageItem";
import sdkEncrypt from "matrix-js-sdk/lib/utils/encryptAESSecretStorageItem";
import { calculateKeyCheck } from "matrix-js-sdk/lib/secret-storage";

import {
    decodeRecoveryKey,
    decryptSecret,
    deriveKeyFromPassphrase,
    constantTimeEqual,
    encryptSecret,
    keyCheckMatches,
    looksLikeRecoveryKey,
    MalformedRecoveryKeyError,
    MAX_PASSPHRASE_ITERATIONS,
    passphraseParamsProblem,
    privateKeyMatches,
    SecretDecryptionError,
    UnusablePassphraseParamsError,
} from "../../../../src/matrix/recovery/secretStorageCrypto";

const key = Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + 3) & 0xff);

describe("recovery key decoding", () => {
    it("reads keys encoded by matrix-js-sdk, with or without spaces", () => {
        for (const sample of [key, new Uint8Array(32), new Uint8Array(32).fill(255)]) {
            const encoded = encodeRecoveryKey(sample) as string;
            expect(Array.from(decodeRecoveryKey(encoded))).toEqual(Array.from(sdkDecode(encoded)));
            expect(Array.from(decodeRecoveryKey(encoded.replace(/ /g, "")))).toEqual(Array.from(sample));
        }
    });

    it("rejects typos (parity), wrong prefixes, lengths and characters", () => {
        const encoded = encodeRecoveryKey(key) as string;
        const typo = encoded.slice(0, 10) + (encoded[10] === "a" ? "b" : "a") + encoded.slice(11);
        expect(() => decodeRecoveryKey(typo)).toThrow(MalformedRecoveryKeyError);
        expect(() => decodeRecoveryKey(encoded.slice(0, -4))).toThrow(MalformedRecoveryKeyError);
        expect(() => decodeRecoveryKey("correct horse battery staple")).toThrow(MalformedRecoveryKeyError);
        // A well-formed key of the right length and parity but another prefix (not a secret-storage key).
        const wrongPrefix = [0x8b, 0x02, ...key];
        const parity = wrongPrefix.reduce((p, b) => p ^ b, 0);
        const withParity = Uint8Array.from([...wrongPrefix, parity]);
        const bs58 = (bytes: Uint8Array): string => {
            let n = BigInt("0x" + Buffer.from(bytes).toString("hex"));
            const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
            let out = "";
            while (n > 0n) {
                out = alphabet[Number(n % 58n)] + out;
                n /= 58n;
            }
            return out;
        };
        expect(() => decodeRecoveryKey(bs58(withParity))).toThrow(/prefix/);
        expect(looksLikeRecoveryKey(encoded)).toBe(true);
        expect(looksLikeRecoveryKey("0OIl")).toBe(false);
    });
});

describe("passphrase derivation", () => {
    it("derives the same key as matrix-js-sdk", async () => {
        const ours = await deriveKeyFromPassphrase("correct horse", {
            algorithm: "m.pbkdf2",
            salt: "s4lt",
            iterations: 1000,
        });
        const theirs = await deriveRecoveryKeyFromPassphrase("correct horse", "s4lt", 1000);
        expect(Array.from(ours)).toEqual(Array.from(theirs));
    });

    // The settings come from account data: a hostile or corrupt value must not hang the unlock.
    it.each([
        ["an absurd iteration count", { iterations: 1e12 }],
        ["one above the limit", { iterations: MAX_PASSPHRASE_ITERATIONS + 1 }],
        ["Infinity", { iterations: Infinity }],
        ["NaN", { iterations: NaN }],
        ["a fraction", { iterations: 1000.5 }],
        ["zero", { iterations: 0 }],
        ["a negative count", { iterations: -5 }],
        ["a string", { iterations: "500000" }],
        ["no count", { iterations: undefined }],
        ["a huge key length", { bits: 2 ** 31 }],
        ["a key length that is not whole bytes", { bits: 255 }],
        ["an unknown algorithm", { algorithm: "m.scrypt" }],
        ["no salt", { salt: undefined }],
    ])("refuses %s before deriving anything", async (_name, change) => {
        // Stubbed so that a regression fails here instead of running 10^12 rounds in a worker thread.
        const deriveBits = jest.spyOn(globalThis.crypto.subtle, "deriveBits").mockRejectedValue(new Error("derived"));
        const importKey = jest.spyOn(globalThis.crypto.subtle, "importKey").mockRejectedValue(new Error("imported"));
        try {
            const params = { algorithm: "m.pbkdf2", salt: "s4lt", iterations: 500_000, ...change } as never;
            await expect(deriveKeyFromPassphrase("correct horse", params)).rejects.toBeInstanceOf(
                UnusablePassphraseParamsError,
            );
            expect(deriveBits).not.toHaveBeenCalled();
            expect(importKey).not.toHaveBeenCalled();
        } finally {
            deriveBits.mockRestore();
            importKey.mockRestore();
        }
    });

    // Issue 12: with `bits: 8` the derived key has 256 possible values, so whoever can write account
    // data (the homeserver) could find the backup key in at most 256 tries.
    it.each([8, 16, 128, 255, 512, 1024])(
        "bits: %d — a passphrase key shorter or longer than 256 bits is refused before anything is derived",
        async (bits) => {
            const params = { algorithm: "m.pbkdf2", salt: "s4lt", iterations: 1000, bits };
            expect(passphraseParamsProblem(params)).toMatch(/key length/);
            await expect(deriveKeyFromPassphrase("correct horse", params)).rejects.toBeInstanceOf(
                UnusablePassphraseParamsError,
            );
        },
    );

    it("accepts what clients write, up to the limit", () => {
        for (const iterations of [1, 100_000, 500_000, MAX_PASSPHRASE_ITERATIONS]) {
            expect(passphraseParamsProblem({ algorithm: "m.pbkdf2", salt: "s", iterations })).toBeNull();
        }
        expect(passphraseParamsProblem({ algorithm: "m.pbkdf2", salt: "s", iterations: 1, bits: 256 })).toBeNull();
        expect(passphraseParamsProblem({ algorithm: "m.pbkdf2", salt: "s", iterations: 1e12 })).toMatch(
            /iteration count 1000000000000 is above the limit of 10000000/,
        );
    });
});

describe("secret encryption (m.secret_storage.v1.aes-hmac-sha2)", () => {
    it("what we encrypt the SDK decrypts, and the other way round", async () => {
        const ours = await encryptSecret("a secret", key, "m.cross_signing.master");
        expect(await sdkDecrypt(ours, key, "m.cross_signing.master")).toBe("a secret");
        const theirs = await sdkEncrypt("another", key, "m.megolm_backup.v1");
        expect(await decryptSecret(theirs, key, "m.megolm_backup.v1")).toBe("another");
    });

    it("refuses a wrong key or a secret stored under another name", async () => {
        const stored = await encryptSecret("a secret", key, "m.cross_signing.master");
        await expect(decryptSecret(stored, new Uint8Array(32), "m.cross_signing.master")).rejects.toBeInstanceOf(
            SecretDecryptionError,
        );
        await expect(decryptSecret(stored, key, "m.cross_signing.self_signing")).rejects.toBeInstanceOf(
            SecretDecryptionError,
        );
    });
});

describe("key check (iv + mac of a key description)", () => {
    it("accepts the key matrix-js-sdk made the check with, and refuses any other", async () => {
        const check = await calculateKeyCheck(Uint8Array.from(key));
        expect(await keyCheckMatches(key, check)).toBe(true);
        // Unpadded base64, as some clients store it.
        expect(await keyCheckMatches(key, { iv: check.iv, mac: check.mac.replace(/=+$/, "") })).toBe(true);
        const other = Uint8Array.from(key);
        other[31] = (other[31] ?? 0) ^ 1;
        expect(await keyCheckMatches(other, check)).toBe(false);
    });

    it("compares every byte (equal, different, different lengths)", () => {
        expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
        expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
        expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2))).toBe(false);
        expect(constantTimeEqual(Uint8Array.of(0), Uint8Array.of())).toBe(false);
    });
});

describe("private keys against published public keys", () => {
    const hex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g)!.map((b) => parseInt(b, 16)));
    const b64 = (h: string): string => Buffer.from(hex(h)).toString("base64").replace(/=+$/, "");
    // Known vectors from RFC 8032 (Ed25519 test 1) and RFC 7748 (Alice's X25519 key).
    const ed = {
        secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        public: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    };
    const x = {
        secret: "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
        public: "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
    };

    it("match their own public key and no other (Ed25519, X25519)", async () => {
        expect(await privateKeyMatches("Ed25519", hex(ed.secret), b64(ed.public))).toBe(true);
        expect(await privateKeyMatches("Ed25519", hex(ed.secret), b64(ed.public) + "=")).toBe(true);
        expect(await privateKeyMatches("Ed25519", key, b64(ed.public))).toBe(false);
        expect(await privateKeyMatches("X25519", hex(x.secret), b64(x.public))).toBe(true);
        expect(await privateKeyMatches("X25519", key, b64(x.public))).toBe(false);
        // Not a public key at all: no answer rather than a wrong one.
        expect(await privateKeyMatches("X25519", key, "not base64!")).toBeNull();
    });

    it("never import a private key as extractable, so no export (JWK `d`) can reveal it", async () => {
        const subtle = globalThis.crypto.subtle;
        const imports = jest.spyOn(subtle, "importKey");
        const exports = jest.spyOn(subtle, "exportKey");
        try {
            await privateKeyMatches("Ed25519", hex(ed.secret), b64(ed.public));
            await privateKeyMatches("X25519", hex(x.secret), b64(x.public));
            const privateImports = imports.mock.calls.filter(([format]) => format === "pkcs8");
            expect(privateImports).toHaveLength(2);
            for (const call of privateImports) expect(call[3]).toBe(false);
            expect(exports).not.toHaveBeenCalled();
        } finally {
            imports.mockRestore();
            exports.mockRestore();
        }
    });
});

describe("malformed stored data", () => {
    it("a malformed iv, MAC or base64 is a decryption error, not a generic failure", async () => {
        const stored = await encryptSecret("a secret", key, "m.cross_signing.master");
        const bad = [
            { ...stored, iv: "not base64 at all!" },
            { ...stored, iv: Buffer.alloc(8).toString("base64") }, // 8 bytes, not 16
            { ...stored, ciphertext: "%%%" },
            { ...stored, mac: "a" },
        ];
        for (const item of bad) {
            await expect(decryptSecret(item, key, "m.cross_signing.master")).rejects.toBeInstanceOf(
                SecretDecryptionError,
            );
        }
        await expect(keyCheckMatches(key, { iv: "***", mac: stored.mac })).rejects.toBeInstanceOf(
            SecretDecryptionError,
        );
    });
});

describe("what is zeroed", () => {
    it("zeroes every byte array of key material it hands to WebCrypto (HKDF input, AES and HMAC keys, PKCS#8 wrapper)", async () => {
        const handed: Uint8Array[] = [];
        const subtle = globalThis.crypto.subtle;
        const original = subtle.importKey.bind(subtle);
        const spy = jest.spyOn(subtle, "importKey").mockImplementation(((
            format: string,
            data: BufferSource,
            ...rest: unknown[]
        ) => {
            // Secret material only: a published public key (raw Ed25519 / X25519) is no secret.
            const algorithm = (rest[0] as { name?: string } | string | undefined) ?? "";
            const name = typeof algorithm === "string" ? algorithm : algorithm.name;
            const isPublic = format === "raw" && (name === "Ed25519" || name === "X25519");
            if (data instanceof Uint8Array && !isPublic) handed.push(data);
            return (original as (...args: unknown[]) => Promise<CryptoKey>)(format, data, ...rest);
        }) as typeof subtle.importKey);
        try {
            const stored = await encryptSecret("a secret", key, "m.cross_signing.master");
            expect(await decryptSecret(stored, key, "m.cross_signing.master")).toBe("a secret");
            await privateKeyMatches("Ed25519", key, Buffer.alloc(32, 1).toString("base64"));
        } finally {
            spy.mockRestore();
        }
        const keyMaterial = handed.filter((b) => b.length >= 32);
        expect(keyMaterial.length).toBeGreaterThanOrEqual(7); // 2 × (HKDF, AES, HMAC) + PKCS#8
        for (const b of keyMaterial) expect(b.every((x) => x === 0)).toBe(true);
        // The caller's own key is the caller's to zero: untouched.
        expect(key.some((x) => x !== 0)).toBe(true);
    });
});
