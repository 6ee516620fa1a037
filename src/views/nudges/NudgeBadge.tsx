/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useSyncExternalStore, type CSSProperties } from "react";

import { nudgeBadge } from "../../nudges/badge";
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
 * The number of account-security problems needing attention, as a small red counter on the entry
 * point; nothing when there are none. `corner` pins it to the top right of a positioned parent
 * (the space-panel icon); otherwise it sits inline (the entry button), with words for screen readers
 * (the reminder card itself is announced as a status).
 */
export function NudgeBadge({ corner = false }: { corner?: boolean }): React.JSX.Element | null {
    const t = useT();
    const count = useSyncExternalStore(nudgeBadge.subscribe, nudgeBadge.get);
    if (count === 0) return null;
    if (corner) {
        // Inside the host's space-panel item, which has its own label (and no translator of ours): visual only.
        return (
            <span aria-hidden="true" style={{ ...dot, position: "absolute", top: "-4px", right: "-4px" }}>
                {count}
            </span>
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
