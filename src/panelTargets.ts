/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The places of the Account security panel that other code can lead to. They describe our own
 * panel, not the host, so view-models and the nudge engine use them without knowing any host.
 */

/** The sections of the Account security panel, in display order. */
export type PanelSection = "backup" | "email" | "sessions" | "admin";

/**
 * A step of Secure Backup that other places lead to directly: "Use recovery key instead" and the
 * out-of-sync reminder (`enter_key`), "I can't verify — reset" (`reset`: only its explanation, never
 * the reset itself), the set-up reminder (`set_up`), a failed recovery-key check (`change`: a new key
 * while this session still holds the secrets). The section starts it once the state is known
 * and only where it fits that state; otherwise it shows its status, which explains what fits.
 */
export type BackupStep = "enter_key" | "reset" | "set_up" | "change";

/**
 * A step of Sessions that other places lead to directly: "Verify with another device" for this
 * session (`verify_this`), offered next to "Enter recovery key" in Secure Backup. The section starts
 * the request at once and reads the homeserver's session list only when that list is on screen.
 */
export type SessionsStep = "verify_this";

/**
 * A tool of the security checkup (shown above the sections) that a reminder opens directly:
 * `check_key` is "Do you still have your recovery key?".
 */
export type CheckupTool = "check_key";

/**
 * Where to open the panel: a section, and for Secure Backup and Sessions optionally the step to
 * start; `tool` also opens a checkup tool above the sections.
 */
export type PanelIntent = (
    | { section: "backup"; step?: BackupStep }
    | { section: "sessions"; step?: SessionsStep }
    | { section: Exclude<PanelSection, "backup" | "sessions">; step?: undefined }
) & { tool?: CheckupTool };

/** What `openPanel` / `openSection` accept: a section, or a section with a step. */
export type PanelTarget = PanelSection | PanelIntent;
