/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";
import type { KeyBackupInfo } from "matrix-js-sdk/lib/crypto-api";

import { withTimeout } from "../errors";
import { SECRET_NAMES } from "./constants";
import { cryptoOf } from "./readFacts";
import { encodeBase64, type EncryptedSecret } from "./secretStorageCrypto";
import { readSecret, writeSecret, type UnlockedKey } from "./secrets";

/** This client cannot export or import its secrets (a crypto stack without secrets bundles). */
export class UnsupportedCryptoError extends Error {
    public constructor(what: string) {
        super(`This client's encryption does not support ${what}`);
        this.name = "UnsupportedCryptoError";
    }
}

/**
 * Stores every secret this device holds (the three cross-signing private keys and the current
 * backup key) in secret storage under `unlocked`, and returns the copies written, by secret name.
 * `onlyMissing` skips secrets already stored with that key (repairing storage without rewriting what
 * is fine). `alongside` keeps the copies stored under other keys (see writeSecret). `serverBackup`:
 * the server's current backup as just read from it; without it, the crypto stack's cached copy.
 */
export async function storeSecretsHeldHere(
    client: HostClient,
    unlocked: UnlockedKey,
    onlyMissing: boolean,
    alongside = false,
    serverBackup?: KeyBackupInfo,
): Promise<Map<string, EncryptedSecret>> {
    const written = new Map<string, EncryptedSecret>();
    const crypto = cryptoOf(client);
    const isStoredWithKey = async (name: string): Promise<boolean> => {
        if (!onlyMissing) return false;
        const record = await client.secretStorage.isStored(name as typeof SECRET_NAMES.master);
        return !!record && unlocked.keyId in record;
    };

    const status = await crypto.getCrossSigningStatus();
    const cached = status.privateKeysCachedLocally;
    if (cached.masterKey && cached.selfSigningKey && cached.userSigningKey) {
        if (!crypto.exportSecretsBundle) throw new UnsupportedCryptoError("exporting secrets");
        const bundle = await crypto.exportSecretsBundle();
        const pairs: Array<[string, string]> = [
            [SECRET_NAMES.master, bundle.cross_signing.master_key],
            [SECRET_NAMES.self_signing, bundle.cross_signing.self_signing_key],
            [SECRET_NAMES.user_signing, bundle.cross_signing.user_signing_key],
        ];
        for (const [name, secret] of pairs) {
            if (!(await isStoredWithKey(name))) {
                written.set(name, await writeSecret(client, unlocked, name, secret, alongside));
            }
        }
    }

    // Only a backup key that decrypts the server's current backup is worth storing. Callers without
    // `serverBackup` have just refreshed the crypto stack's copy of the backup info.
    const info = serverBackup ?? (await withTimeout(crypto.getKeyBackupInfo()));
    const trust = info ? await crypto.isKeyBackupTrusted(info) : null;
    if (trust?.matchesDecryptionKey) {
        const key = await crypto.getSessionBackupPrivateKey();
        if (key) {
            // Unpadded, as the rust crypto stack writes it (some readers reject padding).
            const ours = encodeBase64(key).replace(/=+$/, "");
            key.fill(0);
            // A stored copy may belong to an older backup (another client started a new one): compare.
            const stored = onlyMissing
                ? await readSecret(client, unlocked, SECRET_NAMES.backup).catch(() => null)
                : null;
            if (stored?.replace(/=+$/, "") !== ours) {
                written.set(
                    SECRET_NAMES.backup,
                    await writeSecret(client, unlocked, SECRET_NAMES.backup, ours, alongside),
                );
            }
        }
    }
    return written;
}
