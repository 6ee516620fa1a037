/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { ViewModel } from "../../../../src/viewmodels/ViewModel";
import { HIDDEN_NUDGE_SNAPSHOT, type NudgeSnapshot } from "../../../../src/viewmodels/NudgeViewModel";
import type { SessionsActions, SessionsSnapshot } from "../../../../src/viewmodels/SessionsViewModel";
import type { VerificationActions, VerificationSnapshot } from "../../../../src/viewmodels/VerificationViewModel";

/** A view-model stub: a settable snapshot and jest mocks for every action. */
export class StubVerificationViewModel extends ViewModel<VerificationSnapshot> implements VerificationActions {
    public accept = jest.fn(async () => undefined);
    public confirm = jest.fn(async () => undefined);
    public mismatch = jest.fn();
    public cancel = jest.fn(async () => undefined);

    public constructor(overrides: Partial<VerificationSnapshot> = {}) {
        super({
            step: "waiting",
            target: "this",
            otherName: null,
            emoji: [],
            silent: false,
            cancelReason: null,
            cancelledByMe: false,
            busy: false,
            ...overrides,
        });
    }

    public set(update: Partial<VerificationSnapshot>): void {
        this.setSnapshot(update);
    }
}

export class StubSessionsViewModel extends ViewModel<SessionsSnapshot> implements SessionsActions {
    public retry = jest.fn();
    public verifyThisSession = jest.fn(async () => undefined);
    public verifyOtherSession = jest.fn(async (_deviceId: string) => undefined);
    public useRecoveryKey = jest.fn();
    public reset = jest.fn();
    public setUpRecovery = jest.fn();
    public acceptIncoming = jest.fn(async () => undefined);
    public declineIncoming = jest.fn(async () => undefined);
    public closeVerification = jest.fn();
    public retryVerification = jest.fn(async () => undefined);

    public constructor(overrides: Partial<SessionsSnapshot> = {}) {
        super({
            state: "ready",
            error: null,
            thisSession: { deviceId: "THISDEV", name: "Work laptop", trust: "verified" },
            otherSessions: [],
            incoming: null,
            verification: null,
            startError: null,
            busy: false,
            ...overrides,
        });
    }
}

export class StubNudgeViewModel extends ViewModel<NudgeSnapshot> {
    public act = jest.fn();
    public later = jest.fn(async () => undefined);
    public dismissForever = jest.fn(async () => undefined);
    public acceptRequest = jest.fn(async () => undefined);
    public declineRequest = jest.fn(async () => undefined);

    public constructor(overrides: Partial<NudgeSnapshot> = {}) {
        super({ ...HIDDEN_NUDGE_SNAPSHOT, ...overrides });
    }

    public set(update: Partial<NudgeSnapshot>): void {
        this.setSnapshot(update);
    }
}

/** The 7 emoji of a real run (as the SDK gives them: symbol and English name). */
export const SEVEN = [
    { symbol: "🐶", name: "Dog" },
    { symbol: "👍", name: "Thumbs Up" },
    { symbol: "💡", name: "Light Bulb" },
    { symbol: "🔧", name: "Spanner" },
    { symbol: "🎧", name: "Headphones" },
    { symbol: "☂️", name: "Umbrella" },
    { symbol: "📌", name: "Pin" },
];
