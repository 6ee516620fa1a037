/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * One emoji (SAS) verification between this session and another session of the same account,
 * from either side, as a small state machine over matrix-js-sdk's VerificationRequest/Verifier.
 *
 *   outgoing: requesting → waiting → starting → compare → confirming → done
 *   incoming: incoming → (accept) → starting → compare → confirming → done
 *   any step → cancelled { reason, byMe }
 *
 * The SDK knows the phase but not who pressed what; we remember our own "cancel" and "they don't
 * match" so the user is told what actually happened.
 */

import type {
    EmojiMapping,
    ShowSasCallbacks,
    VerificationRequest,
    Verifier,
} from "matrix-js-sdk/lib/crypto-api/verification";

import { asEmitter, Phase, SAS_METHOD, VerificationEvents } from "../sdkConstants";

/**
 * Why a verification ended without success.
 * - `cancelled`: someone pressed cancel (see `byMe`).
 * - `mismatch`: someone said the emoji differ. Nothing was verified; someone may be interfering.
 * - `timeout`: the request or the comparison took too long (the SDK's limit, ~10 minutes).
 * - `accepted_elsewhere`: another of the user's sessions answered the request.
 * - `failed`: the devices disagreed on the protocol (keys changed, unexpected message, …).
 */
export type CancelReason = "cancelled" | "mismatch" | "timeout" | "accepted_elsewhere" | "failed";

export type FlowStep =
    /** Sending the request. */
    | { step: "requesting" }
    /** Sent; the other session has not answered. `silent`: no answer for a while, it may be offline. */
    | { step: "waiting"; silent: boolean }
    /** Another session asks to verify with this one; not accepted yet. */
    | { step: "incoming" }
    /** Accepted; the devices are exchanging keys. */
    | { step: "starting" }
    /** Show these 7 emoji; the user compares them with the other screen. */
    | { step: "compare"; emoji: EmojiMapping[] }
    /** The user said they match; waiting for the other session to say so too. */
    | { step: "confirming"; emoji: EmojiMapping[] }
    | { step: "done" }
    | { step: "cancelled"; reason: CancelReason; byMe: boolean };

export interface FlowOptions {
    /** After this long without an answer, `waiting.silent` turns true. Default 45 s. */
    silentAfterMs?: number;
    /**
     * On an incoming request, start the emoji exchange ourselves if the requester has not after this
     * long (Element lets either side pick the method). Default 3 s; the requester normally starts.
     */
    incomingStartAfterMs?: number;
}

/** Cancellation codes of the Matrix spec (m.key.verification.cancel). */
function reasonFor(code: string | null): CancelReason {
    switch (code) {
        case "m.user":
            return "cancelled";
        case "m.mismatched_sas":
            return "mismatch";
        case "m.timeout":
            return "timeout";
        case "m.accepted":
            return "accepted_elsewhere";
        default:
            return "failed";
    }
}

export class VerificationFlow {
    private listeners = new Set<() => void>();
    private current: FlowStep;
    private sas: ShowSasCallbacks | null = null;
    private verifier: Verifier | null = null;
    private confirmed = false;
    private cancelledByMe = false;
    private mismatchByMe = false;
    private silent = false;
    private startingSas = false;
    private failedLocally = false;
    private timers: Array<ReturnType<typeof setTimeout>> = [];
    private disposed = false;

    public constructor(
        public readonly request: VerificationRequest,
        /** Whether this session asked (outgoing) or was asked (incoming). */
        public readonly direction: "outgoing" | "incoming",
        private readonly options: FlowOptions = {},
    ) {
        this.current = direction === "incoming" ? { step: "incoming" } : { step: "waiting", silent: false };
        asEmitter(request).on(VerificationEvents.RequestChange, this.onChange);
        if (direction === "outgoing") {
            this.timers.push(
                setTimeout(() => {
                    this.silent = true;
                    this.onChange();
                }, options.silentAfterMs ?? 45_000),
            );
        }
        this.onChange();
    }

    /** The other session's device ID (to-device verification always has one once it answered). */
    public get otherDeviceId(): string | undefined {
        return this.request.otherDeviceId;
    }

    public getStep(): FlowStep {
        return this.current;
    }

