/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { CSSProperties } from "react";

// Layout every section shares, so the panels line up; each area's styles.ts re-exports what it uses and
// adds its own. Layout only; colours and type come from compound-web and its --cpd-* tokens.

export const stack: CSSProperties = { display: "flex", flexDirection: "column", gap: "var(--cpd-space-4x, 16px)" };

export const buttonRow: CSSProperties = { display: "flex", flexWrap: "wrap", gap: "var(--cpd-space-3x, 12px)" };

export const list: CSSProperties = { listStyle: "none", margin: 0, padding: 0 };

/** One row of a list: what it is on the left, its actions on the right. */
export const listItem: CSSProperties = {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: "var(--cpd-space-4x, 16px)",
    paddingBlock: "var(--cpd-space-3x, 12px)",
    borderBottom: "1px solid var(--cpd-color-border-disabled, #e1e6ec)",
};

export const secondaryText: CSSProperties = { color: "var(--cpd-color-text-secondary, #656d77)", margin: 0 };

/** Text for screen readers only (the visible text says the same in a shorter form). */
export const visuallyHidden: CSSProperties = {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
};
