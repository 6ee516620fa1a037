/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { CSSProperties } from "react";

// Layout only; colours and type come from compound-web and its --cpd-* tokens.

export const stack: CSSProperties = { display: "flex", flexDirection: "column", gap: "var(--cpd-space-4x, 16px)" };

export const buttonRow: CSSProperties = { display: "flex", flexWrap: "wrap", gap: "var(--cpd-space-3x, 12px)" };

export const list: CSSProperties = { listStyle: "none", margin: 0, padding: 0 };

export const sessionRow: CSSProperties = {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: "var(--cpd-space-4x, 16px)",
    paddingBlock: "var(--cpd-space-3x, 12px)",
    borderBottom: "1px solid var(--cpd-color-border-disabled, #e1e6ec)",
};

export const secondaryText: CSSProperties = { color: "var(--cpd-color-text-secondary, #656d77)", margin: 0 };

export const emojiGrid: CSSProperties = {
    listStyle: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexWrap: "wrap",
    justifyContent: "center",
    gap: "var(--cpd-space-4x, 16px)",
};

export const emojiItem: CSSProperties = {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    minWidth: "64px",
    gap: "var(--cpd-space-1x, 4px)",
};

export const emojiSymbol: CSSProperties = { fontSize: "40px", lineHeight: "48px" };

/** Text for screen readers only (the visible text says the same in a shorter form). */
export const visuallyHidden: CSSProperties = {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
};

/** A plain heading that can take focus (compound's Heading does not forward refs). */
export const heading: CSSProperties = {
    font: "var(--cpd-font-heading-sm-semibold, 600 20px/27px sans-serif)",
    margin: 0,
    outline: "none",
};

export const status: CSSProperties = {
    display: "flex",
    alignItems: "center",
    gap: "var(--cpd-space-2x, 8px)",
    margin: 0,
};
