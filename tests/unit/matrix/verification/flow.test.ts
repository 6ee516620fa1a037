/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The verification state machine over a scripted request. The real protocol runs in
 * tests/integration/matrix/verification/sessions-verification.test.ts; this covers the endings a real server cannot
 * produce quickly (the SDK's 10-minute timeout, another session answering, a protocol failure) and
 * the timing rules (when the answering side starts the emoji exchange itself).
 */

import { EventEmitter } from "node:events";

import type { VerificationRequest, Verifier } from "matrix-js-sdk/lib/crypto-api/verification";

import { VerificationFlow } from "../../../../src/matrix/verification/flow";

const PHASE = { Requested: 2, Ready: 3, Started: 4, Cancelled: 5, Done: 6 };

class FakeVerifier extends EventEmitter {
    public sas = {
        sas: { emoji: [["🐶", "Dog"]] as [string, string][] },
        confirm: jest.fn(async () => undefined),
        mismatch: jest.fn(),
        cancel: jest.fn(),
    };
    public verify = jest.fn(() => new Promise<void>(() => undefined));
    public getShowSasCallbacks = () => null;
    public showSas(): void {
        this.emit("show_sas", this.sas);
    }
}

class FakeRequest extends EventEmitter {
    public phase = PHASE.Requested;
    public cancellationCode: string | null = null;
    public verifier: FakeVerifier | undefined;
    public accepting = false;
    public otherDeviceId: string | undefined = "OTHER";
    public accept = jest.fn(async () => {
        this.accepting = true;
    });
    public cancel = jest.fn(async () => this.to(PHASE.Cancelled, "m.user"));
    public startVerification = jest.fn(async () => {
        this.verifier = new FakeVerifier();
        this.phase = PHASE.Started;
        this.emit("change");
        return this.verifier as unknown as Verifier;
    });

    public to(phase: number, code: string | null = null): void {
        this.phase = phase;
        this.cancellationCode = code;
        this.emit("change");
    }
}

function flowOf(request: FakeRequest, direction: "outgoing" | "incoming", options = {}) {
    return new VerificationFlow(request as unknown as VerificationRequest, direction, options);
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe("VerificationFlow", () => {
    it("outgoing: waits, turns 'silent' after the configured time, starts SAS as soon as the other side is ready", async () => {
        const request = new FakeRequest();
        const flow = flowOf(request, "outgoing", { silentAfterMs: 1000 });
        expect(flow.getStep()).toEqual({ step: "waiting", silent: false });
        jest.advanceTimersByTime(1000);
        expect(flow.getStep()).toEqual({ step: "waiting", silent: true });

        request.to(PHASE.Ready);
        expect(request.startVerification).toHaveBeenCalledWith("m.sas.v1");
        await Promise.resolve();
        await Promise.resolve();
        expect(flow.getStep()).toEqual({ step: "starting" });
        request.verifier!.showSas();
        expect(flow.getStep()).toEqual({ step: "compare", emoji: [["🐶", "Dog"]] });
        await flow.confirm();
        expect(request.verifier!.sas.confirm).toHaveBeenCalled();
        expect(flow.getStep().step).toBe("confirming");
        request.to(PHASE.Done);
        expect(flow.getStep()).toEqual({ step: "done" });
    });

    it("incoming: waits for the requester to start SAS, and starts it itself after the grace time", async () => {
        const request = new FakeRequest();
        const flow = flowOf(request, "incoming", { incomingStartAfterMs: 3000 });
        expect(flow.getStep()).toEqual({ step: "incoming" });
        await flow.accept();
        expect(flow.getStep()).toEqual({ step: "starting" });
        request.to(PHASE.Ready);
        jest.advanceTimersByTime(2999);
        expect(request.startVerification).not.toHaveBeenCalled();
        jest.advanceTimersByTime(1);
        expect(request.startVerification).toHaveBeenCalledTimes(1);
    });

    it.each([
        ["m.timeout", "timeout"],
        ["m.accepted", "accepted_elsewhere"],
        ["m.key_mismatch", "failed"],
        ["m.unexpected_message", "failed"],
        ["m.mismatched_sas", "mismatch"],
        ["m.user", "cancelled"],
    ])("a cancellation with %s reads as %s, not caused by this session", (code, reason) => {
        const request = new FakeRequest();
        const flow = flowOf(request, "outgoing");
        request.to(PHASE.Cancelled, code);
        expect(flow.getStep()).toEqual({ step: "cancelled", reason, byMe: false });
    });

    it("'They don't match' cancels through the SAS callbacks and says it was this session", async () => {
        const request = new FakeRequest();
        const flow = flowOf(request, "outgoing");
        request.to(PHASE.Ready);
        await Promise.resolve();
        await Promise.resolve();
        request.verifier!.showSas();
        flow.mismatch();
        expect(request.verifier!.sas.mismatch).toHaveBeenCalled();
        request.to(PHASE.Cancelled, "m.mismatched_sas");
        expect(flow.getStep()).toEqual({ step: "cancelled", reason: "mismatch", byMe: true });
    });

    it("disposing a running verification cancels it (the other side is not left waiting), and is idempotent", () => {
        const request = new FakeRequest();
        const flow = flowOf(request, "outgoing");
        const listener = jest.fn();
        flow.subscribe(listener);
        flow.dispose();
        flow.dispose();
        expect(request.cancel).toHaveBeenCalledTimes(1);
        request.to(PHASE.Done);
        expect(listener).toHaveBeenCalledTimes(1); // the cancel, nothing after disposal
    });

    it("a finished verification is not cancelled on dispose", () => {
        const request = new FakeRequest();
        const flow = flowOf(request, "outgoing");
        request.to(PHASE.Done);
        flow.dispose();
        expect(request.cancel).not.toHaveBeenCalled();
    });
});
