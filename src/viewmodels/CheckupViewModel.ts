/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The security checkup at the top of the panel: "3 of 4 protections on", live. Reads the same facts
 * as the reminder layer (readCryptoHealth) and counts them with the same pure function
 * (nudges/checkup.ts), so the panel, the space-panel label and the badge agree. Updates on the
 * client's events (device lists, trust, secret storage, backup, account data); email changes made
 * here are announced in-process. No polling.
 */
import type { HostClient } from "../matrix/hostClient";

import type { AccountSecurityConfig } from "../config";
import { threePidChangesEnabled } from "../matrix/email/policy";
import type { ThreePidChanges } from "../matrix/email/threePidChanges";
import { recentThreePids } from "../matrix/email/threepids";
import { RECOVERY_CHECK_TYPE } from "../matrix/recovery/recoveryCheck";
import { readCryptoHealth } from "../matrix/sessions/health";
import { watchSecurityState } from "../matrix/sessions/watch";
import { computeCheckup, type Checkup } from "../nudges/checkup";
import { checkupNeedsEmail } from "../nudges/collect";
import { ViewModel } from "./ViewModel";

export interface CheckupSnapshot {
    /** Null until the first read. */
    checkup: Checkup | null;
}

export class CheckupViewModel extends ViewModel<CheckupSnapshot> {
    private generation = 0;
    private hasEmail: boolean | null = null;
    private emailChangesAllowed: boolean | null = null;
    private readonly threePidChanges: ThreePidChanges | undefined;

    public constructor(
        private readonly client: HostClient,
        private readonly config: AccountSecurityConfig,
        options: {
            debounceMs?: number;
            /** The account's email addresses as last read, and the notices that they changed (AccountSession). */
            threePidChanges?: ThreePidChanges;
        } = {},
    ) {
        super({ checkup: null });
        this.onDispose(
            watchSecurityState(client, () => void this.refresh(), {
                accountDataTypes: [RECOVERY_CHECK_TYPE],
                debounceMs: options.debounceMs,
            }),
        );
        this.threePidChanges = options.threePidChanges;
        if (options.threePidChanges && checkupNeedsEmail(config)) {
            this.onDispose(options.threePidChanges.onKnown(() => void this.refresh(true)));
        }
        void this.refresh(true);
    }

    /**
     * Re-reads the facts; `email`: the addresses too (the list read in the last minute, else one
     * request) and whether they can be changed (the SDK's cached capabilities).
     */
    public async refresh(email = false): Promise<void> {
        const generation = ++this.generation;
        try {
            if (email && checkupNeedsEmail(this.config)) {
                const [list, allowed] = await Promise.all([
                    recentThreePids(this.client, this.threePidChanges),
                    threePidChangesEnabled(this.client),
                ]);
                this.hasEmail = list.emails.length > 0;
                this.emailChangesAllowed = allowed;
            }
            const health = await readCryptoHealth(this.client);
            if (generation !== this.generation || this.isDisposed) return;
            const checkup = computeCheckup(
                { ...health, hasEmail: this.hasEmail, emailChangesAllowed: this.emailChangesAllowed },
                this.config,
            );
            if (JSON.stringify(checkup) !== JSON.stringify(this.getSnapshot().checkup)) this.setSnapshot({ checkup });
        } catch {
            // The checkup is a summary: if it cannot be read now, the next event tries again.
        }
    }
}
