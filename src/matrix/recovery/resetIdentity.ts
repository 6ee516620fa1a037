/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";
import type { AuthDict } from "matrix-js-sdk/lib/interactive-auth";

import { withTimeout } from "../errors";
import {
    AuthCancelledError,
    chooseAuthMethod,
    toAuthDict,
    uiaChallengeOf,
    withUserInteractiveAuth,
    type AuthPrompt,
} from "../uia";
import { cryptoOf } from "./readFacts";

/** The endpoint a reset needs user-interactive auth for (replacing the cross-signing keys). */
const SIGNING_KEY_UPLOAD = "/keys/device_signing/upload";

/**
 * Asks the user to confirm it's them BEFORE anything is deleted, and returns the auth for the real
 * signing-key upload (null when the server asks for none). The challenge (flows + session) comes from a
 * probe that can change nothing: it never carries auth, and its master key has no key in it, which the
 * server refuses as invalid even where it asks for no auth. A UIA session belongs to the endpoint, not
 * the body, so the real upload completes it. A password is held only until that one request.
 */
async function confirmIdentityFirst(client: HostClient, prompt: AuthPrompt): Promise<AuthDict | null> {
    // "POST" is Method.Post's value (no runtime SDK import).
    const post = client.http.authedRequest as unknown as (
        method: string,
        path: string,
        query: undefined,
        body: object,
    ) => Promise<unknown>;
    const unusable = { master_key: { user_id: client.getSafeUserId(), usage: ["master"], keys: {} } };
    let challenge;
    try {
        await withTimeout(post.call(client.http, "POST", SIGNING_KEY_UPLOAD, undefined, unusable));
        return null;
    } catch (error) {
        challenge = uiaChallengeOf(error);
        if (!challenge) {
            // The 400 for the unusable key: this server asks for no auth here. Anything else (down,
            // rate-limited, 5xx): stop before the SDK deletes anything.
            if ((error as { httpStatus?: number } | null)?.httpStatus === 400) return null;
            throw error;
        }
    }
    const method = chooseAuthMethod(client, challenge);
    const answer = await prompt(method, false);
    if (!answer) throw new AuthCancelledError();
    return toAuthDict(client, answer, challenge.session);
}

/**
 * The destructive last resort: deletes every key backup and secret storage (the recovery key), makes
 * a new cross-signing identity (replacing keys needs user-interactive auth: `prompt` asks for the
 * password or SSO) and starts a new, empty backup. Other sessions become unverified and messages
 * only the old backup held become unreadable. Afterwards recovery is not set up: the caller offers
 * a new recovery key at once.
 *
 * The SDK's resetEncryption deletes the backup and secret storage first and asks for auth only
 * afterwards, so a cancelled or failed prompt there would already have destroyed them. We therefore
 * ask first (cancel = AuthCancelledError, nothing changed) and hand the completed session to the SDK.
 */
export async function resetIdentity(client: HostClient, prompt: AuthPrompt): Promise<void> {
    let confirmed = await confirmIdentityFirst(client, prompt);
    // No timeout around the whole: if the session was not accepted after all, the prompt waits for the
    // user again. Each request inside is bounded by the SDK's own HTTP timeouts.
    await cryptoOf(client).resetEncryption(async (makeRequest) => {
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
        // Not accepted (a wrong password, SSO not finished): ask again, saying the last try failed.
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
    });
}
