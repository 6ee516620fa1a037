/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { PanelIntent, PanelTarget } from "../panelTargets";

/** A section name becomes an intent without a step, so the panel handles one shape. */
export function toIntent(target: PanelTarget): PanelIntent {
    return typeof target === "string" ? ({ section: target } as PanelIntent) : target;
}
