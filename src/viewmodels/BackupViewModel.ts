/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The Secure Backup section: the true recovery state, live, and the actions that fix it.
 *
 * Requests: opening the section costs one (GET /room_keys/version, for the server's key count and
 * trust); everything else is read from the synced account data and the crypto store. Afterwards the
 * state follows the client's crypto and account-data events; the only later request is one fresh
 * read when uploads finish (so the key count is true). Disposing the view-model (panel closed) drops
 * every listener.
 */
import type { HostClient } from "../matrix/hostClient";

import type { AccountSecurityConfig } from "../config";
import type { BackupStep } from "../panelTargets";
import { describeFailure, type Failure } from "../matrix/errors";
import { asEmitter, ClientEvents, CryptoEvents } from "../matrix/sdkConstants";
import {
    BackupUnknownError,
    changeRecoveryKey,
    createRecoveryKey,
    deriveRecoveryState,
    enterRecoveryKey,
    forgetRecoveryKey,
    isRecoveryAccountData,
    NotVerifiedHereError,
    readRecoveryFacts,
    replaceBackup,
    resetIdentity,
    restoreFromBackup,
    SecretDecryptionError,
    SecretsMissingError,
    setUpRecovery,
    turnOffKeyStorage,
    turnOnKeyStorage,
    UnsupportedKeyAlgorithmError,
    UnusablePassphraseParamsError,
    WrongRecoveryKeyError,
    type NewRecoveryKey,
    type RecoveryFacts,
    type RecoveryState,
    type RestoreProgress,
} from "../matrix/recovery";
import { AuthCancelledError, type AuthAnswer, type AuthMethod } from "../matrix/uia";
import { judgePassphrase, type PassphraseVerdict } from "../passphrase/strength";
import { ViewModel } from "./ViewModel";
import { recordSetUpAsCheck } from "../matrix/recovery/recoveryCheck";

// Views must not import src/matrix; they get these types from here.
export type { RecoveryFacts, RecoveryState, RestoreProgress, Failure };

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
    auth: { method: AuthMethod; failed: boolean } | null;
    /** Problem of a quick action outside a flow (turn key storage on). */
    problem: ActionProblem | null;
    /** The deployer allows a passphrase instead of a generated key. */
    allowPassphrase: boolean;
    /** The least zxcvbn score (1–4) a passphrase must reach (config `recovery.passphrase_min_score`). */
    passphraseMinScore: number;
}

const NO_FLOW: BackupFlow = { kind: "none" };

/**
 * describeFailure tells real network failures from bugs: an error with no HTTP status that is not a
 * failed connection (a TypeError from a method the host's client lacks, the crypto stack refusing
 * something) is "bug", never "Can't reach your homeserver".
 */
function failureOf(error: unknown): Failure {
    return describeFailure(error);
}

function problemOf(error: unknown): ActionProblem {
    if (error instanceof WrongRecoveryKeyError) return { kind: error.malformed ? "not_a_key" : "wrong_key" };
    if (error instanceof UnusablePassphraseParamsError) return { kind: "passphrase_unusable" };
    if (error instanceof SecretsMissingError) return { kind: "secrets_missing" };
    if (error instanceof NotVerifiedHereError) return { kind: "not_verified_here" };
    if (error instanceof UnsupportedKeyAlgorithmError) return { kind: "unsupported_key" };
    if (error instanceof SecretDecryptionError) return { kind: "storage_damaged" };
    if (error instanceof BackupUnknownError) return { kind: "backup_unknown", failure: failureOf(error.cause) };
    return { kind: "failure", failure: failureOf(error) };
}

/** Spaces and case as a user might copy them: only the characters matter. */
function sameKey(typed: string, expected: string): boolean {
    const norm = (s: string): string => s.replace(/\s+/g, "");
    return norm(typed) === norm(expected);
}

