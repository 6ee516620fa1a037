/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { CSSProperties } from "react";

// Layout only; colours and type come from compound-web and its --cpd-* tokens.

export { buttonRow, list, listItem as sessionRow, secondaryText, stack, visuallyHidden } from "../common/styles";

/** Horizontal space between emoji; the item widths below subtract it so a full row fits exactly. */
const EMOJI_GAP = "var(--cpd-space-2x, 8px)";

/**
 * The narrowest row that still holds all seven emoji with their names (7 × 64 px + 6 gaps). Wider: one
 * row of seven. Narrower: rows of four and three, never six and a lone seventh. The switch is the
 * clamp() in emojiItem: (ROW_OF_SEVEN − 100%) × 999 is hugely negative above the threshold (clamp
 * takes its minimum, a seventh of the row) and hugely positive below it (clamp takes its maximum, a
 * quarter). Pure CSS, so it follows the host's dialog width, however the host sizes it.
 */
const ROW_OF_SEVEN = "496px";

export const emojiGrid: CSSProperties = {
    listStyle: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexWrap: "wrap",
    justifyContent: "center",
    rowGap: "var(--cpd-space-4x, 16px)",
    columnGap: EMOJI_GAP,
};

export const emojiItem: CSSProperties = {
    flex: `0 0 clamp(100% / 7 - ${EMOJI_GAP}, (${ROW_OF_SEVEN} - 100%) * 999, 100% / 4 - ${EMOJI_GAP})`,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    gap: "var(--cpd-space-1x, 4px)",
    textAlign: "center",
};

export const emojiSymbol: CSSProperties = { fontSize: "40px", lineHeight: "48px" };

/** The emoji's name: a long one (German compounds) wraps inside its column rather than pushing the row apart. */
export const emojiLabel: CSSProperties = {
    font: "var(--cpd-font-body-sm-regular, 400 14px/20px sans-serif)",
    maxWidth: "100%",
    overflowWrap: "anywhere",
    hyphens: "auto",
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
