/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { EmailActions, EmailSnapshot, EmailStep, ThreePidEntry } from "../../../../src/viewmodels/EmailViewModel";
import { ViewModel } from "../../../../src/viewmodels/ViewModel";

const DAY = Date.UTC(2026, 0, 3, 12);

export const ALICE: ThreePidEntry = { medium: "email", address: "alice@example.org", addedAt: DAY, validatedAt: DAY };
export const WORK: ThreePidEntry = {
    medium: "email",
    address: "alice@work.example",
    addedAt: DAY,
    validatedAt: DAY + 2 * 86_400_000,
};
export const PHONE: ThreePidEntry = { medium: "msisdn", address: "447700900123", addedAt: DAY, validatedAt: DAY };

/** A view-model with a fixed snapshot and recorded actions: the view is tested alone. */
export class StubEmailViewModel extends ViewModel<EmailSnapshot> implements EmailActions {
    public reload = jest.fn();
    public startAdd = jest.fn();
    public setDraft = jest.fn();
    public submitAddress = jest.fn();
    public cancelAdd = jest.fn();
    public resend = jest.fn();
    public continueAdd = jest.fn();
    public submitAuth = jest.fn();
    public askRemove = jest.fn();
    public confirmRemove = jest.fn();
    public cancelRemove = jest.fn();
    public retry = jest.fn();
    public dismissError = jest.fn();
    public dismissNotice = jest.fn();

    public constructor(step: EmailStep, overrides: Partial<EmailSnapshot> = {}) {
        super({
            step,
            emails: [ALICE, WORK],
            phones: [],
            listed: true,
            helpUrl: null,
            notice: null,
            ...overrides,
        });
    }

    /** Moves the stub to another snapshot, as the real view-model would. */
    public set(update: Partial<EmailSnapshot>): void {
        this.setSnapshot(update);
    }
}
