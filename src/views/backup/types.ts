/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/* The Secure Backup section's snapshot and actions: what its view renders and may call. */
import type { Failure } from "../../matrix/errors";
import type { RecoveryFacts, RecoveryState, RestoreProgress } from "../../matrix/recovery";
import type { AuthAnswer } from "../../matrix/uia";
import type { PassphraseVerdict } from "../../passphrase/strength";
import type { AuthRequest } from "../auth/types";

export type { AuthAnswer, Failure, RecoveryFacts, RecoveryState, RestoreProgress };

/** Why an action did not complete, in terms the view can word. */
export type ActionProblem =
    | { kind: "wrong_key" }
    | { kind: "not_a_key" }
    /** Not a recovery key, and the passphrase settings stored in account data are unusable (corrupt or absurd). */
    | { kind: "passphrase_unusable" }
    /** The passphrase offered at set-up is too short or too easy to guess (never kept; only the verdict). */
    | { kind: "passphrase_weak"; verdict: Exclude<PassphraseVerdict, { ok: true }> }
    /** The passphrase could not be checked (the strength checker did not load), so it was not used. */
    | { kind: "passphrase_unchecked" }
    | { kind: "secrets_missing" }
    | { kind: "not_verified_here" }
    /** The homeserver asks for an auth stage we cannot do here (e.g. only a terms page). */
    | { kind: "auth_unsupported" }
    /** The account's recovery key uses a secret-storage algorithm this module does not know. */
    | { kind: "unsupported_key" }
    /** Stored recovery data could not be decrypted (malformed iv / base64, or a MAC that fails). */
    | { kind: "storage_damaged" }
    /** The server did not say whether a backup exists, so none was started or replaced. */
    | { kind: "backup_unknown"; failure: Failure }
    | { kind: "failure"; failure: Failure };

/**
 * The flow the user is in, on top of the status. Each step is rendered distinctly.
 * - `setup`: a new recovery key. `purpose` says why (first set-up, change, after a reset).
 *   Steps: `choose` (generate a key, or a passphrase where allowed) → `show_key` (copy, download,
 *   "I've saved it") → `confirm_key` (type it back; `mismatch` after a wrong copy) → `saving`.
 *   `recoveryKey` is only present in `show_key`/`confirm_key` and is cleared once used.
 * - `enter_key`: `input` (`problem` after a wrong key) → `unlocking` → `restoring` (progress n of
 *   total) → `restored` (summary) or `restore_failed` (retry).
 * - `confirm_key_storage_off`: plain-words confirmation.
 * - `confirm_reset`: names what is lost; then `resetting` (with `auth` prompts on the side).
 */
export type BackupFlow =
    | { kind: "none" }
    | {
          kind: "setup";
          purpose: SetupPurpose;
          step: "choose" | "show_key" | "confirm_key" | "saving";
          recoveryKey: string | null;
          withPassphrase: boolean;
          mismatch: boolean;
          problem: ActionProblem | null;
      }
    | {
          kind: "enter_key";
          step: "input" | "unlocking" | "restoring" | "restored" | "restore_failed";
          progress: RestoreProgress | null;
          result: { total: number; imported: number } | null;
          problem: ActionProblem | null;
      }
    | { kind: "confirm_key_storage_off"; problem: ActionProblem | null }
    | { kind: "confirm_reset"; step: "confirm" | "resetting"; problem: ActionProblem | null };

/**
 * Why a new recovery key is being made: first set-up, a change, after a reset, or replacing a backup
 * we cannot use (a new backup needs its key stored under a recovery key the user has saved).
 */
export type SetupPurpose = "set_up" | "change" | "after_reset" | "new_backup";

export interface BackupSnapshot {
    /** The headline (see RecoveryState in src/matrix/recovery/state.ts for each value). */
    state: RecoveryState;
    /** The details behind it; null while checking or on error. */
    facts: RecoveryFacts | null;
    /** Which secrets the state is about (e.g. ["backup"]). */
    affected: string[];
    /** Why the state could not be read (state "error"). */
    failure: Failure | null;
    /** A quick action (turn key storage on) is running. */
    busy: boolean;
    flow: BackupFlow;
    /** The homeserver wants the user to confirm it's them (during a reset or first set-up). */
    auth: AuthRequest | null;
    /** Problem of a quick action outside a flow (turn key storage on). */
    problem: ActionProblem | null;
    /** The deployer allows a passphrase instead of a generated key. */
    allowPassphrase: boolean;
    /** The least zxcvbn score (1–4) a passphrase must reach (config `recovery.passphrase_min_score`). */
    passphraseMinScore: number;
    /**
     * This session is not verified and another session of the account could verify it (Sessions is
     * shown): "Verify with another device" is offered next to "Enter recovery key".
     */
    canVerifyWithOtherSession: boolean;
}

/** The actions a view may call (a stub in view tests implements these). */
export interface BackupActions {
    /** "Try again" after the state could not be read. */
    retry(): Promise<void>;
    /** The user's answer to the auth prompt; null cancels the action (nothing changed on the server). */
    submitAuth(answer: AuthAnswer | null): void;
    /** Opens the set-up (or change) flow at its first step. */
    startSetup(purpose?: SetupPurpose): void;
    /** Generates the key (from `passphrase` when given and allowed); nothing is saved on the server yet. */
    generateKey(passphrase?: string): Promise<void>;
    /** "I've saved it": on to typing it back. */
    keySaved(): void;
    /** Back from typing it back to seeing the key. */
    showKeyAgain(): void;
    /** The typed-back key: if it matches, recovery is saved on the server (the only step that writes). */
    confirmKey(typed: string): Promise<void>;
    startEnterKey(): void;
    /** Opens Sessions and asks the account's other sessions to verify this one (emoji). */
    verifyWithOtherSession(): void;
    /** Unlocks with a recovery key or the passphrase, then restores the backup with progress. */
    submitRecoveryKey(input: string): Promise<void>;
    /** Restores from the backup (also "Try again" after a failed restore). */
    restore(): Promise<void>;
    askTurnOffKeyStorage(): void;
    confirmTurnOffKeyStorage(): Promise<void>;
    turnOnKeyStorage(): Promise<void>;
    startReset(): void;
    /** Resets the identity and backup (asking for auth), then goes straight to a new recovery key. */
    confirmReset(): Promise<void>;
    /** Leaves any flow; a generated but unsaved key is forgotten. */
    cancelFlow(): void;
    /** The details were opened: the server's key count, once (one request). */
    loadDetails(): void;
}
