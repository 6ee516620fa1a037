/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * User-interactive auth (UIA): some requests (adding an email, replacing cross-signing keys) answer
 * 401 with the ways the user may prove it is them. We support the two a Synapse user meets: the
 * account password, and single sign-on through the homeserver's fallback page (opened in a popup;
 * the homeserver records the completed stage, and we repeat the request with the session ID).
 */
import type { HostClient } from "./hostClient";
import type { AuthDict, IAuthData } from "matrix-js-sdk/lib/interactive-auth";

export type AuthMethod =
    | { kind: "password" }
    | { kind: "sso"; /** The homeserver page that performs SSO and then records the stage. */ fallbackUrl: string }
    /** The server offers only stages we cannot do here (e.g. a terms page); the message names them. */
    | { kind: "unsupported"; stages: string[] };

/** What the user gave us for one attempt: a password, or "I finished SSO in the popup". */
export type AuthAnswer = { kind: "password"; password: string } | { kind: "sso_done" };

/**
 * Asks the user to authenticate. `previousAttemptFailed` is true after a wrong password (so the view
 * can say so). Resolves with the answer, or null when the user cancels.
 */
export type AuthPrompt = (method: AuthMethod, previousAttemptFailed: boolean) => Promise<AuthAnswer | null>;

/** The user cancelled the authentication step; nothing was changed on the server. */
export class AuthCancelledError extends Error {
    public constructor() {
        super("Authentication cancelled");
        this.name = "AuthCancelledError";
    }
}

const PASSWORD = "m.login.password";
const SSO = "m.login.sso";

/** The 401 body of a UIA endpoint, if `error` is one. */
export function uiaChallengeOf(error: unknown): IAuthData | null {
    const e = error as { httpStatus?: number; data?: IAuthData } | null;
    if (e?.httpStatus === 401 && Array.isArray(e.data?.flows)) return e.data;
    return null;
}

/** Picks the method the user can complete: a single-stage password flow first, then SSO. */
export function chooseAuthMethod(client: HostClient, challenge: IAuthData): AuthMethod {
    const flows = challenge.flows ?? [];
    const singleStage = (type: string): boolean => flows.some((f) => f.stages.length === 1 && f.stages[0] === type);
    if (singleStage(PASSWORD)) return { kind: "password" };
    if (singleStage(SSO) && challenge.session) {
        return { kind: "sso", fallbackUrl: client.getFallbackAuthUrl(SSO, challenge.session) };
    }
    return { kind: "unsupported", stages: [...new Set(flows.flatMap((f) => f.stages))] };
}

/** The auth dict for one attempt (the password goes only into the request that carries it). */
export function toAuthDict(client: HostClient, answer: AuthAnswer, session: string | undefined): AuthDict {
    if (answer.kind === "sso_done") return { session };
    return {
        type: PASSWORD,
        identifier: { type: "m.id.user", user: client.getSafeUserId() },
        password: answer.password,
        session,
    };
}

/**
 * Runs `request` and, when the homeserver asks for UIA, prompts and repeats it with the auth until it
 * succeeds, the user cancels (AuthCancelledError), or a non-auth error occurs (rethrown).
 * A wrong password prompts again with `previousAttemptFailed`. The password is only ever held in the
 * auth dict of the one request that uses it.
 */
export async function withUserInteractiveAuth<T>(
    client: HostClient,
    request: (auth: AuthDict | undefined) => Promise<T>,
    prompt: AuthPrompt,
): Promise<T> {
    let challenge: IAuthData;
    try {
        return await request(undefined);
    } catch (error) {
        const first = uiaChallengeOf(error);
        if (!first) throw error;
        challenge = first;
    }
    const method = chooseAuthMethod(client, challenge);
    let failed = false;
    for (;;) {
        const answer = await prompt(method, failed);
        if (!answer) throw new AuthCancelledError();
        try {
            return await request(toAuthDict(client, answer, challenge.session));
        } catch (error) {
            const again = uiaChallengeOf(error);
            if (!again) throw error;
            // Same session, stage not completed: wrong password (M_FORBIDDEN) or SSO not finished yet.
            challenge = { ...again, session: again.session ?? challenge.session };
            failed = true;
        }
    }
}
