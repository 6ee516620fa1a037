/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The nudge layer's logic: watches the client, asks the engine which reminder to show, and carries
 * out "Later" / "Don't remind me" (stored in account data) and the answer to an incoming
 * verification request. Part of the entry chunk: no UI libraries, no matrix-js-sdk at runtime.
 */

import type { HostClient } from "../matrix/hostClient";

import type { AccountSecurityConfig } from "../config";
import type { PanelTarget } from "../panelTargets";
import type { ThreePidChanges } from "../matrix/email/threePidChanges";
import { describeFailure, reportIfBug } from "../matrix/errors";
import { readDismissals, writeDismissals } from "../nudges/dismissalStore";
import { RECOVERY_CHECK_TYPE } from "../matrix/recovery/recoveryCheck";
import { readOwnDevicesFromCrypto } from "../matrix/sessions/status";
import { ELEMENT_BACKUP_DISABLED_TYPE, ELEMENT_RECOVERY_TYPE } from "../matrix/sdkConstants";
import { watchSecurityState } from "../matrix/sessions/watch";
import type { IncomingVerifications } from "../matrix/verification/incoming";
import { dismissForever, NUDGE_ACCOUNT_DATA_TYPE, snooze } from "../nudges/dismissals";
import {
    checkupNeedsEmail,
    collectNudgeState,
    emailChangesAllowed,
    needsEmailCheck,
    readHasEmail,
} from "../nudges/collect";
import { computeCheckup } from "../nudges/checkup";
import { decide, intentFor, nextWakeUp, type Nudge, type NudgeState } from "../nudges/engine";
import type { NudgeSnapshot } from "../views/nudges/types";
import { ViewModel } from "./ViewModel";

export type * from "../views/nudges/types";

/** What the layer shows before it knows anything, and when nothing applies. */
export const HIDDEN_NUDGE_SNAPSHOT: NudgeSnapshot = {
    state: "hidden",
    nudge: null,
    requestDeviceId: null,
    requestDeviceName: null,
    badge: 0,
    checkup: null,
    busy: false,
    error: null,
};

export interface NudgeViewModelOptions {
    config: AccountSecurityConfig;
    /** Opens the Account security panel at a section. */
    openPanel(target: PanelTarget): void;
    /**
     * Incoming verification requests from the user's other sessions (null: the client has no crypto).
     * Offered to the user only where the watcher says so (`offerToUser`, see nudgeGlue.ts).
     */
    incoming: IncomingVerifications | null;
    /**
     * Whether the host shows its own toast for incoming requests (Element does). The glue then makes
     * the watcher observe only (two prompts would fight over one request), and we hide our reminder
     * while a request is pending, so nothing of ours covers the host's toast.
     */
    hostShowsRequestToasts: boolean;
    /** The account's email addresses as last read and their change notices (AccountSession); without them, each refresh reads. */
    threePidChanges?: ThreePidChanges;
    /** When this session was first seen (grace period); see nudges/sessionStart.ts. */
    sessionStartedAt: number;
    /** Told the badge count whenever it changes (0 when the layer goes away): feeds the entry point. */
    onBadge?: (count: number) => void;
    /** Told the checkup's count whenever it changes (null when the layer goes away): feeds the entry point. */
    onCheckup?: (checkup: { on: number; total: number } | null) => void;
    /** The clock, replaceable in tests. */
    now?: () => number;
}

export class NudgeViewModel extends ViewModel<NudgeSnapshot> {
    private state: NudgeState | null = null;
    private hasEmail: boolean | null = null;
    private emailChangesAllowed: boolean | null = null;
    private wakeUp: ReturnType<typeof setTimeout> | undefined;
    private generation = 0;
    /** Choices being saved: they win over what the client has until the server echoes them back. */
    private savingDismissals: NudgeState["dismissals"] | null = null;
    private readonly now: () => number;