export class BackupViewModel extends ViewModel<BackupSnapshot> {
    private pendingKey: NewRecoveryKey | null = null;
    private authAnswer: ((answer: AuthAnswer | null) => void) | null = null;
    private lastServerCount: { version: string; count: number } | null = null;
    private keysWaiting: number | null = null;
    private refreshTimer: ReturnType<typeof setTimeout> | null = null;
    private refreshing: Promise<void> | null = null;
    private refreshAgain: { fresh: boolean } | null = null;
    private actionRunning = false;
    /** Set when the last auth prompt could not be offered, so the cancel is reported, not silent. */
    private authUnsupported = false;

    public constructor(
        private readonly client: HostClient,
        config: AccountSecurityConfig,
    ) {
        super({
            state: "checking",
            facts: null,
            affected: [],
            failure: null,
            busy: false,
            flow: NO_FLOW,
            auth: null,
            problem: null,
            allowPassphrase: config.recovery.allow_passphrase,
            passphraseMinScore: config.recovery.passphrase_min_score,
        });
        this.listen();
        void this.refresh(true);
        this.onDispose(() => {
            if (this.refreshTimer) clearTimeout(this.refreshTimer);
            this.dropPendingKey();
            this.authAnswer?.(null);
        });
    }

    // ---- live state ----

    private listen(): void {
        const emitter = asEmitter(this.client);
        const on = (event: string, listener: (...args: unknown[]) => void): void => {
            emitter.on(event, listener);
            this.onDispose(() => emitter.off(event, listener));
        };
        const soon = (): void => this.scheduleRefresh();
        on(CryptoEvents.KeyBackupStatus, soon);
        on(CryptoEvents.KeyBackupDecryptionKeyCached, soon);
        on(CryptoEvents.KeysChanged, soon);
        on(CryptoEvents.UserTrustStatusChanged, (userId) => {
            if (userId === this.client.getUserId()) soon();
        });
        on(ClientEvents.AccountData, (event) => {
            const type = (event as { getType?: () => string }).getType?.();
            // Account data changes when another device (or Element) changed recovery or key storage,
            // which may also have replaced or deleted the server backup: re-read it from the server.
            if (type && isRecoveryAccountData(type)) this.scheduleRefresh(true);
        });
        on(CryptoEvents.KeyBackupSessionsRemaining, (remaining) => {
            this.keysWaiting = typeof remaining === "number" ? remaining : null;
            const { facts } = this.getSnapshot();
            if (facts) this.setSnapshot({ facts: { ...facts, keysWaitingToUpload: this.keysWaiting } });
            // The upload loop ends with 0 (it runs only when new room keys appeared): one fresh read
            // makes the server's key count true again.
            if (this.keysWaiting === 0) this.scheduleRefresh(true);
        });
    }

    /** Coalesces bursts of events (a set-up fires dozens) into one read. */
    private scheduleRefresh(fresh = false): void {
        if (this.isDisposed) return;
        if (this.refreshTimer) clearTimeout(this.refreshTimer);
        const wantFresh = fresh || (this.refreshAgain?.fresh ?? false);
        this.refreshAgain = { fresh: wantFresh };
        this.refreshTimer = setTimeout(() => {
            this.refreshTimer = null;
            const again = this.refreshAgain;
            this.refreshAgain = null;
            // During an action, its own final refresh tells the truth; avoid half-done states.
            if (!this.actionRunning && again) void this.refresh(again.fresh);
        }, 100);
    }

    /** Re-reads the state now. `fresh` asks the server for its backup (one request). */
    public async refresh(fresh = false): Promise<void> {
        if (this.refreshing) {
            await this.refreshing;
        }
        const run = (async (): Promise<void> => {
            try {
                const facts = await readRecoveryFacts(this.client, {
                    fresh,
                    lastServerCount: this.lastServerCount,
                    keysWaitingToUpload: this.keysWaiting,
                });
                if (facts.backup?.countIsFresh) {
                    this.lastServerCount = { version: facts.backup.version, count: facts.backup.count };
                }
                const derived = deriveRecoveryState(facts);
                this.setSnapshot({ state: derived.state, affected: derived.affected, facts, failure: null });
                this.startPendingStep();
            } catch (error) {
                this.setSnapshot({ state: "error", facts: null, affected: [], failure: failureOf(error) });
            }
        })();
        this.refreshing = run;
        try {
            await run;
        } finally {
            if (this.refreshing === run) this.refreshing = null;
        }
    }

