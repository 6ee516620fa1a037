/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/* The Sessions section's and the verification screen's snapshots and actions: what their views render and may call. */
import type { FailureKind } from "../../matrix/errors";
import type { OtherSession, ThisSession } from "../../matrix/sessions/status";
import type { CancelReason, FlowStep } from "../../matrix/verification/flow";
import type { ViewModelLike } from "../viewModel";

/** One emoji of the comparison: the symbol and its English name from the SDK (views translate it). */
export interface SasEmoji {
    symbol: string;
    name: string;
}

export interface VerificationSnapshot {
    /**
     * Where the verification is (see FlowStep in matrix/verification/flow.ts):
     * requesting → waiting → starting → compare → confirming → done, or incoming → starting → …;
     * any step can end in `cancelled`.
     */
    step: FlowStep["step"];
    /** `this`: this session asks any other session; `other`: a named session; `incoming`: it asked us. */
    target: "this" | "other" | "incoming";
    /** The other session's name (or ID) once known; null while any of the user's sessions may answer. */
    otherName: string | null;
    /** The 7 emoji, in order, during `compare` and `confirming`. */
    emoji: SasEmoji[];
    /** While `waiting`: no answer for a while, the other session may be offline. */
    silent: boolean;
    /** For `cancelled`: why, and whether this session's user did it. */
    cancelReason: CancelReason | null;
    cancelledByMe: boolean;
    busy: boolean;
}

export interface VerificationActions {
    accept(): Promise<void>;
    confirm(): Promise<void>;
    mismatch(): void;
    cancel(): Promise<void>;
}

export type { OtherSession, ThisSession };

export interface SessionsSnapshot {
    /**
     * - `loading`: first read in progress.
     * - `error`: the first read failed (`error` says how); `retry()` tries again.
     * - `ready`: `thisSession` and `otherSessions` are shown; later changes arrive by event.
     */
    state: "loading" | "error" | "ready";
    error: FailureKind | null;
    /** For a bug (`error` "bug"): the short code also in the console log. */
    errorCode?: string | null;
    thisSession: ThisSession | null;
    otherSessions: OtherSession[];
    /** Another session asks to verify with this one (offered only where the host shows no toast of its own). */
    incoming: { deviceId: string | null; name: string | null } | null;
    /** The verification in progress (or just finished), shown instead of the lists. */
    verification: (ViewModelLike<VerificationSnapshot> & VerificationActions) | null;
    /** Starting a verification failed (e.g. the homeserver did not answer). */
    startError: FailureKind | null;
    /** For a bug (`startError` "bug"): the short code also in the console log. */
    startErrorCode?: string | null;
    busy: boolean;
}

export interface SessionsActions {
    retry(): void;
    verifyThisSession(): Promise<void>;
    verifyOtherSession(deviceId: string): Promise<void>;
    /** "Use recovery key instead": Secure Backup, at its "enter recovery key" step. */
    useRecoveryKey(): void;
    /** "I can't verify — reset": Secure Backup's reset step, which explains the consequences first. */
    reset(): void;
    /** "Set up recovery" for an account without an identity: Secure Backup's set-up step. */
    setUpRecovery(): void;
    acceptIncoming(): Promise<void>;
    declineIncoming(): Promise<void>;
    /** Leaves the verification screen (cancelling a verification still in progress). */
    closeVerification(): void;
    /** Starts the last outgoing verification again (after it was cancelled or failed). */
    retryVerification(): Promise<void>;
}