    /** Calls `listener` after every step change; returns the unsubscribe function. */
    public subscribe(listener: () => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    /** Accepts an incoming request. */
    public async accept(): Promise<void> {
        await this.request.accept();
        this.onChange();
    }

    /** The user says the emoji on both screens are the same. */
    public async confirm(): Promise<void> {
        if (!this.sas || this.confirmed) return;
        this.confirmed = true;
        this.onChange();
        await this.sas.confirm();
    }

    /** The user says the emoji differ: cancels with m.mismatched_sas, nothing is verified. */
    public mismatch(): void {
        if (!this.sas) return;
        this.mismatchByMe = true;
        this.sas.mismatch();
        this.onChange();
    }

    /** Cancels at any step (declining an incoming request included). Safe to call twice. */
    public async cancel(): Promise<void> {
        if (this.isFinished()) return;
        this.cancelledByMe = true;
        if (this.sas) this.sas.cancel();
        else await this.request.cancel().catch(() => undefined);
        this.onChange();
    }

    public isFinished(): boolean {
        return this.current.step === "done" || this.current.step === "cancelled";
    }

    /** Stops listening; cancels a verification still in progress so the other session is not left hanging. */
    public dispose(): void {
        if (this.disposed) return;
        if (!this.isFinished()) void this.cancel();
        this.disposed = true;
        asEmitter(this.request).off(VerificationEvents.RequestChange, this.onChange);
        this.detachVerifier();
        for (const timer of this.timers.splice(0)) clearTimeout(timer);
        this.listeners.clear();
    }

    private readonly onChange = (): void => {
        if (this.disposed) return;
        const phase = this.request.phase as number;
        if (phase === Phase.Ready) this.maybeStartSas();
        if (this.request.verifier && this.request.verifier !== this.verifier)
            this.attachVerifier(this.request.verifier);
        const next = this.computeStep(phase);
        if (JSON.stringify(next) === JSON.stringify(this.current)) return;
        this.current = next;
        if (this.isFinished()) for (const timer of this.timers.splice(0)) clearTimeout(timer);
        for (const listener of [...this.listeners]) listener();
    };

    private computeStep(phase: number): FlowStep {
        if (phase === Phase.Done) return { step: "done" };
        if (phase === Phase.Cancelled || this.failedLocally) {
            if (this.mismatchByMe) return { step: "cancelled", reason: "mismatch", byMe: true };
            const reason =
                this.failedLocally && phase !== Phase.Cancelled ? "failed" : reasonFor(this.request.cancellationCode);
            return { step: "cancelled", reason, byMe: this.cancelledByMe };
        }
        if (this.sas?.sas.emoji) {
            const emoji = this.sas.sas.emoji;
            return this.confirmed ? { step: "confirming", emoji } : { step: "compare", emoji };
        }
        if (phase === Phase.Unsent) return { step: "requesting" };
        if (phase === Phase.Requested) {
            if (this.direction === "incoming")
                return this.request.accepting ? { step: "starting" } : { step: "incoming" };
            return { step: "waiting", silent: this.silent };
        }
        return { step: "starting" };
    }

    /**
     * Once both sides are ready, someone must pick the method. The requester does it at once; the
     * answering side waits a moment for the requester (Element may do it) and then does it itself.
     */
    private maybeStartSas(): void {
        if (this.startingSas || this.request.verifier) return;
        this.startingSas = true;
        const start = (): void => {
            if (this.disposed || this.request.verifier || (this.request.phase as number) !== Phase.Ready) return;
            this.request.startVerification(SAS_METHOD).then(
                (verifier) => this.attachVerifier(verifier),
                () => {
                    this.failedLocally = true;
                    this.onChange();
                },
            );
        };
        if (this.direction === "outgoing") start();
        else this.timers.push(setTimeout(start, this.options.incomingStartAfterMs ?? 3_000));
    }

    private attachVerifier(verifier: Verifier): void {
        if (this.verifier === verifier) return;
        this.detachVerifier();
        this.verifier = verifier;
        asEmitter(verifier).on(VerificationEvents.VerifierShowSas, this.onShowSas);
        asEmitter(verifier).on(VerificationEvents.VerifierCancel, this.onChange);
        const existing = verifier.getShowSasCallbacks();
        if (existing) this.sas = existing;
        // verify() drives the exchange (sends start/accept) and settles when it ends; its outcome
        // reaches us through the request's phase, so a rejection here needs no handling of its own.
        verifier.verify().then(this.onChange, this.onChange);
        this.onChange();
    }

    private detachVerifier(): void {
        if (!this.verifier) return;
        asEmitter(this.verifier).off(VerificationEvents.VerifierShowSas, this.onShowSas);
        asEmitter(this.verifier).off(VerificationEvents.VerifierCancel, this.onChange);
        this.verifier = null;
    }

    private readonly onShowSas = (sas: ShowSasCallbacks): void => {
        this.sas = sas;
        if (!sas.sas.emoji) {
            // Every current client offers emoji; a decimal-only peer is not something we can show well.
            this.failedLocally = true;
            sas.cancel();
        }
        this.onChange();
    };
}