    /** "Try again" after the state could not be read. */
    public readonly retry = (): Promise<void> => {
        this.setSnapshot({ state: "checking", failure: null });
        return this.refresh(true);
    };

    private async runAction(work: () => Promise<void>): Promise<void> {
        this.actionRunning = true;
        try {
            await work();
        } finally {
            this.actionRunning = false;
            await this.refresh(true);
        }
    }

    // ---- user-interactive auth (reset, and first set-up on servers that ask) ----

    private readonly prompt = (method: AuthMethod, failed: boolean): Promise<AuthAnswer | null> =>
        new Promise((resolve) => {
            if (this.isDisposed) return resolve(null);
            if (method.kind === "unsupported") {
                this.authUnsupported = true;
                return resolve(null);
            }
            this.authAnswer = resolve;
            this.setSnapshot({ auth: { method, failed } });
        });

    /** The user's answer to the auth prompt; null cancels the action (nothing changed on the server). */
    public readonly submitAuth = (answer: AuthAnswer | null): void => {
        const resolve = this.authAnswer;
        this.authAnswer = null;
        this.setSnapshot({ auth: null });
        resolve?.(answer);
    };

    /** A user's cancel is no problem; an auth we could not offer is. */
    private cancelProblem(error: unknown): ActionProblem | null {
        if (!(error instanceof AuthCancelledError)) return problemOf(error);
        const unsupported = this.authUnsupported;
        this.authUnsupported = false;
        return unsupported ? { kind: "auth_unsupported" } : null;
    }

    // ---- set up / change recovery ----

    private dropPendingKey(): void {
        forgetRecoveryKey(this.pendingKey);
        this.pendingKey = null;
    }

    /** Opens the set-up (or change) flow at its first step. */
    public readonly startSetup = (purpose: SetupPurpose = "set_up"): void => {
        this.dropPendingKey();
        this.setSnapshot({
            flow: {
                kind: "setup",
                purpose,
                step: "choose",
                recoveryKey: null,
                withPassphrase: false,
                mismatch: false,
                problem: null,
            },
            problem: null,
        });
    };

    /** Generates the key (from `passphrase` when given and allowed); nothing is saved on the server yet. */
    public readonly generateKey = async (passphrase?: string): Promise<void> => {
        const flow = this.getSnapshot().flow;
        if (flow.kind !== "setup") return;
        const { allowPassphrase, passphraseMinScore } = this.getSnapshot();
        const usePassphrase = !!passphrase && allowPassphrase;
        if (usePassphrase) {
            // The view checks as the user types; this is the gate, so no caller can skip the check.
            let verdict: PassphraseVerdict;
            try {
                verdict = await judgePassphrase(passphrase, passphraseMinScore);
            } catch {
                this.setSnapshot({ flow: { ...flow, problem: { kind: "passphrase_unchecked" } } });
                return;
            }
            if (!verdict.ok) {
                this.setSnapshot({ flow: { ...flow, problem: { kind: "passphrase_weak", verdict } } });
                return;
            }
        }
        try {
            this.dropPendingKey();
            const key = await createRecoveryKey(this.client, usePassphrase ? passphrase : undefined);
            if (this.isDisposed) return forgetRecoveryKey(key);
            this.pendingKey = key;
            this.setSnapshot({
                flow: {
                    ...flow,
                    step: "show_key",
                    recoveryKey: key.encodedPrivateKey,
                    withPassphrase: usePassphrase,
                    problem: null,
                },
            });
        } catch (error) {
            this.setSnapshot({ flow: { ...flow, problem: problemOf(error) } });
        }
    };

    /** "I've saved it": on to typing it back. */
    public readonly keySaved = (): void => {
        const flow = this.getSnapshot().flow;
        if (flow.kind === "setup" && flow.step === "show_key") {
            this.setSnapshot({ flow: { ...flow, step: "confirm_key", mismatch: false } });
        }
    };

    /** Back from typing it back to seeing the key. */
    public readonly showKeyAgain = (): void => {
        const flow = this.getSnapshot().flow;
        if (flow.kind === "setup" && flow.step === "confirm_key") {
            this.setSnapshot({ flow: { ...flow, step: "show_key", mismatch: false } });
        }
    };

