/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/* The Email addresses section's snapshot and actions: what its view renders and may call. */
import type { EmailProblem } from "../../matrix/email/failures";
import type { ThreePidEntry } from "../../matrix/email/types";
import type { AuthAnswer } from "../../matrix/uia";
import type { AuthRequest } from "../auth/types";

export type { AuthAnswer, EmailProblem, ThreePidEntry };

/** How the user confirms it is them: their password, or single sign-on in a popup. */
export type EmailAuthMethod = AuthRequest["method"];

/** What is wrong with the address typed in the "Add" field, before anything is sent. */
export type AddressProblem = { kind: "empty" } | { kind: "invalid" } | { kind: "already_yours" };

/**
 * The step the section is at. Each is rendered distinctly:
 * - `loading`: fetching the list and the server's policy (every time the panel opens).
 * - `read_only`: addresses are listed but cannot be changed here: the server turned 3PID changes
 *   off (`changes_disabled`), or accounts are managed by an OIDC provider (`delegated`, with its
 *   account page when known).
 * - `ready`: the list with Remove buttons and an "Add email address" button.
 * - `entering`: the address field; `problem` after client-side checking or a refusal by the server.
 * - `sending`: asking the homeserver to send the verification mail.
 * - `waiting_for_click`: the mail is on its way to `address`; Continue / Resend / Cancel (Remove still works).
 *   `notClickedYet` after a Continue that came before the click; `resent` after a Resend;
 *   `problem` when a Resend failed.
 * - `verifying`: finishing the add (and between password attempts).
 * - `auth`: the homeserver asks for the password (`failed` after a wrong one) or SSO.
 * - `confirm_remove`: "Remove `address`?"; `isLast` warns that password reset will stop working.
 * - `removing`: the removal is in flight.
 * - `error`: something failed; `problem` says what in plain words, `canRetry` offers "Try again".
 */
export type EmailStep =
    | { kind: "loading" }
    | { kind: "read_only"; reason: "changes_disabled" }
    | { kind: "read_only"; reason: "delegated"; accountManagementUrl: string | null }
    | { kind: "ready" }
    | { kind: "entering"; draft: string; problem: AddressProblem | EmailProblem | null }
    | { kind: "sending"; address: string }
    | {
          kind: "waiting_for_click";
          address: string;
          notClickedYet: boolean;
          resent: boolean;
          resending: boolean;
          problem: EmailProblem | null;
      }
    | { kind: "verifying"; address: string }
    | { kind: "auth"; address: string; method: EmailAuthMethod; failed: boolean }
    | { kind: "confirm_remove"; address: string; isLast: boolean }
    | { kind: "removing"; address: string }
    | { kind: "error"; problem: EmailProblem; canRetry: boolean };

/** A short confirmation shown above the list after something finished. */
export type EmailNotice =
    | { kind: "added"; address: string }
    | { kind: "removed"; address: string }
    /** An unfinished add outlived its mail's link (an hour) and was forgotten. */
    | { kind: "pending_expired"; address: string };

export interface EmailSnapshot {
    step: EmailStep;
    /** Email addresses on the account, as last fetched (empty while loading for the first time). */
    emails: ThreePidEntry[];
    /** Phone numbers on the account; listed read-only. */
    phones: ThreePidEntry[];
    /** Whether the list has been fetched at least once (so an empty list means "none"). */
    listed: boolean;
    /** Deployer's page for "Didn't get the email?", or null. */
    helpUrl: string | null;
    notice: EmailNotice | null;
}

/** What the section's view can ask for. Every action is safe to call in any step (it is ignored when it does not apply). */
export interface EmailActions {
    /** Fetches list and policy again (also the "Try again" of a failed load). */
    reload(): void;
    startAdd(): void;
    setDraft(draft: string): void;
    submitAddress(): void;
    /** Leaves the address field, or abandons the waiting add (forgetting its stored session). */
    cancelAdd(): void;
    resend(): void;
    /** "I've clicked the link": adds the address, asking for the password or SSO if needed. */
    continueAdd(): void;
    /** The answer to the auth step: the password, or "SSO in the popup is done"; null cancels. */
    submitAuth(answer: AuthAnswer | null): void;
    askRemove(address: string): void;
    confirmRemove(): void;
    cancelRemove(): void;
    /** Repeats what failed (only when the error step says `canRetry`). */
    retry(): void;
    /** Leaves the error step without retrying. */
    dismissError(): void;
    dismissNotice(): void;
}
