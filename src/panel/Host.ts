/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../matrix/hostClient";

import type { AccountSecurityConfig, NudgeKind } from "../config";
import type { Translate } from "../i18n";
import type { PanelTarget } from "../panelTargets";
import type { AccountSession } from "./AccountSession";
import type { HostStyleClasses } from "../views/hostStyle";

/** A request to show our full page at a section (a new object each time). */
export interface PageRequest {
    target: PanelTarget;
}

/**
 * Everything the module needs from the app it runs in: the port the panel and the reminder layer
 * declare, so that they never import the host. Implemented once per kind of host (runtime module API
 * 1.x/2.x in `host/runtime.ts`, build-time RuntimeModule in `legacy.ts`, the development host page);
 * nothing outside `src/host/` touches Element's globals.
 */
export interface Host {
    /** The deployer's config, already validated (see config.ts). */
    readonly config: AccountSecurityConfig;

    /** The user's language as an IETF tag ("en", "de", …). */
    readonly language: string;

    /** Translator for `language`. */
    readonly t: Translate;

    /**
     * The host's logged-in MatrixClient, or null before login / after logout. This is Element's own
     * client: we never create a second one (that would be a new, unverified device).
     */
    getClient(): HostClient | null;

    /**
     * Calls `listener` when the logged-in client changes (login, logout, switching account).
     * Returns the unsubscribe function.
     */
    onClientChange(listener: (client: HostClient | null) => void): () => void;

    /**
     * The signed-in account's session (one per client, made on first use): what the panel and the
     * reminder layer share about the account. A new one after an account switch; null while logged out.
     */
    getAccount(): AccountSession | null;

    /** Opens the Account security panel at `target` (a section, or a section and step) when given. */
    openPanel(target?: PanelTarget): void;

    /**
     * Whether the host shows a full page of its own instead of the app (Element's sign-in or "Confirm
     * your identity"): the nudge layer then stays empty. With `onHostFullPageChange` to follow it.
     * Absent: never.
     */
    hostShowsFullPage?(): boolean;
    onHostFullPageChange?(listener: () => void): () => void;

    /**
     * Where our full page was last asked to show (e.g. Email addresses, from the link in Element's
     * Settings → Account): a new object per request, followed with `onPageRequest`. Absent/null: none.
     */
    readonly currentPageRequest?: PageRequest | null;
    onPageRequest?(listener: () => void): () => void;

    /**
     * Opens the host's own encryption settings where the host has them (Element's Encryption tab);
     * returns false when it cannot, so the caller offers our panel instead.
     */
    openHostEncryptionSettings?(): boolean;

    /** Whether the host itself shows a toast for incoming verification requests (Element does). */
    readonly showsVerificationRequestToasts: boolean;

    /** Class names that switch the host's global CSS off for our panel (Element: host/elementStyles.ts). */
    readonly styleOptOuts?: HostStyleClasses;

    /**
     * The reminders this host shows itself (host/hostReminders.ts); with `nudges.defer_to_host:
     * "per_host_version"` the module leaves these to the host. Absent: a host with none of its own.
     */
    readonly hostReminders?: readonly NudgeKind[];

    /**
     * True when the host shows our item in its space panel, so the nudge layer needs no entry button
     * of its own. Absent/false: the nudge layer shows a small "Account security" button.
     */
    readonly hasSpacePanelEntry?: boolean;
}