    /** The typed-back key: if it matches, recovery is saved on the server (the only step that writes). */
    public readonly confirmKey = async (typed: string): Promise<void> => {
        const flow = this.getSnapshot().flow;
        const key = this.pendingKey;
        if (flow.kind !== "setup" || flow.step !== "confirm_key" || !key) return;
        if (!sameKey(typed, key.encodedPrivateKey)) {
            this.setSnapshot({ flow: { ...flow, mismatch: true } });
            return;
        }
        // From here on the key is no longer shown anywhere.
        this.setSnapshot({ flow: { ...flow, step: "saving", recoveryKey: null, mismatch: false, problem: null } });
        await this.runAction(async () => {
            try {
                // Only "Start a new backup" replaces the server's backup; a key change never does.
                if (flow.purpose === "new_backup") await replaceBackup(this.client, key);
                else if (flow.purpose === "change") await changeRecoveryKey(this.client, key);
                else await setUpRecovery(this.client, key, this.prompt);
                this.dropPendingKey();
                void recordSetUpAsCheck(this.client); // the "still have your key?" reminder counts from now
                this.setSnapshot({ flow: NO_FLOW });
            } catch (error) {
                // Keep the key so "Try again" does not need a new one (the user saved this one).
                const problem = this.cancelProblem(error);
                this.setSnapshot({
                    flow: { ...flow, step: "confirm_key", recoveryKey: key.encodedPrivateKey, problem },
                });
            }
        });
    };

    // ---- enter recovery key on this device ----

    public readonly startEnterKey = (): void => {
        this.setSnapshot({
            flow: { kind: "enter_key", step: "input", progress: null, result: null, problem: null },
            problem: null,
        });
    };

    /**
     * Unlocks with a recovery key (from any client) or the passphrase, then restores the backup with
     * progress. A wrong key leaves everything as it was and says so.
     */
    public readonly submitRecoveryKey = async (input: string): Promise<void> => {
        const flow = this.getSnapshot().flow;
        if (flow.kind !== "enter_key" || input.trim() === "") return;
        this.setSnapshot({ flow: { ...flow, step: "unlocking", problem: null } });
        let restore = false;
        await this.runAction(async () => {
            try {
                const { restoreVersion } = await enterRecoveryKey(this.client, input.trim());
                restore = restoreVersion !== null;
                if (!restore) this.setSnapshot({ flow: NO_FLOW });
            } catch (error) {
                this.setSnapshot({ flow: { ...flow, step: "input", problem: problemOf(error) } });
            }
        });
        if (restore) await this.restore();
    };

    /** Restores from the backup (also "Try again" after a failed restore). */
    public readonly restore = async (): Promise<void> => {
        const base = { kind: "enter_key" as const, result: null, problem: null };
        this.setSnapshot({ flow: { ...base, step: "restoring", progress: { done: 0, total: null } } });
        await this.runAction(async () => {
            try {
                const result = await restoreFromBackup(this.client, (progress) => {
                    const flow = this.getSnapshot().flow;
                    if (flow.kind === "enter_key" && flow.step === "restoring")
                        this.setSnapshot({ flow: { ...flow, progress } });
                });
                this.setSnapshot({ flow: { ...base, step: "restored", progress: null, result } });
            } catch (error) {
                this.setSnapshot({
                    flow: { ...base, step: "restore_failed", progress: null, problem: problemOf(error) },
                });
            }
        });
    };

    // ---- key storage ----

    public readonly askTurnOffKeyStorage = (): void => {
        this.setSnapshot({ flow: { kind: "confirm_key_storage_off", problem: null }, problem: null });
    };

    public readonly confirmTurnOffKeyStorage = async (): Promise<void> => {
        // Only from its confirmation step, and once (a double click or stale button changes nothing).
        if (this.getSnapshot().flow.kind !== "confirm_key_storage_off" || this.getSnapshot().busy) return;
        this.setSnapshot({ busy: true });
        await this.runAction(async () => {
            try {
                await turnOffKeyStorage(this.client);
                this.setSnapshot({ flow: NO_FLOW });
            } catch (error) {
                this.setSnapshot({ flow: { kind: "confirm_key_storage_off", problem: problemOf(error) } });
            }
        });
        this.setSnapshot({ busy: false });
    };

