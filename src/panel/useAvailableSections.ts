/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { useEffect, useState } from "react";
import type { HostClient } from "../matrix/hostClient";

import type { PanelSection } from "../panelTargets";
import type { SectionDefinition } from "./sections";

/**
 * The sections to show for this client: those without an `isAvailable` check, plus those whose check
 * said yes. A checked section stays hidden while its check runs and when it fails, so e.g. the Admin
 * tab never flashes up for someone who is not a server admin.
 */
export function useAvailableSections(sections: SectionDefinition[], client: HostClient | null): SectionDefinition[] {
    const [available, setAvailable] = useState<{ client: HostClient | null; ids: ReadonlySet<PanelSection> }>({
        client: null,
        ids: new Set(),
    });
    useEffect(() => {
        if (!client) return;
        let live = true;
        for (const section of sections) {
            if (!section.isAvailable) continue;
            section.isAvailable(client).then(
                (yes) => {
                    if (!live || !yes) return;
                    setAvailable((prev) => ({
                        client,
                        ids: new Set([...(prev.client === client ? prev.ids : []), section.id]),
                    }));
                },
                () => undefined, // Unknown counts as no; the next panel opening asks again.
            );
        }
        return () => {
            live = false;
        };
    }, [sections, client]);
    const ids = available.client === client ? available.ids : new Set<PanelSection>();
    return sections.filter((section) => !section.isAvailable || ids.has(section.id));
}
