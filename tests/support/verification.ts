/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * Crypto set-ups that many integration tests need: cross-signing (+ recovery), password auth for
 * user-interactive auth, and an emoji (SAS) verification between two devices, both sides confirming.
 */

import type { AuthDict, UIAuthCallback } from "matrix-js-sdk/lib/interactive-auth.js";
import {
    CryptoEvent,
    VerificationPhase,
    VerificationRequestEvent,
    VerifierEvent,
} from "matrix-js-sdk/lib/crypto-api/index.js";
import type {
    CryptoApi,
    EmojiMapping,
    ShowSasCallbacks,
    VerificationRequest,
    Verifier,
} from "matrix-js-sdk/lib/crypto-api/index.js";

import { waitForCrossSigningKeys, type Credentials, type TestClient } from "./clients";
import type { TestBed } from "./testbed";

/** Polls `check` until it returns a truthy value (tests only; product code waits for events). */
export async function waitFor<T>(
    check: () => T | Promise<T>,
    { timeoutMs = 10_000, intervalMs = 50, what = "condition" } = {},
): Promise<NonNullable<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await check();
        if (value) return value as NonNullable<T>;
        if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, intervalMs));
    }
}

export function cryptoOf(tc: TestClient): CryptoApi {
    const crypto = tc.client.getCrypto();
    if (!crypto) throw new Error(`${tc.deviceId} has no crypto (createTestClient with crypto: false?)`);
    return crypto;
}

/** The `auth` of a user-interactive auth step with a password (fits both AuthDict and raw request bodies). */
export interface PasswordAuth {
    type: "m.login.password";
    identifier: { type: "m.id.user"; user: string };
    password: string;
    session?: string;
}

/** The password auth dict for UIA. */
export function passwordAuth(user: Pick<Credentials, "userId" | "password">, session?: string): PasswordAuth {
    return {
        type: "m.login.password",
        identifier: { type: "m.id.user", user: user.userId },
        password: user.password,
        ...(session ? { session } : {}),
    };
}

/**
 * A UIA callback: tries without auth first (Synapse lets the first cross-signing upload through),
 * and answers a 401 with the user's password.
 */
export function passwordUia<T>(user: Pick<Credentials, "userId" | "password">): UIAuthCallback<T> {
    return async (makeRequest) => {
        try {
            return await makeRequest(null);
        } catch (err) {
            const e = err as { httpStatus?: number; data?: { session?: string; flows?: unknown } };
            if (e.httpStatus !== 401 || !e.data?.flows) throw err;
            // AuthDict types `type` as the SDK's AuthType enum; the wire value is the same string.
            return makeRequest(passwordAuth(user, e.data.session) as unknown as AuthDict);
        }
    };
}

export interface SetUpCrossSigningOptions {
    /** Also create secret storage with a new recovery key (default true). */
    secretStorage?: boolean;
    /** Also create a new key backup, stored in secret storage (default true; needs secretStorage). */
    keyBackup?: boolean;
}

/**
 * Bootstraps cross-signing on this device (the user's first), optionally secret storage and key
 * backup. Returns the recovery key (encoded, as a user sees it) when secret storage was set up.
 */
export async function setUpCrossSigning(
    tc: TestClient,
    { secretStorage = true, keyBackup = true }: SetUpCrossSigningOptions = {},
): Promise<{ recoveryKey?: string }> {
    const crypto = cryptoOf(tc);
    await crypto.bootstrapCrossSigning({ authUploadDeviceSigningKeys: passwordUia(tc.credentials) });
    if (!secretStorage) return {};
    const key = await crypto.createRecoveryKeyFromPassphrase();
    await crypto.bootstrapSecretStorage({
        createSecretStorageKey: async () => key,
        setupNewSecretStorage: true,
        setupNewKeyBackup: keyBackup,
    });
    return { recoveryKey: key.encodedPrivateKey };
}

function waitForVerifierSas(verifier: Verifier): Promise<ShowSasCallbacks> {
    const existing = verifier.getShowSasCallbacks();
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
        verifier.once(VerifierEvent.ShowSas, resolve);
        verifier.once(VerifierEvent.Cancel, (e) => reject(new Error(`Verification cancelled: ${String(e)}`)));
    });
}

