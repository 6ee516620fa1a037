/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { type CSSProperties } from "react";

import { useT } from "../i18n";
import { NudgeBadge } from "../nudges/NudgeBadge";
import { ShieldIcon } from "./ShieldIcon";

interface Props {
    onClick(): void;
    /** The number on the badge (problems needing attention; 0: no badge). */
    badgeCount: number;
}

// Plain styles with compound design tokens: this button lives in the entry chunk, which must stay
// small, so it does not pull in compound-web (panels do, lazily).
const style: CSSProperties = {
    display: "inline-flex",
    alignItems: "center",
    gap: "var(--cpd-space-1-5x, 6px)",
    padding: "var(--cpd-space-1x, 4px) var(--cpd-space-3x, 12px)",
    border: "1px solid var(--cpd-color-border-interactive-secondary, #cdd3da)",
    borderRadius: "var(--cpd-radius-pill-effect, 9999px)",
    background: "var(--cpd-color-bg-canvas-default, #fff)",
    color: "var(--cpd-color-text-primary, #1b1d22)",
    font: "var(--cpd-font-body-sm-medium, 500 14px/20px sans-serif)",
    boxShadow: "0 1px 4px rgba(0, 0, 0, 0.12)",
    cursor: "pointer",
    pointerEvents: "auto",
};

/** The way into the Account security panel on hosts that have no space panel item for it. */
export function EntryButton({ onClick, badgeCount }: Props): React.JSX.Element {
    const t = useT();
    return (
        <button type="button" style={style} onClick={onClick}>
            <ShieldIcon size={16} />
            {t("shell.title")}
            <NudgeBadge count={badgeCount} />
        </button>
    );
}
