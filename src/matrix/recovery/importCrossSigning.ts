/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Caching the account's cross-signing keys on this device from secret storage, and signing this
 * device with them, so that it reads as verified.
 *
 * The import goes through the crypto stack's own path, `bootstrapCrossSigning`, as Element's key
 * entry does: when this device holds no private keys and secret storage holds all three, it hands
 * them to the OlmMachine's importCrossSigningKeys, which refuses any key that is not the one in its
 * copy of the account's published identity (kept current by the sync's device-list changes), and then
 * uploads this device's signature. So stale secret storage (keys of an identity since reset) can never
 * become this device's identity, and checking it costs no request. importSecretsBundle, the other way
 * in, trusts what it is given and rewrites the local copy of the identity from it; it needed a
 * /keys/query of ours first, one request more than Element's own key entry.
 *
 * bootstrapCrossSigning reads the three secrets through the client's secret storage, which would ask
 * the app's getSecretStorageKey callback for the key (in Element: Element's own "Enter your recovery
 * key" dialog). For the length of that one call, the secret storage answers those three names with
 * the values we already decrypted with the key the user typed (servedSecrets); every other name still
 * goes to the app. Since all three are there, bootstrapCrossSigning's one branch that makes new keys
 * (no keys here and none in storage) cannot run; should a later SDK reach it anyway, its upload of new
 * keys is refused (no account password is given), and secret storage is not written: writing needs
 * the app's callback, which we do not answer.
 */
import type { HostClient, HostSecretStorage } from "../hostClient";

import { withTimeout } from "../errors";
import { asEmitter, CryptoEvents } from "../sdkConstants";
import { thisSessionTrust } from "../sessions/status";
import { SECRET_NAMES } from "./constants";
import { cryptoOf, publishedMasterKey } from "./readFacts";
import { decodeBase64, privateKeyMatches } from "./secretStorageCrypto";
import { readSecret, type UnlockedKey } from "./secrets";

/** Secret storage does not hold (usable) cross-signing keys: only a reset can help. */
export class SecretsMissingError extends Error {
    public constructor(public readonly which: "cross_signing" | "stale_cross_signing") {
        super(
            which === "cross_signing"
                ? "Secret storage does not contain your cross-signing keys"
                : "The cross-signing keys in secret storage are not the ones your account uses",
        );
        this.name = "SecretsMissingError";
    }
}

/** Thrown by our answer to a request for the account password: this flow never uploads new keys. */
class NewIdentityRefused extends Error {
    public constructor() {
        super("Entering the recovery key never makes new cross-signing keys");
        this.name = "NewIdentityRefused";
    }
}

/**
 * Until the returned release: `storage.get` answers the names in `secrets` from there, and every other
 * name as before. The override is an own property of the storage object, removed on release (unless
 * someone replaced it meanwhile: theirs stays).
 */
function servedSecrets(storage: HostSecretStorage, secrets: ReadonlyMap<string, string>): () => void {
    const ownBefore = Object.prototype.hasOwnProperty.call(storage, "get") ? storage.get : undefined;
    const original = storage.get;
    const standIn: HostSecretStorage["get"] = (name) => {
        const value = secrets.get(name);
        return value === undefined ? original.call(storage, name) : Promise.resolve(value);
    };
    storage.get = standIn;
    return () => {
        if (storage.get !== standIn) return;
        if (ownBefore) storage.get = ownBefore;
        else delete (storage as Partial<HostSecretStorage>).get;
    };
}

/** privateKeyMatches for a base64 secret; its decoded bytes are zeroed afterwards. */
async function storedKeyMatches(secret: string, publicKey: string): Promise<boolean | null> {
    const privateKey = decodeBase64(secret);
    try {
        return await privateKeyMatches("Ed25519", privateKey, publicKey);
    } finally {
        privateKey.fill(0);
    }
}

/** The crypto stack's checked import of `secrets` (see the top of this file), then this device's signature. */
async function bootstrapFrom(client: HostClient, secrets: ReadonlyMap<string, string>): Promise<void> {
    const crypto = cryptoOf(client);
    const release = servedSecrets(client.secretStorage, secrets);
    const imported = crypto
        .bootstrapCrossSigning({
            authUploadDeviceSigningKeys: () => Promise.reject(new NewIdentityRefused()),
        })
        // Released when the call itself ends (even after our timeout gave up on it).
        .finally(release);
    await withTimeout(imported);
}

