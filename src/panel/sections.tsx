/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { type ReactNode } from "react";

import type { HostClient } from "../matrix/hostClient";

import type { PanelSection } from "../panelTargets";
import type { TranslationKey } from "../i18n";
import { BackupSectionRoot } from "./BackupSectionRoot";
import { AdminSectionRoot, adminSectionAvailable } from "./AdminSectionRoot";
import { EmailSectionRoot } from "./EmailSectionRoot";
import type { SectionContext } from "./SectionContext";
import { SessionsSectionRoot } from "./SessionsSectionRoot";

/**
 * The sections of the Account security panel, in display order. Each feature plugs its section in
 * here: `render` creates the section's view-model from the context and returns its view
 * (typically a small component using `useOwnedViewModel`). `render: null` means "not built yet":
 * the shell then says so honestly instead of pretending.
 */
export interface SectionDefinition {
    id: PanelSection;
    /** Heading and tab label. */
    titleKey: TranslationKey;
    render: ((context: SectionContext) => ReactNode) | null;
    /**
     * For sections only some users get (Admin: server admins): resolves whether this client's user
     * sees the section. The tab stays hidden until it resolves true. Must be cheap and cached.
     */
    isAvailable?: (client: HostClient) => Promise<boolean>;
}

export const SECTIONS: SectionDefinition[] = [
    {
        id: "backup",
        titleKey: "shell.section_backup",
        render: (context) => (context.config.sections.backup ? <BackupSectionRoot context={context} /> : null),
    },
    {
        id: "email",
        titleKey: "shell.section_email",
        // The shell already leaves out sections the deployer switched off; this guards direct use too.
        render: (context) => (context.config.sections.email ? <EmailSectionRoot context={context} /> : null),
    },
    {
        id: "sessions",
        titleKey: "shell.section_sessions",
        render: (context) => (context.config.sections.sessions ? <SessionsSectionRoot context={context} /> : null),
    },
    {
        id: "admin",
        titleKey: "shell.section_admin",
        render: (context) => (context.config.sections.admin ? <AdminSectionRoot context={context} /> : null),
        // One cached GET /_synapse/admin/v1/users/<me>/admin per client; non-admins never see the tab.
        isAvailable: adminSectionAvailable,
    },
];
