/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";
import type { KeyBackupInfo } from "matrix-js-sdk/lib/crypto-api";

import { withTimeout } from "../errors";
import { SECRET_NAMES } from "./constants";
import { cryptoOf, fetchServerBackup } from "./readFacts";
import type { UnlockedKey } from "./secrets";
import { storeSecretsHeldHere } from "./storeSecrets";

/** The server did not say whether there is a backup (5xx, no answer, ...): nothing was started or replaced. */
export class BackupUnknownError extends Error {
    public constructor(public override readonly cause: unknown) {
        super("Could not find out whether the server has a key backup");
        this.name = "BackupUnknownError";
    }
}

/**
 * Makes the crypto stack re-read the server's backup (so it uploads to it and its cached copy, which
 * storeSecretsHeldHere reads, is current). Its answer is never used as a fact: checkKeyBackupAndEnable
 * returns null on ANY error, which must never be read as "there is no backup".
 */
export async function refreshCryptoBackupInfo(client: HostClient): Promise<void> {
    await withTimeout(cryptoOf(client).checkKeyBackupAndEnable());
}

/**
 * Starts a backup only on a definite "there is none" (GET /room_keys/version answered 404
 * M_NOT_FOUND). An existing one is never replaced on the way (by set-up, a key change or "turn key
 * storage on"): it may hold keys only another device can read. Any other answer (5xx, a dropped
 * connection, a timeout) throws, so the action stops with nothing replaced and can be retried.
 * Replacing a backup is only the user's explicit "start a new backup" (backup_untrusted).
 */
export async function startBackupIfNone(client: HostClient): Promise<KeyBackupInfo> {
    const existing = await fetchServerBackup(client).catch((error: unknown) => {
        throw new BackupUnknownError(error);
    });
    if (existing) {
        // The crypto stack re-reads it only when it is not uploading to this very backup already
        // (that re-read is a second GET /room_keys/version).
        const active = await cryptoOf(client).getActiveSessionBackupVersion();
        if (active !== existing.version) await refreshCryptoBackupInfo(client);
        return existing;
    }
    await startNewBackup(client, null);
    const created = await fetchServerBackup(client);
    if (!created) throw new Error("The new key backup is not on the server");
    return created;
}

/** Thrown by our stand-in for the app's secret-storage prompt: "don't store it now, we do it ourselves". */
class BackupKeyStoredByUs extends Error {
    public constructor() {
        super("The new backup key is stored by the module, not through the app's prompt");
        this.name = "BackupKeyStoredByUs";
    }
}

type SecretStorageKeyCallback = HostClient["cryptoCallbacks"]["getSecretStorageKey"];

/** Per callbacks object: the app's own callback while our stand-in is installed, and how many use it. */
const standIns = new WeakMap<
    object,
    { app: SecretStorageKeyCallback; standIn: SecretStorageKeyCallback; users: number }
>();

/**
 * Installs (or joins) the stand-in on the object the client's secret storage asks (Element passes its
 * own; so do our tests) and returns its release. Overlapping calls share one stand-in, and the last
 * release puts the app's callback back (unless the app replaced it meanwhile: the app's wins).
 */
function refuseBackupSecretPrompt(callbacks: HostClient["cryptoCallbacks"]): () => void {
    let entry = standIns.get(callbacks);
    if (!entry) {
        const created: { app: SecretStorageKeyCallback; standIn: SecretStorageKeyCallback; users: number } = {
            app: callbacks.getSecretStorageKey,
            standIn: async (request, name) => {
                if (name === SECRET_NAMES.backup) throw new BackupKeyStoredByUs();
                return created.app ? created.app.call(callbacks, request, name) : null;
            },
            users: 0,
        };
        entry = created;
        standIns.set(callbacks, entry);
    }
    if (callbacks.getSecretStorageKey !== entry.standIn) {
        // First use, or the app installed a new callback meanwhile: that one is the app's now.
        if (entry.users > 0) entry.app = callbacks.getSecretStorageKey;
        callbacks.getSecretStorageKey = entry.standIn;
    }
    const current = entry;
    current.users++;
    let released = false;
    return () => {
        if (released) return;
        released = true;
        if (--current.users > 0) return;
        standIns.delete(callbacks);
        if (callbacks.getSecretStorageKey === current.standIn) callbacks.getSecretStorageKey = current.app;
    };
}

/**
 * Starts a new key backup (replacing the server's current one) without the app's secret-storage
 * prompt. `resetKeyBackup` creates and enables the backup, then stores its key in secret storage
 * through the app's getSecretStorageKey callback whenever a default key exists, which in Element
 * opens Element's own dialog. For the length of that one call, the callback is answered for the
 * backup secret by a stand-in that refuses (only in this tab's memory; every other request still
 * goes to the app's own callback). The account's default-key pointer is never touched: hiding it
 * instead would leave the account without a default key if the tab closed between the two writes,
 * and other sessions would see recovery switched off for that moment.
 * With `unlocked` the new backup key is then stored by us; otherwise storage lacks it (the state
 * says so, and entering the recovery key fixes it).
 */
export async function startNewBackup(client: HostClient, unlocked: UnlockedKey | null): Promise<void> {
    const crypto = cryptoOf(client);
    const defaultKeyId = await client.secretStorage.getDefaultKeyId();
    const release = refuseBackupSecretPrompt(client.cryptoCallbacks);
    const reset = (async (): Promise<void> => {
        try {
            await crypto.resetKeyBackup();
        } catch (error) {
            // Thrown after the backup was created, when secret storage exists: expected.
            if (!(error instanceof BackupKeyStoredByUs)) throw error;
        } finally {
            // When the call itself ends (even after our timeout gave up on it), so the app's prompt
            // can never open for it.
            release();
        }
    })();
    await withTimeout(reset);
    // resetKeyBackup enables the new backup in the background; wait for it.
    await withTimeout(crypto.checkKeyBackupAndEnable());
    if (unlocked) {
        await storeSecretsHeldHere(client, unlocked, false, true);
    } else if (defaultKeyId) {
        // The stored backup key belongs to the deleted backup: remove it, so the state says truthfully
        // that storage lacks the new one (deleting needs no key) instead of looking complete.
        await withTimeout(client.secretStorage.store(SECRET_NAMES.backup, null));
    }
}
