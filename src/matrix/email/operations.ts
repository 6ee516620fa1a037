/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The three homeserver calls that change email addresses: ask for a verification mail, add the
 * verified address (behind user-interactive auth), remove an address. Each bounded by withTimeout.
 */
import type { HostClient } from "../hostClient";
import type { AuthDict } from "matrix-js-sdk/lib/interactive-auth";

import { describeFailure, withTimeout } from "../errors";
import { withUserInteractiveAuth, type AuthPrompt } from "../uia";
import { LinkNotClickedError, UnsupportedAuthError } from "./failures";

export interface TokenRequest {
    address: string;
    client_secret: string;
    /** The server sends a new mail only when this is higher than the last one for the same secret. */
    send_attempt: number;
}

/** `POST /account/3pid/email/requestToken`: the homeserver mails a link; resolves with the session id. */
export async function requestEmailToken(
    client: HostClient,
    request: TokenRequest,
    timeoutMs?: number,
): Promise<string> {
    const response = await withTimeout(
        client.requestAdd3pidEmailToken(request.address, request.client_secret, request.send_attempt),
        timeoutMs,
    );
    return response.sid;
}

export interface FinishAddOptions {
    sid: string;
    client_secret: string;
    /** Asks the user for their password or to finish SSO. */
    prompt: AuthPrompt;
    /**
     * A UIA session the user already completed for this add (after "Continue" came before the click).
     * Synapse keeps a completed session for a while, so the second Continue needs no second password.
     */
    completedAuthSession?: string | null;
    timeoutMs?: number;
}

function isAuthFailed(error: unknown): boolean {
    return describeFailure(error).errcode === "M_THREEPID_AUTH_FAILED";
}

/**
 * `POST /account/3pid/add` with user-interactive auth. Resolves when the address is on the account.
 * Throws LinkNotClickedError when the server has not seen the click yet (with the completed UIA
 * session to reuse next time), UnsupportedAuthError when it asks for stages we cannot do,
 * AuthCancelledError when the user cancels, or the homeserver's error.
 */
export async function finishAdd(client: HostClient, options: FinishAddOptions): Promise<void> {
    const attempt = async (reuse: string | null): Promise<void> => {
        let lastSession: string | null = null;
        const request = async (auth: AuthDict | undefined): Promise<void> => {
            const effective: AuthDict | undefined = auth ?? (reuse ? { session: reuse } : undefined);
            lastSession = (effective as { session?: string } | undefined)?.session ?? null;
            await withTimeout(
                client.addThreePidOnly({
                    sid: options.sid,
                    client_secret: options.client_secret,
                    auth: effective as { type: string; session?: string } | undefined,
                }),
                options.timeoutMs,
            );
        };
        const prompt: AuthPrompt = (method, failed) => {
            if (method.kind === "unsupported") return Promise.reject(new UnsupportedAuthError(method.stages));
            return options.prompt(method, failed);
        };
        try {
            await withUserInteractiveAuth(client, request, prompt);
        } catch (error) {
            // Synapse checks the auth first, then the link: this error means the auth went through.
            if (isAuthFailed(error)) throw new LinkNotClickedError(lastSession);
            throw error;
        }
    };

    const reuse = options.completedAuthSession ?? null;
    try {
        await attempt(reuse);
    } catch (error) {
        // The remembered UIA session may have expired on the server ("Unknown session ID", 400):
        // start a fresh one, which asks for the password again.
        const failure = describeFailure(error);
        const staleSession =
            reuse !== null && failure.kind === "server" && (failure.httpStatus === 400 || failure.httpStatus === 403);
        if (!staleSession || error instanceof LinkNotClickedError) throw error;
        await attempt(null);
    }
}

/** `POST /account/3pid/delete` (no UIA needed). */
export async function removeEmail(client: HostClient, address: string, timeoutMs?: number): Promise<void> {
    await withTimeout(client.deleteThreePid("email", address), timeoutMs);
}
