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
import { recentThreePids } from "../matrix/email/threepids";
import type { ThreePidChanges } from "../matrix/email/threePidChanges";
import { readDismissals } from "./dismissalStore";
import { hostDismissals, inEncryptedRoom, readCryptoHealth } from "../matrix/sessions/health";
import { readRecoveryCheck, recoveryCheckBaseline } from "../matrix/recovery/recoveryCheck";
import type { NudgeState } from "./engine";

/** Whether the email check is worth a request: only when the deployer asks for an email. */
export function needsEmailCheck(config: AccountSecurityConfig): boolean {
    return config.email.require_email && config.nudges.enabled.includes("add_email");
}

/** Whether the checkup counts the email protection (then the layer reads the addresses once). */
export function checkupNeedsEmail(config: AccountSecurityConfig): boolean {
    return config.sections.email && config.checkup.protections.includes("email");
}

/**
 * Whether `m.3pid_changes` is enabled: missing means enabled (the spec's rule), and so does a failed
 * read. From the SDK's cache when it has the capabilities, else one request.
 */
export async function emailChangesAllowed(client: HostClient): Promise<boolean> {
    let capabilities: Record<string, unknown> | undefined;
    try {
        // getCapabilities answers from the SDK's cache when it has one (Element's own fetch fills it).
        capabilities = await withTimeout(client.getCapabilities());
    } catch {
        capabilities = undefined; // the spec's default: enabled; a change attempt says so if not
    }
    return (capabilities?.["m.3pid_changes"] as { enabled?: unknown } | undefined)?.enabled !== false;
}

/**
 * Whether the account has an email address: the list the module read in the last minute (see
 * knownThreePids), else one bounded homeserver request (remembered for the panel's checkup).
 */
export async function readHasEmail(client: HostClient, known?: ThreePidChanges): Promise<boolean> {
    return (await recentThreePids(client, known)).emails.length > 0;
}

export async function collectNudgeState(
    client: HostClient,
    sessionStartedAt: number,
    hasEmail: boolean | null,
): Promise<NudgeState> {
    const health = await readCryptoHealth(client);
    const host = hostDismissals(client);
    // Local after the first sync (the synced account data). Without crypto there is no key to check.
    const keyId = health.recoverySetUp && client.getCrypto() ? await client.secretStorage.getDefaultKeyId() : null;
    return {
        initialSyncDone: client.isInitialSyncComplete(),
        sessionStartedAt,
        ...health,
        inEncryptedRoom: inEncryptedRoom(client),
        hasEmail,
        hostRecoveryDisabled: host.recoveryDisabled,
        hostBackupDisabled: host.backupDisabled,
        dismissals: readDismissals(client),
        recoveryCheckedAt: recoveryCheckBaseline(readRecoveryCheck(client), keyId, sessionStartedAt),
    };
}