    public constructor(
        private readonly client: HostClient,
        private readonly options: NudgeViewModelOptions,
    ) {
        super(HIDDEN_NUDGE_SNAPSHOT);
        this.now = options.now ?? Date.now;
        this.onDispose(
            watchSecurityState(client, () => void this.refresh(), {
                rooms: true,
                accountDataTypes: [
                    NUDGE_ACCOUNT_DATA_TYPE,
                    ELEMENT_RECOVERY_TYPE,
                    ELEMENT_BACKUP_DISABLED_TYPE,
                    RECOVERY_CHECK_TYPE,
                ],
            }),
        );
        if (options.incoming) this.onDispose(options.incoming.subscribe(() => this.render()));
        // No event tells us about email changes: every read of the list tells us instead — the Email
        // section's after each change, and Element's Settings' own after a change there.
        const threePids = options.threePidChanges;
        if (threePids && (needsEmailCheck(options.config) || checkupNeedsEmail(options.config))) {
            this.onDispose(threePids.onKnown(() => void this.refresh(true)));
            this.onDispose(threePids.follow(client));
        }
        this.onDispose(() => clearTimeout(this.wakeUp));
        if (options.onBadge) {
            const onBadge = options.onBadge;
            this.onDispose(this.subscribe(() => onBadge(this.getSnapshot().badge)));
            this.onDispose(() => onBadge(0));
        }
        if (options.onCheckup) {
            const onCheckup = options.onCheckup;
            this.onDispose(this.subscribe(() => onCheckup(this.getSnapshot().checkup)));
            this.onDispose(() => onCheckup(null));
        }
        void this.refresh(true);
    }

    /** Re-reads the state (the watcher calls this on every relevant event). `email`: re-check addresses too. */
    public async refresh(email = false): Promise<void> {
        const generation = ++this.generation;
        try {
            const config = this.options.config;
            if ((email || this.hasEmail === null) && (needsEmailCheck(config) || checkupNeedsEmail(config))) {
                this.hasEmail = await readHasEmail(this.client, this.options.threePidChanges);
                if (checkupNeedsEmail(config)) this.emailChangesAllowed = await emailChangesAllowed(this.client);
            }
            const state = await collectNudgeState(this.client, this.options.sessionStartedAt, this.hasEmail);
            // A slower, older read must not overwrite a newer one.
            if (generation !== this.generation || this.isDisposed) return;
            this.state = this.savingDismissals ? { ...state, dismissals: this.savingDismissals } : state;
            this.render();
        } catch (error) {
            // Reminders are a courtesy: if the state cannot be read now, say nothing and try on the next event
            // (a bug, though, goes to the console once).
            reportIfBug(error);
        }
    }

    /** The reminder's main button: opens the panel at the step that fixes the problem. */
    public act(): void {
        const nudge = this.getSnapshot().nudge;
        const intent = nudge ? intentFor(nudge.kind, this.options.config) : null;
        if (intent) this.options.openPanel(intent);
    }

    /** "Later": hidden for the configured days in every session of the account. */
    public later(): Promise<void> {
        return this.saveDismissal((current, nudge, now) =>
            snooze(current, nudge.kind, this.options.config.nudges.snooze_days, now, this.deviceIds(nudge)),
        );
    }

    /** "Don't remind me" (optional reminders only, where the deployer allows it). */
    public dismissForever(): Promise<void> {
        const nudge = this.getSnapshot().nudge;
        if (!nudge?.canDismissForever) return Promise.resolve();
        return this.saveDismissal((current, n, now) => dismissForever(current, n.kind, now, this.deviceIds(n)));
    }

    /** Accepts the incoming verification request and opens the Sessions panel, which shows the emoji. */
    public async acceptRequest(): Promise<void> {
        const incoming = this.options.incoming;
        if (!incoming?.offerToUser) return;
        this.setSnapshot({ busy: true, error: null });
        try {
            const accepting = incoming.accept();
            this.options.openPanel("sessions");
            await accepting;
            this.setSnapshot({ busy: false });
        } catch (error) {
            const failure = describeFailure(error);
            this.setSnapshot({ busy: false, error: failure.kind, errorCode: failure.code ?? null });
        }
    }

    public async declineRequest(): Promise<void> {
        await this.options.incoming?.decline();
    }

    private deviceIds(nudge: Nudge): string[] | undefined {
        return nudge.devices?.map((device) => device.deviceId);
    }

