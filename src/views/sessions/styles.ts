/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { CSSProperties } from "react";

// Layout only; colours and type come from compound-web and its --cpd-* tokens.

export { buttonRow, list, listItem as sessionRow, secondaryText, stack, visuallyHidden } from "../common/styles";

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
