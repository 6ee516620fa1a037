/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Everything that can go wrong while listing, adding or removing an email address, in the terms
 * the panel explains to the user. Built on describeFailure() so network and rate-limit handling is
 * the same as in every other panel.
 */
import { bugProblem, describeFailure, networkProblem, type BugProblem, type NetworkProblem } from "../errors";
import { AuthCancelledError } from "../uia";

export type EmailProblem =
    /** M_THREEPID_IN_USE: another account already has this address. */
    | { kind: "in_use" }
    /** M_THREEPID_DENIED: the server only accepts some addresses (e.g. its organisation's domain). */
    | { kind: "denied" }
    /** M_THREEPID_MEDIUM_NOT_SUPPORTED: the server cannot send email at all. */
    | { kind: "not_supported" }
    /** M_FORBIDDEN on a 3PID endpoint: the server does not allow changing email addresses. */
    | { kind: "changes_disabled" }
    /** The address was rejected as malformed (M_INVALID_PARAM / M_BAD_JSON on requestToken). */
    | { kind: "invalid_address" }
    /** M_THREEPID_AUTH_FAILED on add: the link in the mail has not been clicked (yet). */
    | { kind: "not_clicked" }
    /** The validation session is gone or too old (M_SESSION_EXPIRED, M_NO_VALID_SESSION, our expiry). */
    | { kind: "session_expired" }
    /** The server offers only confirmation steps we cannot perform here. */
    | { kind: "auth_unsupported"; stages: string[] }
    /** No answer, too slow, rate limited. */
    | NetworkProblem
    /** The user cancelled the password / SSO step. */
    | { kind: "cancelled" }
    /** Not the homeserver: a bug in the module (or a method the host's client lacks). */
    | BugProblem
    /** Anything else; `detail` is short and technical (an errcode and status), never a secret. */
    | { kind: "unknown"; detail: string };

/** Thrown by finishAdd when the homeserver asks for a confirmation step we cannot perform. */
export class UnsupportedAuthError extends Error {
    public constructor(public readonly stages: string[]) {
        super(`Unsupported authentication stages: ${stages.join(", ")}`);
        this.name = "UnsupportedAuthError";
    }
}

/**
 * Thrown by finishAdd when the server has not seen the click on the mail link yet. The auth step
 * had already succeeded, so it carries the completed UIA session for the next Continue.
 */
export class LinkNotClickedError extends Error {
    public constructor(public readonly completedAuthSession: string | null) {
        super("The verification link has not been clicked yet");
        this.name = "LinkNotClickedError";
    }
}

/** Maps anything the email calls can throw to an EmailProblem. */
export function describeEmailProblem(error: unknown): EmailProblem {
    if (error instanceof AuthCancelledError) return { kind: "cancelled" };
    if (error instanceof LinkNotClickedError) return { kind: "not_clicked" };
    if (error instanceof UnsupportedAuthError) return { kind: "auth_unsupported", stages: error.stages };
    const failure = describeFailure(error);
    const network = networkProblem(failure) ?? bugProblem(failure);
    if (network) return network;
    switch (failure.errcode) {
        case "M_THREEPID_IN_USE":
            return { kind: "in_use" };
        case "M_THREEPID_DENIED":
            return { kind: "denied" };
        case "M_THREEPID_MEDIUM_NOT_SUPPORTED":
            return { kind: "not_supported" };
        case "M_THREEPID_AUTH_FAILED":
            return { kind: "not_clicked" };
        case "M_SESSION_EXPIRED":
        case "M_NO_VALID_SESSION":
            return { kind: "session_expired" };
        case "M_INVALID_PARAM":
        case "M_BAD_JSON":
            return { kind: "invalid_address" };
        case "M_FORBIDDEN":
            // 3PID endpoints answer 400 M_FORBIDDEN when the deployer turned 3PID changes off.
            return { kind: "changes_disabled" };
        case "M_UNRECOGNIZED":
            // Servers that delegate accounts to an OIDC provider do not serve the 3PID endpoints.
            return failure.httpStatus === 404 || failure.httpStatus === 405
                ? { kind: "changes_disabled" }
                : { kind: "unknown", detail: failure.detail };
    }
    return { kind: "unknown", detail: failure.detail };
}
