/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Gathers the engine's NudgeState from a live client. Everything but the email check is local to
 * the client (the key-backup version is fetched once by the SDK and cached).
 */

import type { HostClient } from "../matrix/hostClient";

import type { AccountSecurityConfig } from "../config";
import { withTimeout } from "../matrix/errors";
import { readDismissals } from "../matrix/sessions/dismissalStore";
import { hostDismissals, inEncryptedRoom, readCryptoHealth } from "../matrix/sessions/health";
import type { NudgeState } from "./engine";

/** Whether the email check is worth a request: only when the deployer asks for an email. */
export function needsEmailCheck(config: AccountSecurityConfig): boolean {
    return config.email.require_email && config.nudges.enabled.includes("add_email");
}

/** Whether the account has an email address (one bounded homeserver request). */
export async function readHasEmail(client: HostClient): Promise<boolean> {
    const { threepids } = await withTimeout(client.getThreePids());
    return threepids.some((pid) => pid.medium === "email");
}

export async function collectNudgeState(
    client: HostClient,
    sessionStartedAt: number,
    hasEmail: boolean | null,
): Promise<NudgeState> {
    const health = await readCryptoHealth(client);
    const host = hostDismissals(client);
    return {
        initialSyncDone: client.isInitialSyncComplete(),
        sessionStartedAt,
        ...health,
        inEncryptedRoom: inEncryptedRoom(client),
        hasEmail,
        hostRecoveryDisabled: host.recoveryDisabled,
        hostBackupDisabled: host.backupDisabled,
        dismissals: readDismissals(client),
    };
}