    public readonly turnOnKeyStorage = async (): Promise<void> => {
        this.setSnapshot({ busy: true, problem: null });
        await this.runAction(async () => {
            try {
                await turnOnKeyStorage(this.client);
            } catch (error) {
                this.setSnapshot({ problem: problemOf(error) });
            }
        });
        this.setSnapshot({ busy: false });
    };

    // ---- reset ----

    public readonly startReset = (): void => {
        this.setSnapshot({ flow: { kind: "confirm_reset", step: "confirm", problem: null }, problem: null });
    };

    /** Resets the identity and backup (asking for auth), then goes straight to a new recovery key. */
    public readonly confirmReset = async (): Promise<void> => {
        // Only from the explanation the user has seen ("confirm"), and once: never a reset by itself.
        const flow = this.getSnapshot().flow;
        if (flow.kind !== "confirm_reset" || flow.step !== "confirm") return;
        this.setSnapshot({ flow: { kind: "confirm_reset", step: "resetting", problem: null } });
        let done = false;
        await this.runAction(async () => {
            try {
                await resetIdentity(this.client, this.prompt);
                done = true;
            } catch (error) {
                const problem = this.cancelProblem(error);
                this.setSnapshot({ flow: problem ? { kind: "confirm_reset", step: "confirm", problem } : NO_FLOW });
            }
        });
        if (done) this.startSetup("after_reset");
    };

    /** Leaves any flow; a generated but unsaved key is forgotten. */
    public readonly cancelFlow = (): void => {
        this.dropPendingKey();
        this.setSnapshot({ flow: NO_FLOW, problem: null });
    };

    // ---- steps asked for from elsewhere (Sessions, the reminders) ----

    private pendingStep: BackupStep | null = null;

    /**
     * Opens `step` (e.g. "Use recovery key instead" in Sessions) as soon as the state is known, if it
     * fits that state (see stepFits); otherwise the status stays, which says what does fit. A flow the
     * user is already in is not interrupted. `reset` only shows the explanation: the reset itself
     * always waits for the user's confirmation.
     */
    public readonly openStep = (step: BackupStep): void => {
        this.pendingStep = step;
        this.startPendingStep();
    };

    private startPendingStep(): void {
        const step = this.pendingStep;
        const { state, flow } = this.getSnapshot();
        // Still checking, or the state could not be read: wait for the next successful read (retry).
        if (step === null || state === "checking" || state === "error" || this.isDisposed) return;
        this.pendingStep = null;
        if (flow.kind !== "none" || !stepFits(step, state)) return;
        if (step === "enter_key") this.startEnterKey();
        else if (step === "set_up") this.startSetup("set_up");
        else if (step === "change") this.startSetup("change");
        else this.startReset();
    }
}

/**
 * Whether a step asked for from elsewhere makes sense in `state`: the recovery key can only help where
 * it exists but some secrets are missing here; set-up only where there is no recovery yet; the reset's
 * explanation always (it is the way out of every state).
 */
export function stepFits(step: BackupStep, state: RecoveryState): boolean {
    if (state === "checking" || state === "error") return false;
    if (step === "enter_key") return state === "out_of_sync" || state === "backup_key_missing_from_storage";
    if (step === "set_up") return state === "not_set_up";
    if (step === "change") return state === "healthy";
    return true;
}

/** The actions a view may call (a stub in view tests implements these). */
export type BackupActions = Pick<
    BackupViewModel,
    | "retry"
    | "submitAuth"
    | "startSetup"
    | "generateKey"
    | "keySaved"
    | "showKeyAgain"
    | "confirmKey"
    | "startEnterKey"
    | "submitRecoveryKey"
    | "restore"
    | "askTurnOffKeyStorage"
    | "confirmTurnOffKeyStorage"
    | "turnOnKeyStorage"
    | "startReset"
    | "confirmReset"
    | "cancelFlow"
>;
