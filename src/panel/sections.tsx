/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { type ComponentType, type ReactNode } from "react";

import type { AccountSession } from "./AccountSession";

import type { PanelSection } from "../panelTargets";
import type { TranslationKey } from "../i18n";
import { BackupSectionRoot } from "./BackupSectionRoot";
import { roomKeyTransferChunk } from "./RecoveryToolsRoot";
import type { SectionContext } from "./SectionContext";
import { chunk, useChunk } from "./useChunk";

type SectionRoot = ComponentType<{ context: SectionContext }>;

/**
 * The sections after the first each come in their own lazy chunk, so that opening the panel (on
 * Secure Backup, the first tab) fetches only the code its first view needs. `prefetchSections()`
 * fetches them while the browser is idle, so a tab click rarely waits for one.
 */
export const SECTION_LOADERS = {
    email: () => import(/* webpackChunkName: "section-email" */ "./EmailSectionRoot").then((m) => m.EmailSectionRoot),
    sessions: () =>
        import(/* webpackChunkName: "section-sessions" */ "./SessionsSectionRoot").then((m) => m.SessionsSectionRoot),
    admin: () => import(/* webpackChunkName: "section-admin" */ "./AdminSectionRoot").then((m) => m.AdminSectionRoot),
} satisfies Partial<Record<PanelSection, () => Promise<SectionRoot>>>;

/** A section in a chunk of its own: renders nothing until its code is here, then the section. */
function lazySection(load: () => Promise<SectionRoot>): {
    render(context: SectionContext): ReactNode;
    preload(): Promise<unknown>;
} {
    const source = chunk(load);
    // One component per section, whatever the chunk's state: the section mounts once.
    function LazySectionRoot({ context }: { context: SectionContext }): React.JSX.Element | null {
        const Root = useChunk(source);
        return Root ? <Root context={context} /> : null;
    }
    return { render: (context) => <LazySectionRoot context={context} />, preload: () => source.load() };
}

const email = lazySection(SECTION_LOADERS.email);
const sessions = lazySection(SECTION_LOADERS.sessions);
const admin = lazySection(SECTION_LOADERS.admin);

/** Fetches every lazy section's code (no homeserver request). */
export function prefetchSections(): Promise<unknown> {
    return Promise.all([email.preload(), sessions.preload(), admin.preload(), roomKeyTransferChunk.load()]);
}

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
    isAvailable?: (account: AccountSession) => Promise<boolean>;
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
        render: (context) => (context.config.sections.email ? email.render(context) : null),
    },
    {
        id: "sessions",
        titleKey: "shell.section_sessions",
        render: (context) => (context.config.sections.sessions ? sessions.render(context) : null),
    },
    {
        id: "admin",
        titleKey: "shell.section_admin",
        render: (context) => (context.config.sections.admin ? admin.render(context) : null),
        // One cached GET /_synapse/admin/v1/users/<me>/admin per client; non-admins never see the tab.
        // The check's code comes with the admin chunk: the section is off unless the deployer turns it on.
        isAvailable: (account) =>
            import(/* webpackChunkName: "section-admin" */ "./AdminSectionRoot").then((m) =>
                m.adminSectionAvailable(account),
            ),
    },
];
