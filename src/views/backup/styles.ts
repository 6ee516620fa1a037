/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { CSSProperties } from "react";

// Layout only; colours and type come from compound-web and its --cpd-* tokens.

export { buttonRow, secondaryText, stack } from "../common/styles";

export const recoveryKey: CSSProperties = {
    fontFamily: "var(--cpd-font-family-mono, Inconsolata, monospace)",
    fontSize: "var(--cpd-font-size-body-lg, 17px)",
    wordSpacing: "0.3em",
    padding: "var(--cpd-space-3x, 12px)",
    borderRadius: "var(--cpd-space-2x, 8px)",
    background: "var(--cpd-color-bg-subtle-secondary, #f0f2f5)",
    margin: 0,
    userSelect: "all",
};

export const table: CSSProperties = { borderCollapse: "collapse", width: "100%" };

export const cell: CSSProperties = {
    textAlign: "start",
    padding: "var(--cpd-space-1x, 4px) var(--cpd-space-2x, 8px)",
    borderBottom: "1px solid var(--cpd-color-border-disabled, #e1e6ec)",
};
