/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from "react";
import { Heading, Text } from "@vector-im/compound-web";

import type { PanelSection } from "../../panelTargets";
import type { TranslationKey } from "../../i18n";
import { ErrorBoundary } from "../ErrorBoundary";
import { useHostStyle } from "../hostStyle";
import { useT } from "../i18n";

export interface PanelTab {
    id: PanelSection;
    titleKey: TranslationKey;
}

export interface AccountSecurityPanelProps {
    /** "dialog": the host's dialog frame shows the title; "page": a full page with its own heading. */
    variant: "dialog" | "page";
    /** Whether the host has a logged-in client; without one the panel only says "log in". */
    loggedIn: boolean;
    tabs: PanelTab[];
    selected: PanelSection;
    onSelect(section: PanelSection): void;
    /** The selected section's content, or null when that section is not built (yet). */
    content: ReactNode | null;
    /** Shown above the tabs whatever the section: the security checkup and the recovery tools. */
    top?: ReactNode;
}

const tabListStyle: CSSProperties = {
    display: "flex",
    flexWrap: "wrap",
    gap: "var(--cpd-space-2x, 8px)",
    borderBottom: "1px solid var(--cpd-color-border-disabled, #e1e6ec)",
    marginBlock: "var(--cpd-space-4x, 16px)",
};

function tabStyle(selected: boolean): CSSProperties {
    return {
        padding: "var(--cpd-space-2x, 8px) var(--cpd-space-3x, 12px)",
        border: "none",
        borderBottom: `2px solid ${selected ? "var(--cpd-color-border-interactive-primary, #1b1d22)" : "transparent"}`,
        background: "none",
        color: selected ? "var(--cpd-color-text-primary, #1b1d22)" : "var(--cpd-color-text-secondary, #656d77)",
        font: selected
            ? "var(--cpd-font-body-md-semibold, 600 16px/22px sans-serif)"
            : "var(--cpd-font-body-md-regular, 400 16px/22px sans-serif)",
        cursor: "pointer",
    };
}

/**
 * The full page fills the place Element gives it and scrolls inside it, starting at the top: Element
 * centres what it is given, so a shorter tab moved the heading down (an empty band above it that
 * changed with each tab). The content keeps to the width of Element's Settings tab content.
 */
const pageStyle: CSSProperties = {
    boxSizing: "border-box",
    flex: "1 1 auto",
    alignSelf: "stretch",
    width: "100%",
    height: "100%",
    overflowY: "auto",
    padding: "var(--cpd-space-8x, 32px) var(--cpd-space-10x, 40px)",
};
/**
 * display and width set inline: the host's opt-out class on this element may bring a layout of its own.
 * The text colour too: Element's dialog greys its content (text-secondary), which took compound-web's
 * Alert text (which inherits) below WCAG contrast on its tinted background in 1.12.0's dialog.
 */
const columnStyle: CSSProperties = { display: "block", width: "auto", color: "var(--cpd-color-text-primary)" };
const pageColumnStyle: CSSProperties = { ...columnStyle, maxWidth: "680px" };

/**
 * The Account security panel shell: a tab per section (WAI-ARIA tabs: arrow keys move between tabs,
 * Tab moves into the content), the selected section below. Sections are filled by the feature code;
 * a section that is not built says so instead of pretending.
 */
export function AccountSecurityPanel(props: AccountSecurityPanelProps): React.JSX.Element {
    const { variant, loggedIn, tabs, selected, onSelect, content, top } = props;
    const t = useT();
    const hostStyle = useHostStyle();
    const tabRefs = useRef(new Map<PanelSection, HTMLButtonElement>());

    const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>): void => {
        const index = tabs.findIndex((tab) => tab.id === selected);
        const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: -1 };
        if (!(event.key in moves) || tabs.length === 0) return;
        event.preventDefault();
        const next = tabs.at((moves[event.key]! + tabs.length) % tabs.length);
        if (!next) return;
        onSelect(next.id);
        tabRefs.current.get(next.id)?.focus();
    };

    const heading =
        variant === "page" ? (
            <Heading as="h1" size="md" weight="semibold">
                {t("shell.title")}
            </Heading>
        ) : null;

    if (!loggedIn) {
        return (
            <section
                aria-label={t("shell.title")}
                className={hostStyle.root}
                style={variant === "page" ? pageStyle : undefined}
            >
                {heading}
                <Text>{t("common.not_logged_in")}</Text>
            </section>
        );
    }

    const current = tabs.find((tab) => tab.id === selected) ?? tabs[0];
    return (
        <section aria-label={t("shell.title")} style={variant === "page" ? pageStyle : undefined}>
            <div className={hostStyle.root} style={variant === "page" ? pageColumnStyle : columnStyle}>
                {heading}
                {top ? <ErrorBoundary>{top}</ErrorBoundary> : null}
                <div role="tablist" aria-label={t("shell.sections_label")} style={tabListStyle}>
                    {tabs.map((tab) => (
                        <button
                            key={tab.id}
                            ref={(node) => {
                                if (node) tabRefs.current.set(tab.id, node);
                                else tabRefs.current.delete(tab.id);
                            }}
                            type="button"
                            role="tab"
                            id={`eas-tab-${tab.id}`}
                            aria-selected={tab.id === current?.id}
                            aria-controls={`eas-tabpanel-${tab.id}`}
                            tabIndex={tab.id === current?.id ? 0 : -1}
                            style={tabStyle(tab.id === current?.id)}
                            onClick={() => onSelect(tab.id)}
                            onKeyDown={onKeyDown}
                        >
                            {t(tab.titleKey)}
                        </button>
                    ))}
                </div>
                {current && (
                    <div role="tabpanel" id={`eas-tabpanel-${current.id}`} aria-labelledby={`eas-tab-${current.id}`}>
                        <ErrorBoundary>{content ?? <Text>{t("shell.section_not_available")}</Text>}</ErrorBoundary>
                    </div>
                )}
            </div>
        </section>
    );
}
