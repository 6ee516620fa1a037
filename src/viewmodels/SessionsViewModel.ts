/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The Sessions section: this session and the account's other sessions with their trust, kept live
 * by device and trust events, and the verification flows that change it.
 */

import type { HostClient } from "../matrix/hostClient";

import type { PanelTarget, SessionsStep } from "../panelTargets";
import { describeFailure } from "../matrix/errors";
import {
    deviceSetOf,
    fetchDeviceList,
    ownCryptoDevices,
    readOtherSessions,
    readThisSession,
    type ServerDeviceList,
} from "../matrix/sessions/status";
import { watchSecurityState } from "../matrix/sessions/watch";
import type { FlowOptions, VerificationFlow } from "../matrix/verification/flow";
import type { IncomingVerifications } from "../matrix/verification/incoming";
import { verifyOtherSession, verifyThisSession } from "../matrix/verification/start";
import type { SessionsActions, SessionsSnapshot } from "../views/sessions/types";
import { VerificationViewModel } from "./VerificationViewModel";
import { ViewModel } from "./ViewModel";

export type * from "../views/sessions/types";

export interface SessionsViewModelOptions {
    openSection(target: PanelTarget): void;
    /** The client's incoming-request watcher, if the nudge layer created one (see incoming.ts). */
    incoming: IncomingVerifications | null;
    flowOptions?: FlowOptions;
    /** A step asked for from elsewhere, started as the section opens. */
    startWith?: SessionsStep;
}

export class SessionsViewModel extends ViewModel<SessionsSnapshot> implements SessionsActions {
    /** The verification on screen (also in the snapshot, as its view sees it); this view-model owns it. */
    private verification: VerificationViewModel | null = null;
    private generation = 0;
    /** The last outgoing verification the user started, for "Try again". */
    private lastStart: (() => Promise<void>) | null = null;
    /**
     * The homeserver's device list (for names and last activity) and the devices the crypto layer
     * knew when it was read: asked again only when those change, not on every trust event.
     */
    private deviceList: { devices: ServerDeviceList; knownSet: string } | null = null;
    /**
     * Opened to verify this session (Secure Backup's "Verify with another device"): the verification
     * fills the section, so the homeserver's list is read only once it closes (or fails to start).
     */
    private listHidden: boolean;

    public constructor(
        private readonly client: HostClient,
        private readonly options: SessionsViewModelOptions,
    ) {
        super({
            state: "loading",
            error: null,
            thisSession: null,
            otherSessions: [],
            incoming: null,
            verification: null,
            startError: null,
            busy: false,
        });
        this.listHidden = options.startWith === "verify_this";
        this.onDispose(watchSecurityState(client, () => void this.load()));
        this.onDispose(() => this.verification?.dispose());
        const incoming = options.incoming;
        if (incoming) {
            this.onDispose(incoming.subscribe(() => this.onIncoming()));
            this.onIncoming();
        }
        if (this.listHidden) void this.verifyThisSession();
        void this.load();
    }

    public retry(): void {
        this.deviceList = null;
        this.setSnapshot({ state: "loading", error: null });
        void this.load();
    }

    public verifyThisSession(): Promise<void> {
        this.lastStart = () => this.verifyThisSession();
        return this.start(() => verifyThisSession(this.client, this.options.flowOptions), "this", null);
    }

    public verifyOtherSession(deviceId: string): Promise<void> {
        const name = this.nameOf(deviceId);
        this.lastStart = () => this.verifyOtherSession(deviceId);
        return this.start(() => verifyOtherSession(this.client, deviceId, this.options.flowOptions), "other", name);
    }

    public useRecoveryKey(): void {
        this.options.openSection({ section: "backup", step: "enter_key" });
    }

    public reset(): void {
        // Only the explanation: the reset itself waits for the user's confirmation there.
        this.options.openSection({ section: "backup", step: "reset" });
    }

    public setUpRecovery(): void {
        this.options.openSection({ section: "backup", step: "set_up" });
    }

    public async acceptIncoming(): Promise<void> {
        // The watcher publishes the accepted flow at once; onIncoming() takes it and shows it.
        await this.options.incoming?.accept();
    }

    public async declineIncoming(): Promise<void> {
        await this.options.incoming?.decline();
    }

    public closeVerification(): void {
        this.verification?.dispose();
        this.verification = null;
        this.setSnapshot({ verification: null });
        this.showList();
    }

    public async retryVerification(): Promise<void> {
        await this.lastStart?.();
    }

    /** The name the user gave a session of theirs, else its ID; null until the list has loaded. */
    private nameOf = (deviceId: string): string | null => {
        if (this.getSnapshot().state !== "ready") return null;
        const session = this.getSnapshot().otherSessions.find((s) => s.deviceId === deviceId);
        return session?.name ?? deviceId;
    };

    private async start(
        begin: () => Promise<VerificationFlow>,
        target: "this" | "other",
        name: string | null,
    ): Promise<void> {
        this.setSnapshot({ busy: true, startError: null });
        try {
            const flow = await begin();
            if (this.isDisposed) return flow.dispose();
            this.adopt(flow, target, name);
            this.setSnapshot({ busy: false });
        } catch (error) {
            const failure = describeFailure(error);
            this.setSnapshot({ busy: false, startError: failure.kind, startErrorCode: failure.code ?? null });
            // The error shows above this session's card and the list: both are on screen now.
            if (this.listHidden) this.showList();
        }
    }

    private showList(): void {
        this.listHidden = false;
        void this.load();
    }

    private adopt(flow: VerificationFlow, target: VerificationViewModelTarget, name: string | null): void {
        this.verification?.dispose();
        this.verification = new VerificationViewModel(flow, target, this.nameOf, name);
        this.setSnapshot({ verification: this.verification });
    }

    private onIncoming(): void {
        const incoming = this.options.incoming!;
        // Accepted from the nudge layer (before or while the panel is open): show its emoji here.
        const accepted = incoming.takeAccepted();
        if (accepted) this.adopt(accepted, "incoming", null);
        const pending = incoming.offerToUser ? incoming.getSnapshot().pending : null;
        this.setSnapshot({
            incoming: pending
                ? { deviceId: pending.deviceId, name: pending.deviceId ? this.nameOf(pending.deviceId) : null }
                : null,
        });
    }

    private async load(): Promise<void> {
        if (this.listHidden) return;
        const generation = ++this.generation;
        try {
            const thisSession = await readThisSession(this.client);
            const known = await ownCryptoDevices(this.client);
            const knownSet = deviceSetOf(known);
            if (this.deviceList?.knownSet !== knownSet) {
                this.deviceList = { devices: await fetchDeviceList(this.client), knownSet };
            }
            const { devices } = this.deviceList;
            const otherSessions = await readOtherSessions(this.client, thisSession.trust, devices, known);
            if (generation !== this.generation) return;
            this.setSnapshot({ state: "ready", error: null, thisSession, otherSessions });
        } catch (error) {
            if (generation !== this.generation) return;
            // Once the lists are shown, a failed refresh keeps them rather than blanking the section.
            if (this.getSnapshot().state !== "ready") {
                const failure = describeFailure(error);
                this.setSnapshot({ state: "error", error: failure.kind, errorCode: failure.code ?? null });
            }
        }
    }
}

type VerificationViewModelTarget = "this" | "other" | "incoming";
