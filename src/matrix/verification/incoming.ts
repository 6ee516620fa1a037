/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Verification requests that another session of the user sends to this one. They can arrive at any
 * time, also while our panel is closed, so one watcher per account (kept by AccountSession) lives as
 * long as the account and is shared by the nudge layer (which creates it and offers "Accept") and the
 * Sessions panel (which shows the emoji once accepted).
 */

import type { HostClient } from "../hostClient";
import type { VerificationRequest } from "matrix-js-sdk/lib/crypto-api/verification";

import { asEmitter, CryptoEvents, Phase, VerificationEvents } from "../sdkConstants";
import { VerificationFlow, type FlowOptions } from "./flow";

export interface IncomingSnapshot {
    /** A request waiting for an answer, with the asking session's device ID. */
    pending: { deviceId: string | null } | null;
    /** A verification the user accepted, waiting for the Sessions panel to show it. */
    accepted: VerificationFlow | null;
}

export class IncomingVerifications {
    private listeners = new Set<() => void>();
    private request: VerificationRequest | null = null;
    private acceptedFlow: VerificationFlow | null = null;
    private snapshot: IncomingSnapshot = { pending: null, accepted: null };
    private readonly stop: () => void;

    public constructor(
        client: HostClient,
        /**
         * Whether our UI may offer these requests to the user. False where the host shows its own
         * request toast: we then only observe (to keep out of the toast's way), never answer.
         */
        public readonly offerToUser: boolean,
        private readonly flowOptions: FlowOptions = {},
    ) {
        const emitter = asEmitter(client);
        emitter.on(CryptoEvents.VerificationRequestReceived, this.onRequest);
        this.stop = () => emitter.off(CryptoEvents.VerificationRequestReceived, this.onRequest);
    }

    public getSnapshot = (): IncomingSnapshot => this.snapshot;

    public subscribe = (listener: () => void): (() => void) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    };

    /** Accepts the pending request; the Sessions panel then takes the flow with `takeAccepted()`. */
    public async accept(): Promise<VerificationFlow | null> {
        const request = this.request;
        if (!request || !this.offerToUser) return null;
        this.forget();
        const flow = new VerificationFlow(request, "incoming", this.flowOptions);
        this.acceptedFlow = flow;
        this.publish();
        await flow.accept();
        return flow;
    }

    /** Declines the pending request (the other session is told it was cancelled). */
    public async decline(): Promise<void> {
        if (!this.offerToUser) return;
        const request = this.request;
        this.forget();
        this.publish();
        await request?.cancel().catch(() => undefined);
    }

    /** Hands the accepted flow to its new owner (who disposes it). */
    public takeAccepted(): VerificationFlow | null {
        const flow = this.acceptedFlow;
        this.acceptedFlow = null;
        if (flow) this.publish();
        return flow;
    }

    public dispose(): void {
        this.stop();
        this.forget();
        this.acceptedFlow?.dispose();
        this.acceptedFlow = null;
        this.listeners.clear();
    }

    private readonly onRequest = (request: VerificationRequest): void => {
        // Only our own sessions; requests from other people are in-room and are the host's business.
        if (!request.isSelfVerification || request.initiatedByMe) return;
        this.forget();
        this.request = request;
        asEmitter(request).on(VerificationEvents.RequestChange, this.onRequestChange);
        this.publish();
    };

    /** A request that is cancelled, timed out or answered by another session stops being pending. */
    private readonly onRequestChange = (): void => {
        const phase = this.request?.phase as number | undefined;
        if (phase !== Phase.Requested && phase !== Phase.Unsent) {
            this.forget();
            this.publish();
        }
    };

    private forget(): void {
        if (this.request) asEmitter(this.request).off(VerificationEvents.RequestChange, this.onRequestChange);
        this.request = null;
    }

    private publish(): void {
        this.snapshot = {
            pending: this.request ? { deviceId: this.request.otherDeviceId ?? null } : null,
            accepted: this.acceptedFlow,
        };
        for (const listener of [...this.listeners]) listener();
    }
}