const isThisDeviceCrossSigned = async (client: HostClient): Promise<boolean> =>
    (await thisSessionTrust(client)) === "verified";

/**
 * Waits (at most `timeoutMs`) until this device reads as cross-signed here. The crypto stack of
 * matrix-js-sdk 40.2 (Element 1.12.10) learns of the signature it just uploaded only from its next
 * /keys/query, which the sync's device-list change starts a round trip later; until then the device
 * still reads "not verified", and so would the state shown right after the key was entered.
 */
async function untilShownVerified(client: HostClient, deviceId: string, timeoutMs = 10_000): Promise<void> {
    const userId = client.getSafeUserId();
    const emitter = asEmitter(client);
    let onUpdate: (users: unknown) => void = () => undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
        await new Promise<void>((resolve) => {
            const resolveIfVerified = (): void =>
                void isThisDeviceCrossSigned(client).then((yes) => yes && resolve(), resolve);
            onUpdate = (users): void => {
                if (!Array.isArray(users) || users.includes(userId)) resolveIfVerified();
            };
            // Listening before the first look, so an update in between is not missed.
            emitter.on(CryptoEvents.DevicesUpdated, onUpdate);
            timer = setTimeout(resolve, timeoutMs);
            resolveIfVerified();
        });
    } finally {
        clearTimeout(timer);
        emitter.off(CryptoEvents.DevicesUpdated, onUpdate);
    }
}

/**
 * Caches the cross-signing keys from secret storage (opened with `unlocked`) on this device and signs
 * this device with them. Returns whether the keys were imported now (false: they were here already;
 * then only a missing signature of this device is added, e.g. after a cut-off earlier attempt).
 * Throws SecretsMissingError when storage lacks them or holds keys the account no longer uses; then
 * nothing was imported.
 */
export async function importCrossSigning(client: HostClient, unlocked: UnlockedKey): Promise<boolean> {
    const crypto = cryptoOf(client);
    const userId = client.getSafeUserId();
    const deviceId = client.getDeviceId();
    const status = await crypto.getCrossSigningStatus();
    const cached = status.privateKeysCachedLocally;
    if (cached.masterKey && cached.selfSigningKey && cached.userSigningKey) {
        if (deviceId && !(await isThisDeviceCrossSigned(client))) {
            await withTimeout(crypto.crossSignDevice(deviceId));
            await untilShownVerified(client, deviceId);
        }
        return false;
    }

    const names = [SECRET_NAMES.master, SECRET_NAMES.self_signing, SECRET_NAMES.user_signing];
    const values = await Promise.all(names.map((name) => readSecret(client, unlocked, name)));
    if (values.some((value) => !value)) throw new SecretsMissingError("cross_signing");
    const secrets = new Map(names.map((name, i) => [name, values[i]!]));

    // The crypto stack checks the keys against its copy of the published identity: a device that has
    // none yet (its first key query still under way) asks for it.
    if (!status.publicKeysOnDevice) await withTimeout(crypto.userHasCrossSigningKeys(userId, true));
    try {
        await bootstrapFrom(client, secrets);
    } catch (error) {
        // A bug ("… is not a function"), or the import went through and this device's signature failed.
        if ((error as Error | null)?.name === "TypeError") throw error;
        if ((await crypto.getCrossSigningStatus()).privateKeysCachedLocally.masterKey) throw error;
        // The import was refused. Either storage holds keys the account no longer uses, or this
        // device's copy of the identity is older than storage (another device reset it a moment ago):
        // ask the server.
        const published = await publishedMasterKey(client, userId);
        const master = secrets.get(SECRET_NAMES.master)!;
        if (!published || (await storedKeyMatches(master, published)) === false) {
            throw new SecretsMissingError("stale_cross_signing");
        }
        await withTimeout(crypto.userHasCrossSigningKeys(userId, true));
        await bootstrapFrom(client, secrets);
    }
    if (deviceId) await untilShownVerified(client, deviceId);
    return true;
}
