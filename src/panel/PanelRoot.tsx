/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The panel and everything it renders live in lazy chunks; this import is what makes style-loader
// inject compound-web's stylesheet, so it happens when a panel first opens, never at load().
import "@vector-im/compound-web/dist/style.css";

import React, { useCallback, useEffect, useMemo, useState } from "react";

import type { Host } from "./Host";
import type { PanelIntent, PanelSection, PanelTarget } from "../panelTargets";
import { AccountContext } from "../views/AccountContext";
import { AccountSecurityPanel } from "../views/panel/AccountSecurityPanel";
import { CheckupRoot } from "./CheckupRoot";
import { HostStyleContext } from "../views/hostStyle";
import { PanelProviders } from "../views/panel/PanelProviders";
import { enabledSections } from "./enabledSections";
import { toIntent } from "./panelIntent";
import type { SectionContext } from "./SectionContext";
import { useAvailableSections } from "./useAvailableSections";
import { useAccount } from "./useAccount";

const NO_OPT_OUTS = {};

export interface PanelRootProps {
    host: Host;
    variant: "dialog" | "page";
    /** Where to open: a section, or a section and a step (e.g. Secure Backup's "enter recovery key"). */
    initialSection?: PanelTarget;
    /** A later request to show a section (a new object each time): the panel switches to it. */
    request?: { target: PanelTarget } | null;
}

/**
 * Glue between the host and the panel view: follows the host's client, builds each section's context
 * and renders the selected section through its definition in sections.tsx.
 */
export function PanelRoot({ host, variant, initialSection, request }: PanelRootProps): React.JSX.Element {
    const session = useAccount(host);
    const client = session?.client ?? null;
    const configured = useMemo(() => enabledSections(host.config), [host.config]);
    // Sections only some users get (Admin) appear once their check says yes.
    const sections = useAvailableSections(configured, session);
    // The selected section and the step it was asked to start (a new object per request, so asking
    // twice starts the step twice). A tab click selects a section without a step.
    const [intent, setIntent] = useState<PanelIntent>(() => {
        const wanted = initialSection === undefined ? null : toIntent(initialSection);
        const found = sections.find((section) => section.id === wanted?.section);
        return found && wanted ? wanted : toIntent(sections[0]?.id ?? "backup");
    });
    useEffect(() => {
        if (request) setIntent(toIntent(request.target));
    }, [request]);
    const selected = intent.section;
    const openSection = useCallback((target: PanelTarget) => setIntent(toIntent(target)), []);
    const onSelect = useCallback((section: PanelSection) => setIntent(toIntent(section)), []);

    // The selection may name a section that is not (yet) shown, e.g. Admin before its check resolves:
    // show the first one meanwhile, so the tab and the content always agree.
    const definition = sections.find((section) => section.id === selected) ?? sections[0];
    // Only the section the step belongs to gets it (not the stand-in shown meanwhile).
    const sectionIntent = intent.step !== undefined && definition?.id === intent.section ? intent : null;

    const context = useMemo<SectionContext | null>(
        () =>
            session
                ? { client: session.client, account: session, config: host.config, openSection, intent: sectionIntent }
                : null,
        [session, host.config, openSection, sectionIntent],
    );
    const content = context && definition?.render ? definition.render(context) : null;
    // The checkup gets every intent (a reminder's `tool` opens the recovery-key check there).
    const topContext = useMemo<SectionContext | null>(
        () => (session ? { client: session.client, account: session, config: host.config, openSection, intent } : null),
        [session, host.config, openSection, intent],
    );
    const account = useMemo(
        () => (client ? { userId: client.getUserId() ?? "", homeserver: client.getHomeserverUrl?.() ?? "" } : null),
        [client],
    );

    return (
        <PanelProviders t={host.t}>
            <AccountContext.Provider value={account}>
                <HostStyleContext.Provider value={host.styleOptOuts ?? NO_OPT_OUTS}>
                    <AccountSecurityPanel
                        variant={variant}
                        loggedIn={client !== null}
                        tabs={sections.map(({ id, titleKey }) => ({ id, titleKey }))}
                        selected={definition?.id ?? selected}
                        onSelect={onSelect}
                        // A new key per client: an account switch must not show the previous account's state.
                        content={
                            content === null ? null : (
                                <React.Fragment key={client?.getUserId?.() ?? ""}>{content}</React.Fragment>
                            )
                        }
                        top={topContext ? <CheckupRoot key={client?.getUserId?.() ?? ""} context={topContext} /> : null}
                    />
                </HostStyleContext.Provider>
            </AccountContext.Provider>
        </PanelProviders>
    );
}