function waitForRequest(request: VerificationRequest, check: () => boolean, what: string): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            request.off(VerificationRequestEvent.Change, onChange);
            reject(new Error(`Verification request: timed out waiting for ${what} (phase ${request.phase})`));
        }, 15_000);
        const onChange = (): void => {
            if (request.phase === VerificationPhase.Cancelled) {
                clearTimeout(timer);
                request.off(VerificationRequestEvent.Change, onChange);
                reject(new Error(`Verification cancelled (${request.cancellationCode}) waiting for ${what}`));
            } else if (check()) {
                clearTimeout(timer);
                request.off(VerificationRequestEvent.Change, onChange);
                resolve();
            }
        };
        request.on(VerificationRequestEvent.Change, onChange);
    });
}

export interface SasResult {
    /** The emoji both sides showed (identical). */
    emoji: EmojiMapping[];
    requestA: VerificationRequest;
    requestB: VerificationRequest;
}

/**
 * `a` asks `b` (another device of the same user, or another user's device) to verify with emoji;
 * `b` accepts; both compare the emoji, which must match, and both confirm. Resolves when both
 * verifiers are done. Cross-signing trust and key gossip follow asynchronously: use `waitFor`.
 */
export async function verifyWithSas(a: TestClient, b: TestClient): Promise<SasResult> {
    const received = new Promise<VerificationRequest>((resolve) => {
        const onRequest = (req: VerificationRequest): void => {
            if (req.otherUserId !== a.userId) return;
            b.client.off(CryptoEvent.VerificationRequestReceived, onRequest);
            resolve(req);
        };
        b.client.on(CryptoEvent.VerificationRequestReceived, onRequest);
    });
    // A new device is known to `a` only once its device list has been fetched (a sync round trip later).
    await waitFor(
        async () => (await cryptoOf(a).getUserDeviceInfo([b.userId], true)).get(b.userId)?.has(b.deviceId) ?? false,
        { what: `${a.deviceId} to know ${b.deviceId}` },
    );
    const requestA = await cryptoOf(a).requestDeviceVerification(b.userId, b.deviceId);
    const requestB = await received;
    await requestB.accept();
    await waitForRequest(requestA, () => requestA.phase === VerificationPhase.Ready, "Ready on the requester");

    const verifierA = await requestA.startVerification("m.sas.v1");
    await waitForRequest(requestB, () => requestB.verifier !== undefined, "the other side's verifier");
    const verifierB = requestB.verifier as Verifier;

    const sasA = waitForVerifierSas(verifierA);
    const sasB = waitForVerifierSas(verifierB);
    const doneA = verifierA.verify();
    const doneB = verifierB.verify();
    const [showA, showB] = await Promise.all([sasA, sasB]);
    const emoji = showA.sas.emoji ?? [];
    if (JSON.stringify(emoji) !== JSON.stringify(showB.sas.emoji ?? [])) {
        showA.mismatch();
        throw new Error("SAS emoji differ between the two devices");
    }
    await Promise.all([showA.confirm(), showB.confirm()]);
    await Promise.all([doneA, doneB]);
    return { emoji, requestA, requestB };
}

/** Whether `observer` sees `deviceId` of `userId` as verified by cross-signing. */
export async function isCrossSigningVerified(observer: TestClient, userId: string, deviceId: string) {
    const status = await cryptoOf(observer).getDeviceVerificationStatus(userId, deviceId);
    return status?.crossSigningVerified ?? false;
}

/**
 * A user with a verified first session (cross-signing + recovery set up there) and a fresh,
 * unverified second one ("New phone") that already sees the published cross-signing keys.
 */
export async function verifiedAndNewSession(bed: TestBed): Promise<{ old: TestClient; fresh: TestClient }> {
    const old = await bed.newClient();
    await setUpCrossSigning(old);
    const fresh = await bed.newDevice(old, { deviceName: "New phone" });
    await waitForCrossSigningKeys(fresh);
    return { old, fresh };
}
