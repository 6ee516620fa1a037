/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";
import type { AuthDict, IAuthData } from "matrix-js-sdk/lib/interactive-auth";

import { writeAccountData } from "../accountData";
import { withTimeout } from "../errors";
import {
    AuthCancelledError,
    chooseAuthMethod,
    toAuthDict,
    uiaChallengeOf,
    withUserInteractiveAuth,
    type AuthPrompt,
} from "../uia";
import { startNewBackup } from "./backup";
import { SECRET_NAMES, SECRET_STORAGE_KEY_PREFIX } from "./constants";
import { cryptoOf, publishedMasterKey } from "./readFacts";

/** The endpoint a reset needs user-interactive auth for (replacing the cross-signing keys). */
const SIGNING_KEY_UPLOAD = "/keys/device_signing/upload";

type Post = (method: string, path: string, query: undefined, body: object) => Promise<unknown>;

/**
 * Has the user prove it's them BEFORE anything changes, and returns the auth for the real signing-key
 * upload: `{ session }` of a completed user-interactive-auth session, or null when no challenge came.
 *
 * Each attempt is sent with a body the server must refuse: a master key without any key in it. Per the
 * spec's user-interactive auth rules the server answers 401 (with `flows`, and the stages `completed`
 * so far) until a flow is complete, and only then looks at the request itself. So:
 *   - 401: auth is needed / the attempt failed (a wrong password is answered by the homeserver, with
 *     nothing changed): ask again, saying so;
 *   - any other 4xx after our auth: the stage was accepted and only the body was refused. The session is
 *     complete; the real upload reuses it (a session belongs to the endpoint, not to the body);
 *   - 5xx, 429, no answer: throw; nothing was changed and the user can try again.
 * A 400 to the very first attempt (without auth) does NOT mean "this server needs no auth": a server
 * may check the body before auth (the spec does not order them). We then return null, and the real
 * upload (the first step of the reset that changes anything on the server, see resetIdentity) asks
 * for auth itself if the server wants it; a cancel there still deletes nothing.
 * The password is kept in no variable beyond the attempt that carries it (a JavaScript string cannot be
 * overwritten, so it is dropped, not erased).
 */
async function confirmIdentityFirst(client: HostClient, prompt: AuthPrompt): Promise<AuthDict | null> {
    // "POST" is Method.Post's value (no runtime SDK import).
    const post = client.http.authedRequest as unknown as Post;
    const unusable = { master_key: { user_id: client.getSafeUserId(), usage: ["master"], keys: {} } };
    const send = (auth?: AuthDict): Promise<unknown> =>
        withTimeout(
            post.call(client.http, "POST", SIGNING_KEY_UPLOAD, undefined, auth ? { ...unusable, auth } : unusable),
        );

    let challenge: IAuthData;
    try {
        await send();
        return null; // accepted without auth (no server should): nothing to confirm
    } catch (error) {
        const first = uiaChallengeOf(error);
        if (!first) {
            if (isRefusedBody(error)) return null;
            throw error;
        }
        challenge = first;
    }
    const method = chooseAuthMethod(client, challenge);
    let failed = false;
    for (;;) {
        const answer = await prompt(method, failed);
        if (!answer) throw new AuthCancelledError();
        const auth = toAuthDict(client, answer, challenge.session);
        try {
            await send(auth);
            return challenge.session ? { session: challenge.session } : null;
        } catch (error) {
            const again = uiaChallengeOf(error);
            if (again) {
                challenge = { ...again, session: again.session ?? challenge.session };
                failed = true;
                continue;
            }
            if (isRefusedBody(error)) return challenge.session ? { session: challenge.session } : null;
            throw error;
        }
    }
}

/** A 4xx other than 401 and 429: the server read the request and refused its body. */
function isRefusedBody(error: unknown): boolean {
    const status = (error as { httpStatus?: number } | null)?.httpStatus;
    return typeof status === "number" && status >= 400 && status < 500 && status !== 401 && status !== 429;
}

/**
 * The destructive last resort: a new cross-signing identity, secret storage (the recovery key) and
 * every key backup deleted, and a new, empty backup. Other sessions become unverified and messages
 * only the old backup held become unreadable. Afterwards recovery is not set up: the caller offers a
 * new recovery key at once.
 *
 * Ordered by us (not the SDK's resetEncryption, which deletes the backup and secret storage first and
 * asks for auth only afterwards), so that nothing is deleted before the new identity is on the server:
 *   1. the user confirms (password / SSO), answered by the homeserver: a wrong password or a cancel
 *      changes nothing (confirmIdentityFirst);
 *   2. the default-key pointer is cleared: the crypto stack would otherwise write the new private keys
 *      into secret storage (through the app's key prompt) before uploading them. The stored secrets
 *      stay: a new device still finds the recovery key without its pointer (findRecoveryKey);
 *   3. the new identity is uploaded, reusing the confirmed session. If this fails, the pointer is put
 *      back and nothing else has changed on the server. From here on the reset has happened;
 *   4. the old secrets (now the keys of a replaced identity) and the recovery key are deleted;
 *   5. every backup version is deleted and a new backup is started.
 * A cut-off after 3 leaves the new identity with the old backup still there; the panel then shows the
 * true state ("set up recovery"), and setting up or resetting again finishes it.
 */
export async function resetIdentity(client: HostClient, prompt: AuthPrompt): Promise<void> {
    const crypto = cryptoOf(client);
    const userId = client.getSafeUserId();
    const oldMaster = (await publishedMasterKey(client, userId)) ?? null;
    let confirmed = await confirmIdentityFirst(client, prompt);

    const defaultKeyId = await withTimeout(client.secretStorage.getDefaultKeyId());
    if (defaultKeyId) await withTimeout(client.secretStorage.setDefaultKeyId(null));
    try {
        // No timeout around the whole: if the session was not accepted after all, the prompt waits for
        // the user. Each request inside is bounded by the SDK's own HTTP timeouts.
        await crypto.bootstrapCrossSigning({
            setupNewCrossSigning: true,
            authUploadDeviceSigningKeys: async (makeRequest) => {
                const auth = confirmed;
                confirmed = null;
                if (auth) {
                    try {
                        await makeRequest(auth);
                        return;
                    } catch (error) {
                        if (!uiaChallengeOf(error)) throw error;
                    }
                }
                // Not accepted (session expired, SSO not finished) or never asked: ask now.
                let first = auth !== null;
                await withUserInteractiveAuth(
                    client,
                    (again) => makeRequest(again ?? null),
                    (method, failed) => {
                        const said = failed || first;
                        first = false;
                        return prompt(method, said);
                    },
                );
            },
        });
    } catch (error) {
        // The upload may have reached the server although its answer did not reach us: ask the server.
        // Replaced: the reset has happened, finish it. Not replaced: put the pointer back, nothing else
        // changed. Cannot tell: leave the pointer cleared (a new device still finds the key through its
        // stored secrets, see findRecoveryKey) and report the failure.
        // null: the server has no master key; undefined: it could not be asked.
        const now = await publishedMasterKey(client, userId).then(
            (key) => key ?? null,
            () => undefined,
        );
        if (now === undefined || now === oldMaster) {
            if (now === oldMaster && defaultKeyId) {
                await withTimeout(client.secretStorage.setDefaultKeyId(defaultKeyId)).catch(() => {});
            }
            throw error;
        }
    }

    for (const name of Object.values(SECRET_NAMES)) await writeAccountData(client, name, {});
    if (defaultKeyId) await writeAccountData(client, `${SECRET_STORAGE_KEY_PREFIX}${defaultKeyId}`, {});
    await startNewBackup(client, null);
}
