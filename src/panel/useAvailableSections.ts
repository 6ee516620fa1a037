/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { useEffect, useState } from "react";

import type { PanelSection } from "../panelTargets";
import type { AccountSession } from "./AccountSession";
import type { SectionDefinition } from "./sections";

/**
 * The sections to show for this account: those without an `isAvailable` check, plus those whose check
 * said yes. A checked section stays hidden while its check runs and when it fails, so e.g. the Admin
 * tab never flashes up for someone who is not a server admin.
 */
export function useAvailableSections(
    sections: SectionDefinition[],
    account: AccountSession | null,
): SectionDefinition[] {
    const [available, setAvailable] = useState<{ account: AccountSession | null; ids: ReadonlySet<PanelSection> }>({
        account: null,
        ids: new Set(),
    });
    useEffect(() => {
        if (!account) return;
        let live = true;
        for (const section of sections) {
            if (!section.isAvailable) continue;
            section.isAvailable(account).then(
                (yes) => {
                    if (!live || !yes) return;
                    setAvailable((prev) => ({
                        account,
                        ids: new Set([...(prev.account === account ? prev.ids : []), section.id]),
                    }));
                },
                () => undefined, // Unknown counts as no; the next panel opening asks again.
            );
        }
        return () => {
            live = false;
        };
    }, [sections, account]);
    const ids = available.account === account ? available.ids : new Set<PanelSection>();
    return sections.filter((section) => !section.isAvailable || ids.has(section.id));
}
