/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { CSSProperties } from "react";

// Layout only; colours and type come from compound-web and its --cpd-* tokens.

export const stack: CSSProperties = { display: "flex", flexDirection: "column", gap: "var(--cpd-space-4x, 16px)" };

export const buttonRow: CSSProperties = { display: "flex", flexWrap: "wrap", gap: "var(--cpd-space-3x, 12px)" };

export const list: CSSProperties = { listStyle: "none", margin: 0, padding: 0 };

export const listItem: CSSProperties = {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: "var(--cpd-space-4x, 16px)",
    paddingBlock: "var(--cpd-space-3x, 12px)",
    borderBottom: "1px solid var(--cpd-color-border-disabled, #e1e6ec)",
};

export const secondaryText: CSSProperties = { color: "var(--cpd-color-text-secondary, #656d77)", margin: 0 };

export const status: CSSProperties = { display: "flex", alignItems: "center", gap: "var(--cpd-space-2x, 8px)" };
