/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { CSSProperties } from "react";

// Layout only; colours and type come from compound-web and its --cpd-* tokens.

export { buttonRow, list, listItem, secondaryText, stack } from "../common/styles";

export const status: CSSProperties = { display: "flex", alignItems: "center", gap: "var(--cpd-space-2x, 8px)" };
