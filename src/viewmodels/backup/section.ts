/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../../matrix/hostClient";
import {
    BackupUnknownError,
    NotVerifiedHereError,
    SecretDecryptionError,
    SecretsMissingError,
    UnsupportedKeyAlgorithmError,
    UnusablePassphraseParamsError,
    WrongRecoveryKeyError,
} from "../../matrix/recovery";
import { describeFailure } from "../../matrix/errors";
import type { AuthPrompt } from "../../matrix/uia";
import type { ActionProblem, BackupFlow, BackupSnapshot } from "../../views/backup/types";

export const NO_FLOW: BackupFlow = { kind: "none" };

/**
 * What the Secure Backup section's flows (set-up, enter key, key storage, reset) share: the state
 * and the way an action runs. BackupViewModel implements it; each flow is a small class over it.
 */
export interface BackupSection {
    readonly client: HostClient;
    getSnapshot(): BackupSnapshot;
    update(patch: Partial<BackupSnapshot>): void;
    /** True once the panel closed: late results must not touch the state. */
    readonly closed: boolean;
    /** Runs an action that changes the account; the state is read afresh when it ends. */
    runAction(work: () => Promise<void>): Promise<void>;
    /** The "confirm it's you" prompt of the actions that need it (set-up on some servers, reset). */
    readonly prompt: AuthPrompt;
    /** A user's cancel of that prompt is no problem (null); an auth we could not offer is. */
    cancelProblem(error: unknown): ActionProblem | null;
}

/**
 * Why an action did not complete, in terms the view can word. describeFailure tells real network
 * failures from bugs: an error with no HTTP status that is not a failed connection (a TypeError from
 * a method the host's client lacks, the crypto stack refusing something) is "bug", never "Can't reach
 * your homeserver".
 */
export function problemOf(error: unknown): ActionProblem {
    if (error instanceof WrongRecoveryKeyError) return { kind: error.malformed ? "not_a_key" : "wrong_key" };
    if (error instanceof UnusablePassphraseParamsError) return { kind: "passphrase_unusable" };
    if (error instanceof SecretsMissingError) return { kind: "secrets_missing" };
    if (error instanceof NotVerifiedHereError) return { kind: "not_verified_here" };
    if (error instanceof UnsupportedKeyAlgorithmError) return { kind: "unsupported_key" };
    if (error instanceof SecretDecryptionError) return { kind: "storage_damaged" };
    if (error instanceof BackupUnknownError) return { kind: "backup_unknown", failure: describeFailure(error.cause) };
    return { kind: "failure", failure: describeFailure(error) };
}
