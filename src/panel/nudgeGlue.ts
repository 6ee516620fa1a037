/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { deferredToHost } from "../config";
import { IncomingVerifications } from "../matrix/verification/incoming";
import { sessionStartedAt } from "../nudges/sessionStart";
import { NudgeViewModel } from "../viewmodels/NudgeViewModel";
import type { AccountSession } from "./AccountSession";
import type { Host } from "./Host";

/**
 * Creates the nudge layer's view-model for the signed-in account. Also creates the account's
 * incoming-verification watcher, telling it whether the host shows its own request toasts (then we
 * only watch, never answer), and feeds the entry point's badge.
 */
export function createNudgeViewModel(host: Host, account: AccountSession): NudgeViewModel {
    const { client } = account;
    // We answer requests only where the host does not, and only if the Sessions section can show the emoji.
    const offer = !host.showsVerificationRequestToasts && host.config.sections.sessions;
    const incoming = client.getCrypto()
        ? account.incomingVerifications(() => new IncomingVerifications(client, offer))
        : null;
    // "per_host_version" becomes the host's own list here, so the engine sees a plain list.
    const config = {
        ...host.config,
        nudges: { ...host.config.nudges, defer_to_host: deferredToHost(host.config, host.hostReminders ?? []) },
    };
    return new NudgeViewModel(client, {
        config,
        openPanel: (section) => host.openPanel(section),
        incoming,
        threePidChanges: account.threePidChanges,
        hostShowsRequestToasts: host.showsVerificationRequestToasts,
        sessionStartedAt: sessionStartedAt(client.getUserId() ?? "", client.getDeviceId() ?? ""),
        // The badge says the checkup's count where the deployer kept any protection; else the reminders'.
        ...(host.config.checkup.protections.length > 0
            ? { onCheckup: account.badge.setCheckup }
            : { onBadge: account.badge.set }),
    });
}
