/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The Secure Backup section: the true recovery state, live (backup/LiveRecoveryState.ts), and the
 * actions that fix it, each flow a small class over the section (backup/SetupFlow.ts,
 * EnterKeyFlow.ts, KeyStorageFlow.ts, ResetFlow.ts). Disposing the view-model (panel closed) drops
 * every listener and forgets an unsaved key.
 */
import type { HostClient } from "../matrix/hostClient";

import type { AccountSecurityConfig } from "../config";
import type { BackupStep, PanelTarget } from "../panelTargets";
import type { RecoveryState } from "../matrix/recovery";
import { AuthCancelledError, type AuthAnswer, type AuthMethod } from "../matrix/uia";
import { AuthQuestion } from "./auth/AuthQuestion";
import { EnterKeyFlow } from "./backup/EnterKeyFlow";
import { KeyStorageFlow } from "./backup/KeyStorageFlow";
import { LiveRecoveryState } from "./backup/LiveRecoveryState";
import { ResetFlow } from "./backup/ResetFlow";
import { NO_FLOW, problemOf, type BackupSection } from "./backup/section";
import { SetupFlow } from "./backup/SetupFlow";
import type { ActionProblem, BackupActions, BackupSnapshot, SetupPurpose } from "../views/backup/types";
import { ViewModel } from "./ViewModel";

// Views must not import src/matrix; they get these types from here.
export type * from "../views/backup/types";

export class BackupViewModel extends ViewModel<BackupSnapshot> implements BackupActions, BackupSection {
    private readonly auth = new AuthQuestion((auth) => this.setSnapshot({ auth }));
    private readonly live: LiveRecoveryState;
    private readonly setup = new SetupFlow(this);
    private readonly enterKey = new EnterKeyFlow(this);
    private readonly keyStorage = new KeyStorageFlow(this);
    private readonly reset = new ResetFlow(this, () => this.setup.startSetup("after_reset"));

    /**
     * `openSection` leads to the panel's other sections (the panel passes it; without it, or with
     * Sessions switched off, "Verify with another device" is not offered here).
     */
    public constructor(
        public readonly client: HostClient,
        config: AccountSecurityConfig,
        private readonly openSection: ((target: PanelTarget) => void) | null = null,
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
            canVerifyWithOtherSession: false,
        });
        this.live = new LiveRecoveryState(client, {
            getSnapshot: () => this.getSnapshot(),
            update: (patch) => this.setSnapshot(patch),
            onRead: () => this.startPendingStep(),
            leadsToSessions: openSection !== null && config.sections.sessions,
        });
        void this.refresh("if_unsure");
        this.onDispose(() => {
            this.live.dispose();
            this.setup.dropPendingKey();
            this.auth.answer(null);
        });
    }

    // ---- BackupSection: what the flows share ----

    public get closed(): boolean {
        return this.isDisposed;
    }

    public update(patch: Partial<BackupSnapshot>): void {
        this.setSnapshot(patch);
    }

    public async runAction(work: () => Promise<void>): Promise<void> {
        this.live.actionRunning = true;
        try {
            await work();
        } finally {
            this.live.actionRunning = false;
            this.live.actionEndedAt = Date.now();
            // The action read the server's backup itself where it mattered, and the crypto stack's
            // copy follows what it did: no request unless that copy and the account disagree.
            await this.refresh("if_unsure");
        }
    }

    /** User-interactive auth (reset, and first set-up on servers that ask). */
    public readonly prompt = (method: AuthMethod, failed: boolean): Promise<AuthAnswer | null> =>
        this.auth.ask(method, failed, !this.isDisposed);

    public cancelProblem(error: unknown): ActionProblem | null {
        if (!(error instanceof AuthCancelledError)) return problemOf(error);
        return this.auth.takeUnsupported() ? { kind: "auth_unsupported" } : null;
    }

    // ---- the state ----

    /** Re-reads the state now. `fresh` asks the server for its backup (one request); see LiveRecoveryState. */
    public refresh(fresh: boolean | "if_unsure" = false): Promise<void> {
        return this.live.refresh(fresh);
    }

    /** The details were opened: the server's key count, once (one request). */
    public readonly loadDetails = (): void => {
        const backup = this.getSnapshot().facts?.backup;
        if (backup && !backup.countIsFresh) void this.refresh(true);
    };

    public readonly retry = (): Promise<void> => {
        this.setSnapshot({ state: "checking", failure: null });
        return this.refresh(true);
    };

    public readonly submitAuth = (answer: AuthAnswer | null): void => this.auth.answer(answer);

    // ---- the flows' actions ----

    public readonly startSetup = (purpose?: SetupPurpose): void => this.setup.startSetup(purpose);
    public readonly generateKey = (passphrase?: string): Promise<void> => this.setup.generateKey(passphrase);
    public readonly keySaved = (): void => this.setup.keySaved();
    public readonly showKeyAgain = (): void => this.setup.showKeyAgain();
    public readonly confirmKey = (typed: string): Promise<void> => this.setup.confirmKey(typed);
    public readonly startEnterKey = (): void => this.enterKey.startEnterKey();
    public readonly verifyWithOtherSession = (): void =>
        this.openSection?.({ section: "sessions", step: "verify_this" });
    public readonly submitRecoveryKey = (input: string): Promise<void> => this.enterKey.submitRecoveryKey(input);
    public readonly restore = (): Promise<void> => this.enterKey.restore();
    public readonly askTurnOffKeyStorage = (): void => this.keyStorage.askTurnOffKeyStorage();
    public readonly confirmTurnOffKeyStorage = (): Promise<void> => this.keyStorage.confirmTurnOffKeyStorage();
    public readonly turnOnKeyStorage = (): Promise<void> => this.keyStorage.turnOnKeyStorage();
    public readonly startReset = (): void => this.reset.startReset();
    public readonly confirmReset = (): Promise<void> => this.reset.confirmReset();

    public readonly cancelFlow = (): void => {
        this.setup.dropPendingKey();
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
        if (step === "enter_key") this.enterKey.startEnterKey();
        else if (step === "set_up") this.setup.startSetup("set_up");
        else if (step === "change") this.setup.startSetup("change");
        else this.reset.startReset();
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
