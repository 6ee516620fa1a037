/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Keeps a dehydrated device (MSC3814) after the module sets up recovery or changes the key, as
 * Element does after its own: where the host's SDK offers it and the homeserver supports it,
 * `startDehydration({ createNewKey: true })` — a new dehydration key, stored in secret storage under
 * the new recovery key, and a new dehydrated device on the server (which the SDK renews weekly).
 *
 * The SDK stores the dehydration key through the client's secret storage, which asks the app's
 * `getSecretStorageKey` callback for the recovery key; in Element that callback opens Element's own
 * "Enter your recovery key" dialog. The module's flow already holds the key the user just saved, so
 * for the length of this one call the callback is answered from it: with a copy of the key when the
 * SDK asks for that key, and with "no key" for any other (the SDK then skips what needs it, e.g.
 * rehydrating a device made under the old key). It never falls through to the app's dialog.
 */
import type { HostClient } from "../hostClient";

import { withTimeout } from "../errors";
import type { UnlockedKey } from "../recovery/secrets";

/** Where a dehydrated device was kept, or why not. */
export type DehydratedDeviceOutcome = "kept" | "unsupported_client" | "unsupported_server" | "failed";

interface DehydrationCrypto {
    isDehydrationSupported?: () => Promise<boolean>;
    startDehydration?: (opts?: { createNewKey?: boolean; rehydrate?: boolean }) => Promise<void>;
}

type KeyCallback = HostClient["cryptoCallbacks"]["getSecretStorageKey"];

/**
 * Answers the app's secret-storage callback from `unlocked` until the returned release is called.
 * The previous callback goes back unless the app replaced it meanwhile (the app's wins).
 */
function answerWithKey(callbacks: HostClient["cryptoCallbacks"], unlocked: UnlockedKey): () => void {
    const previous = callbacks.getSecretStorageKey;
    const handed: Uint8Array[] = [];
    const standIn: KeyCallback = async ({ keys }) => {
        if (!(unlocked.keyId in keys)) return null;
        const copy = Uint8Array.from(unlocked.key);
        handed.push(copy);
        return [unlocked.keyId, copy];
    };
    callbacks.getSecretStorageKey = standIn;
    return () => {
        if (callbacks.getSecretStorageKey === standIn) callbacks.getSecretStorageKey = previous;
        // The SDK used its copies right away (encrypt / decrypt one secret); they leave memory now.
        for (const copy of handed) copy.fill(0);
    };
}

/**
 * After a set-up or key change made `unlocked` the account's default secret-storage key: keeps a
 * dehydrated device where both sides support it. Never throws (the set-up itself already succeeded):
 * the outcome says what happened.
 */
export async function keepDehydratedDevice(
    client: HostClient,
    unlocked: UnlockedKey,
): Promise<DehydratedDeviceOutcome> {
    const crypto = client.getCrypto() as DehydrationCrypto | undefined;
    if (typeof crypto?.isDehydrationSupported !== "function" || typeof crypto.startDehydration !== "function") {
        return "unsupported_client";
    }
    try {
        if (!(await withTimeout(crypto.isDehydrationSupported()))) return "unsupported_server";
    } catch {
        return "failed";
    }
    const release = answerWithKey(client.cryptoCallbacks, unlocked);
    const start = crypto.startDehydration({ createNewKey: true });
    // Released when the call itself ends (even after our timeout gave up on it), so the app's dialog
    // can never open for it.
    const settled = start.finally(release);
    try {
        await withTimeout(settled);
        return "kept";
    } catch {
        return "failed";
    }
}