    private async saveDismissal(
        update: (current: NudgeState["dismissals"], nudge: Nudge, now: number) => NudgeState["dismissals"],
    ): Promise<void> {
        const nudge = this.getSnapshot().nudge;
        if (!nudge || !this.state) return;
        // Start from what the server last sent (another session may have added its own choices).
        const next = update(readDismissals(this.client), nudge, this.now());
        const previous = this.state;
        // Hide at once; the account-data echo confirms it (and reaches the user's other sessions).
        this.state = { ...previous, dismissals: next };
        this.savingDismissals = next;
        this.setSnapshot({ busy: true, error: null });
        this.render();
        try {
            await writeDismissals(this.client, next);
            this.setSnapshot({ busy: false });
        } catch (error) {
            if (this.state.dismissals === next) this.state = { ...this.state, dismissals: previous.dismissals };
            this.render();
            const failure = describeFailure(error);
            this.setSnapshot({ busy: false, error: failure.kind, errorCode: failure.code ?? null });
        } finally {
            if (this.savingDismissals === next) this.savingDismissals = null;
        }
    }

    private render(): void {
        if (this.isDisposed) return;
        const pending = this.options.incoming?.getSnapshot().pending ?? null;
        const decision = this.state ? decide(this.state, this.options.config, this.now()) : null;
        if (this.state) this.scheduleWakeUp(nextWakeUp(this.state, this.options.config, this.now()), this.now());
        const badge = decision?.attention.length ?? 0;
        this.showCheckup();
        if (pending && this.options.incoming?.offerToUser) {
            this.show("request", null, pending.deviceId, badge);
            if (pending.deviceId) void this.lookUpName(pending.deviceId);
        } else if (pending && this.options.hostShowsRequestToasts) this.show("hidden", null, null, badge);
        else this.show(decision?.nudge ? "nudge" : "hidden", decision?.nudge ?? null, null, badge);
    }

    private show(
        state: NudgeSnapshot["state"],
        nudge: Nudge | null,
        requestDeviceId: string | null,
        badge: number,
    ): void {
        const current = this.getSnapshot();
        const same =
            current.state === state &&
            current.requestDeviceId === requestDeviceId &&
            current.badge === badge &&
            JSON.stringify(current.nudge) === JSON.stringify(nudge);
        // A different reminder starts without the previous one's error.
        if (!same) {
            const requestDeviceName = requestDeviceId === current.requestDeviceId ? current.requestDeviceName : null;
            this.setSnapshot({ state, nudge, requestDeviceId, requestDeviceName, badge, error: null });
        }
    }

    /** The checkup's count from the same facts as the reminders (see nudges/checkup.ts). */
    private showCheckup(): void {
        if (!this.state || this.options.config.checkup.protections.length === 0) return;
        const { on, total } = computeCheckup(
            { ...this.state, emailChangesAllowed: this.emailChangesAllowed },
            this.options.config,
        );
        const current = this.getSnapshot().checkup;
        if (current?.on !== on || current?.total !== total)
            this.setSnapshot({ checkup: total > 0 ? { on, total } : null });
    }

    /** Names the asking session (local lookup in the crypto layer's device list). */
    private async lookUpName(deviceId: string): Promise<void> {
        try {
            const device = (await readOwnDevicesFromCrypto(this.client)).find((d) => d.deviceId === deviceId);
            if (this.getSnapshot().requestDeviceId === deviceId && device?.name) {
                this.setSnapshot({ requestDeviceName: device.name });
            }
        } catch (error) {
            // The ID is shown instead (a bug, though, goes to the console once).
            reportIfBug(error);
        }
    }

    /** One timer for the next moment the clock alone changes the decision (a snooze ending); no polling. */
    private scheduleWakeUp(at: number | null, now: number): void {
        clearTimeout(this.wakeUp);
        this.wakeUp = undefined;
        if (at === null) return;
        // setTimeout holds at most ~24.8 days; a longer snooze is re-armed when the timer fires.
        const delay = Math.min(at - now, 2 ** 31 - 1);
        this.wakeUp = setTimeout(() => this.render(), Math.max(delay, 0) + 50);
    }
}
