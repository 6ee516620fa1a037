/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { MatrixClient } from "matrix-js-sdk/lib/client";

import type { AccountSecurityConfig } from "../config";
import type { Translate } from "../i18n";

/** The sections of the Account security panel, in display order. */
export type PanelSection = "backup" | "email" | "sessions" | "admin";

/**
 * A step of Secure Backup that other places lead to directly: "Use recovery key instead" and the
 * out-of-sync reminder (`enter_key`), "I can't verify — reset" (`reset`: only its explanation, never
 * the reset itself), the set-up reminder (`set_up`). The section starts it once the state is known
 * and only where it fits that state; otherwise it shows its status, which explains what fits.
 */
export type BackupStep = "enter_key" | "reset" | "set_up";

/** Where to open the panel: a section, and for Secure Backup optionally the step to start. */
export type PanelIntent =
    { section: "backup"; step?: BackupStep } | { section: Exclude<PanelSection, "backup">; step?: undefined };

/** What `openPanel` / `openSection` accept: a section, or a section with a step. */
export type PanelTarget = PanelSection | PanelIntent;

/**
 * Everything the module needs from the app it runs in. Implemented once per kind of host
 * (runtime module API 1.x/2.x in `runtime.ts`, build-time RuntimeModule in `legacy.ts`, the
 * development host page); nothing outside `src/host/` touches Element's globals.
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
    getClient(): MatrixClient | null;

    /**
     * Calls `listener` when the logged-in client changes (login, logout, switching account).
     * Returns the unsubscribe function.
     */
    onClientChange(listener: (client: MatrixClient | null) => void): () => void;

    /** Opens the Account security panel at `target` (a section, or a section and step) when given. */
    openPanel(target?: PanelTarget): void;

    /**
     * Opens the host's own encryption settings where the host has them (Element's Encryption tab);
     * returns false when it cannot, so the caller offers our panel instead.
     */
    openHostEncryptionSettings?(): boolean;

    /** Whether the host itself shows a toast for incoming verification requests (Element does). */
    readonly showsVerificationRequestToasts: boolean;

    /**
     * True when the host shows our item in its space panel, so the nudge layer needs no entry button
     * of its own. Absent/false: the nudge layer shows a small "Account security" button.
     */
    readonly hasSpacePanelEntry?: boolean;
}
