/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../../matrix/hostClient";

import { describeFailure } from "../../matrix/errors";
import { deriveRecoveryState, isRecoveryAccountData, readRecoveryFacts } from "../../matrix/recovery";
import { asEmitter, ClientEvents, CryptoEvents } from "../../matrix/sdkConstants";
import { hasOtherEncryptedSession } from "../../matrix/sessions/status";
import type { BackupSnapshot } from "../../views/backup/types";

/**
 * The section's recovery state, kept true while the panel is open. Requests: the first read usually
 * costs none: the backup comes from the crypto stack's copy (see readRecoveryFacts' `if_unsure`),
 * everything else from the synced account data and the crypto store; the server's key count is asked
 * for when the user opens the details (BackupViewModel.loadDetails). Afterwards the state follows the
 * client's crypto and account-data events; later requests: one fresh read when uploads finish (so a
 * key count shown stays true) or when another device changed recovery. `dispose()` drops every listener.
 */
export class LiveRecoveryState {
    private lastServerCount: { version: string; count: number } | null = null;
    private keysWaiting: number | null = null;
    private refreshTimer: ReturnType<typeof setTimeout> | null = null;
    private refreshing: Promise<void> | null = null;
    private refreshAgain: { fresh: boolean } | null = null;
    private readonly stops: Array<() => void> = [];
    private disposed = false;
    /** While an action runs, its own final read tells the truth: events meanwhile read nothing. */
    public actionRunning = false;
    /** When the last action ended: account-data changes just after it are its own writes coming back. */
    public actionEndedAt = 0;

    public constructor(
        private readonly client: HostClient,
        private readonly section: {
            getSnapshot(): BackupSnapshot;
            update(patch: Partial<BackupSnapshot>): void;
            /** After each successful read (a step asked for from elsewhere may start now). */
            onRead(): void;
            /** Whether the section can lead to Sessions (then it says if another session could verify this one). */
            readonly leadsToSessions: boolean;
        },
    ) {
        this.listen();
    }

    public dispose(): void {
        this.disposed = true;
        if (this.refreshTimer) clearTimeout(this.refreshTimer);
        this.stops.splice(0).forEach((stop) => stop());
    }

    private listen(): void {
        const emitter = asEmitter(this.client);
        const on = (event: string, listener: (...args: unknown[]) => void): void => {
            emitter.on(event, listener);
            this.stops.push(() => emitter.off(event, listener));
        };
        const soon = (): void => this.scheduleRefresh();
        on(CryptoEvents.KeyBackupStatus, soon);
        on(CryptoEvents.KeyBackupDecryptionKeyCached, soon);
        on(CryptoEvents.KeysChanged, soon);
        on(CryptoEvents.UserTrustStatusChanged, (userId) => {
            if (userId === this.client.getUserId()) soon();
        });
        // This device's own signature reaches the crypto store with the next device-list update.
        on(CryptoEvents.DevicesUpdated, (users) => {
            if (Array.isArray(users) && users.includes(this.client.getUserId())) soon();
        });
        on(ClientEvents.AccountData, (event) => {
            const type = (event as { getType?: () => string }).getType?.();
            // Account data changes when another device (or Element) changed recovery or key storage,
            // which may also have replaced or deleted the server backup: re-read it from the server.
            // Our own action's writes echo back through the sync (during the action or just after it):
            // the crypto stack's copy is current then.
            const ours = this.actionRunning || Date.now() - this.actionEndedAt <= 10_000;
            if (type && isRecoveryAccountData(type)) this.scheduleRefresh(!ours);
        });
        on(CryptoEvents.KeyBackupSessionsRemaining, (remaining) => {
            this.keysWaiting = typeof remaining === "number" ? remaining : null;
            const { facts } = this.section.getSnapshot();
            if (facts) this.section.update({ facts: { ...facts, keysWaitingToUpload: this.keysWaiting } });
            // The upload loop ends with 0 (it runs only when new room keys appeared): one fresh read
            // makes the server's key count true again — once the user asked for it (details opened).
            if (this.keysWaiting === 0 && facts?.backup?.countIsFresh) this.scheduleRefresh(true);
        });
    }

    /** Coalesces bursts of events (a set-up fires dozens) into one read. */
    private scheduleRefresh(fresh = false): void {
        if (this.disposed) return;
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

    /**
     * Re-reads the state now. `fresh` asks the server for its backup (one request); `if_unsure` only
     * when the crypto stack's copy and the account's own data disagree.
     */
    public async refresh(fresh: boolean | "if_unsure" = false): Promise<void> {
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
                const canVerifyWithOtherSession =
                    this.section.leadsToSessions &&
                    !facts.thisDeviceVerified &&
                    (await hasOtherEncryptedSession(this.client));
                this.section.update({
                    state: derived.state,
                    affected: derived.affected,
                    facts,
                    failure: null,
                    canVerifyWithOtherSession,
                });
                this.section.onRead();
            } catch (error) {
                this.section.update({
                    state: "error",
                    facts: null,
                    affected: [],
                    failure: describeFailure(error),
                    canVerifyWithOtherSession: false,
                });
            }
        })();
        this.refreshing = run;
        try {
            await run;
        } finally {
            if (this.refreshing === run) this.refreshing = null;
        }
    }
}
