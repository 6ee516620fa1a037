/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { AccountSecurityConfig } from "../config";
import { SECTIONS, type SectionDefinition } from "./sections";

/** The sections the deployer has not switched off (config `sections.<id>: false`), in display order. */
export function enabledSections(config: AccountSecurityConfig): SectionDefinition[] {
    return SECTIONS.filter((section) => config.sections[section.id] !== false);
}
