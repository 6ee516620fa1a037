/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useInsertionEffect, type CSSProperties } from "react";

import { visuallyHidden } from "../common/styles";
import { useT } from "../i18n";

const dot: CSSProperties = {
    minWidth: "16px",
    height: "16px",
    padding: "0 4px",
    boxSizing: "border-box",
    borderRadius: "var(--cpd-radius-pill-effect, 9999px)",
    background: "var(--cpd-color-icon-critical-primary, #d51928)",
    color: "var(--cpd-color-text-on-solid-primary, #fff)",
    font: "var(--cpd-font-body-xs-semibold, 600 11px/16px sans-serif)",
    textAlign: "center",
};

/**
 * Inside the host's space-panel item the count is drawn by CSS (`::after { content: attr(…) }`), so it
 * is no text of the item: Element names the item by its `label` (aria-label), and visible text that
 * is not part of that name breaks WCAG 2.5.3 "label in name" (axe: label-content-name-mismatch). The
 * count is in the label instead (see runtime.ts). One rule for the page, added on first use.
 */
const COUNT_ATTRIBUTE = "data-eas-count";
const COUNT_STYLE_ID = "io-github-element-account-security-badge";

function useCountStyle(): void {
    useInsertionEffect(() => {
        if (document.getElementById(COUNT_STYLE_ID)) return;
        const style = document.createElement("style");
        style.id = COUNT_STYLE_ID;
        style.textContent = `[${COUNT_ATTRIBUTE}]::after { content: attr(${COUNT_ATTRIBUTE}); }`;
        document.head.append(style);
    }, []);
}

/**
 * The number of account-security problems needing attention, as a small red counter on the entry
 * point; nothing when there are none. `corner` pins it to the top right of a positioned parent
 * (the space-panel icon); otherwise it sits inline (the entry button), with words for screen readers
 * (the reminder card itself is announced as a status).
 */
export function NudgeBadge({ count, corner = false }: { count: number; corner?: boolean }): React.JSX.Element | null {
    const t = useT();
    useCountStyle();
    if (count === 0) return null;
    if (corner) {
        // Inside the host's space-panel item, whose label carries the count in words: visual only.
        const props = { [COUNT_ATTRIBUTE]: String(count) };
        return (
            <span aria-hidden="true" {...props} style={{ ...dot, position: "absolute", top: "-4px", right: "-4px" }} />
        );
    }
    return (
        <>
            <span aria-hidden="true" style={dot}>
                {count}
            </span>
            <span style={visuallyHidden}>{t("nudges.badge_label", { count })}</span>
        </>
    );
}
