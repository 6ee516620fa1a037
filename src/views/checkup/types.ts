/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/* The recovery tools' snapshots and actions (key check, room keys in a file): what their views render and may call. */
import type { FailureKind } from "../../matrix/errors";
import type { DehydrationSupport } from "../../matrix/keys/dehydration";
import type { ImportProgress } from "../../matrix/keys/roomKeys";

export interface RecoveryKeyCheckSnapshot {
    /**
     * - `idle`: the check is not open.
     * - `input`: asking for the key or passphrase (`wrong` after a wrong one).
     * - `checking`: comparing on this device.
     * - `right`: "Good — keep it safe" (`saveFailed` when the date could not be recorded).
     * - `wrong`: not the key: guidance to change it (`canChangeHere`: this session holds the secrets).
     * - `not_set_up`: there is no recovery key on the account.
     */
    step: "idle" | "input" | "checking" | "right" | "wrong" | "not_set_up";
    /** The typed text was not even shaped like a recovery key (and no passphrase exists). */
    malformed: boolean;
    /** This session holds the cross-signing keys and the backup key, so a new key can be made here. */
    canChangeHere: boolean | null;
    /** Last successful check or set-up in this module (any session), ms since the epoch; null: none. */
    lastCheckedAt: number | null;
    /** Recording the date failed (the check itself was right). */
    saveFailed: FailureKind | null;
    /** The check could not run at all (e.g. unusable passphrase settings). */
    problem: "unusable_passphrase" | "unknown" | null;
}

/** "Do you still have your recovery key?" */
export interface RecoveryKeyCheckActions {
    start(): void;
    close(): void;
    /** Compares the typed key or passphrase with the account's, on this device only. */
    check(input: string): Promise<void>;
}

export type ExportProblem = "too_short" | "weak" | "mismatch" | "failed";
export type ImportProblem = "wrong_passphrase" | "not_a_key_file" | "failed";

export interface RoomKeyTransferSnapshot {
    /** The host's crypto stack can export and import room keys. */
    supported: boolean;
    /** The export passphrase's minimum length (for the hint). */
    minPassphraseLength: number;
    /**
     * - `none`: neither flow is open.
     * - `export`: `input` (passphrase twice) → `working` → `done` (`file` to save).
     * - `import`: `input` (file + passphrase) → `working` (`progress`) → `done` (`result`).
     */
    flow: "none" | "export" | "import";
    step: "input" | "working" | "done";
    exportProblem: ExportProblem | null;
    importProblem: ImportProblem | null;
    /** The export's file, until the user saved it (or closed the flow). */
    file: { name: string; text: string; count: number } | null;
    progress: ImportProgress | null;
    result: { total: number; imported: number } | null;
    /**
     * Whether a dehydrated device (MSC3814) is possible here: null until the user asks
     * (checkDehydration; one request, so opening the panel does not pay for it), `checking` meanwhile.
     */
    dehydration: DehydrationSupport | "checking" | null;
}

/** Room keys in a file: export and import in the format of Element's "Export keys". */
export interface RoomKeyTransferActions {
    startExport(): void;
    startImport(): void;
    close(): void;
    exportKeys(passphrase: string, again: string): Promise<void>;
    importKeys(fileText: string, passphrase: string): Promise<void>;
    /** Asks the homeserver whether it supports a dehydrated device (one request). */
    checkDehydration(): void;
}
