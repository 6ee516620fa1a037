/**
 * @jest-environment node
 */
/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The key file format against an independent implementation written here with Node's crypto from
// the format's description (the one Element's "Export keys" writes): our files decrypt with it, and
// its files decrypt with ours.
import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";

import { exportPassphraseProblem } from "../../../../src/matrix/keys/exportPassphrase";
import {
    decryptKeyFile,
    DEFAULT_EXPORT_ROUNDS,
    encryptKeyFile,
    KeyFileFormatError,
    KeyFilePassphraseError,
} from "../../../../src/matrix/keys/megolmExport";

const HEADER = "-----BEGIN MEGOLM SESSION DATA-----";
const FOOTER = "-----END MEGOLM SESSION DATA-----";

function nodeEncrypt(plaintext: string, passphrase: string, rounds: number): string {
    const salt = randomBytes(16);
    const iv = randomBytes(16);
    iv[8]! &= 0x7f;
    const keys = pbkdf2Sync(passphrase, salt, rounds, 64, "sha512");
    const cipher = createCipheriv("aes-256-ctr", keys.subarray(0, 32), iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const roundsBytes = Buffer.alloc(4);
    roundsBytes.writeUInt32BE(rounds);
    const signed = Buffer.concat([Buffer.from([1]), salt, iv, roundsBytes, ciphertext]);
    const mac = createHmac("sha256", keys.subarray(32)).update(signed).digest();
    const body = Buffer.concat([signed, mac]).toString("base64");
    return `${HEADER}\n${body.match(/.{1,76}/g)!.join("\n")}\n${FOOTER}\n`;
}

function nodeDecrypt(file: string, passphrase: string): { plaintext: string; rounds: number } {
    const lines = file.trim().split("\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines.at(-1)).toBe(FOOTER);
    const body = Buffer.from(lines.slice(1, -1).join(""), "base64");
    expect(body[0]).toBe(1);
    const salt = body.subarray(1, 17);
    const iv = body.subarray(17, 33);
    const rounds = body.readUInt32BE(33);
    const ciphertext = body.subarray(37, body.length - 32);
    const mac = body.subarray(body.length - 32);
    const keys = pbkdf2Sync(passphrase, salt, rounds, 64, "sha512");
    const expected = createHmac("sha256", keys.subarray(32))
        .update(body.subarray(0, body.length - 32))
        .digest();
    if (!timingSafeEqual(expected, mac)) throw new Error("bad MAC");
    const decipher = createDecipheriv("aes-256-ctr", keys.subarray(0, 32), iv);
    return { plaintext: Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8"), rounds };
}

const SESSIONS = JSON.stringify([
    {
        algorithm: "m.megolm.v1.aes-sha2",
        room_id: "!room:example.org",
        sender_key: "sender",
        session_id: "session",
        session_key: "AQAAAA…",
        sender_claimed_keys: { ed25519: "ed" },
        forwarding_curve25519_key_chain: [],
    },
]);

describe("the Megolm session export format", () => {
    it("a file we write decrypts with an independent implementation, at Element's 500,000 rounds by default", async () => {
        const file = await encryptKeyFile(SESSIONS, "correct horse battery staple");
        const { plaintext, rounds } = nodeDecrypt(file, "correct horse battery staple");
        expect(plaintext).toBe(SESSIONS);
        expect(rounds).toBe(DEFAULT_EXPORT_ROUNDS);
        // Lines no longer than 96 characters, the header and footer on their own lines.
        for (const line of file.trim().split("\n")) expect(line.length).toBeLessThanOrEqual(96);
        expect(() => nodeDecrypt(file, "wrong passphrase")).toThrow("bad MAC");
    });

    it("a file written by the independent implementation decrypts with ours (any line wrapping, CRLF)", async () => {
        const file = nodeEncrypt(SESSIONS, "pässphrase with ünïcode", 1000);
        expect(await decryptKeyFile(file, "pässphrase with ünïcode")).toBe(SESSIONS);
        expect(await decryptKeyFile(file.replace(/\n/g, "\r\n"), "pässphrase with ünïcode")).toBe(SESSIONS);
    });

    it("each file has its own salt and IV, with bit 63 of the IV cleared", async () => {
        const a = await encryptKeyFile(SESSIONS, "passphrase-one", 1000);
        const b = await encryptKeyFile(SESSIONS, "passphrase-one", 1000);
        const bodyOf = (f: string): Buffer => Buffer.from(f.trim().split("\n").slice(1, -1).join(""), "base64");
        expect(bodyOf(a).subarray(1, 33).equals(bodyOf(b).subarray(1, 33))).toBe(false);
        expect(bodyOf(a)[17 + 8]! & 0x80).toBe(0);
    });

    it("a wrong passphrase is told apart from a file that is not a key export", async () => {
        const file = nodeEncrypt(SESSIONS, "right passphrase", 1000);
        await expect(decryptKeyFile(file, "wrong passphrase")).rejects.toBeInstanceOf(KeyFilePassphraseError);
        await expect(decryptKeyFile("hello", "x")).rejects.toBeInstanceOf(KeyFileFormatError);
        await expect(decryptKeyFile(`${HEADER}\n!!!\n${FOOTER}`, "x")).rejects.toBeInstanceOf(KeyFileFormatError);
        const tooShort = `${HEADER}\n${Buffer.from([1, 2, 3]).toString("base64")}\n${FOOTER}`;
        await expect(decryptKeyFile(tooShort, "x")).rejects.toBeInstanceOf(KeyFileFormatError);
        // Version 2 does not exist.
        const body = Buffer.from(file.trim().split("\n").slice(1, -1).join(""), "base64");
        body[0] = 2;
        const v2 = `${HEADER}\n${body.toString("base64")}\n${FOOTER}`;
        await expect(decryptKeyFile(v2, "right passphrase")).rejects.toThrow("unknown version 2");
        // A round count that would keep the import busy for hours is refused before any work.
        body[0] = 1;
        body.writeUInt32BE(0xffffffff, 33);
        const slow = `${HEADER}\n${body.toString("base64")}\n${FOOTER}`;
        await expect(decryptKeyFile(slow, "right passphrase")).rejects.toThrow("unusable round count");
    });
});

describe("the export passphrase rule (stand-in until the zxcvbn-ts check is merged)", () => {
    it("asks for 10 characters, not one repeated character, not a well-known password", () => {
        expect(exportPassphraseProblem("short")).toBe("too_short");
        expect(exportPassphraseProblem("aaaaaaaaaa")).toBe("weak");
        expect(exportPassphraseProblem("abababababab")).toBe("weak");
        expect(exportPassphraseProblem("1234567890")).toBe("weak");
        expect(exportPassphraseProblem("Password123")).toBe("weak");
        expect(exportPassphraseProblem("violet kettle rowing")).toBeNull();
    });
});
