/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../../matrix/hostClient";
import type { EmailProblem } from "../../matrix/email/failures";
import type { PendingAddStore } from "../../matrix/email/pendingAddStore";
import type { AccountThreePids, PendingAdd } from "../../matrix/email/types";
import type { EmailSnapshot, EmailStep } from "../../views/email/types";

/**
 * What the Email section's flows (add, finish the add, remove) share: the section's state and the
 * steps every flow ends in. EmailViewModel implements it; each flow is a small class over it.
 */
export interface EmailSection {
    readonly client: HostClient;
    /** Limit for each homeserver request. */
    readonly timeoutMs: number;
    /** Where the unfinished add is kept across reloads. */
    readonly store: PendingAddStore;
    now(): number;
    /** The unfinished add (null: none), and a UIA session the user completed for it (reused on Continue). */
    pending: PendingAdd | null;
    completedAuthSession: string | null;

    getSnapshot(): EmailSnapshot;
    update(patch: Partial<EmailSnapshot>): void;
    setStep(step: EmailStep): void;
    /** Starts an operation: earlier operations' results will be ignored. Returns a "still current?" check. */
    begin(): () => boolean;
    /** The error step; `retry` is what "Try again" repeats (null: no Try again). */
    showProblem(problem: EmailProblem, retry: (() => void) | null): void;
    /** The step to rest in when nothing is going on: the waiting add, the list, or the read-only list. */
    restingStep(): EmailStep;
    /** Reads the list from the server (and remembers it for the account's other readers). */
    readList(): Promise<AccountThreePids>;
    /** Fetches the list after a change (which already succeeded); a failure shows "can't refresh" and rethrows. */
    refreshList(current: () => boolean): Promise<void>;
    /** Tells the account's checkup and reminders that its addresses changed. */
    announceChange(): void;
}

/** Forgets the unfinished add, here and in storage. */
export function forgetPending(section: EmailSection): void {
    section.pending = null;
    section.completedAuthSession = null;
    section.store.clear();
}
