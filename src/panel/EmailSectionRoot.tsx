/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect } from "react";

import { EmailViewModel } from "../viewmodels/EmailViewModel";
import { EmailSection } from "../views/email/EmailSection";
import { useOwnedViewModel } from "../views/useOwnedViewModel";
import type { SectionContext } from "./SectionContext";

/**
 * With no address on the account there is nothing to choose between: the section opens on the
 * address field (one action fewer than an "Add email address" button first). Its own subscription,
 * so the view-model and the view stay as they are; with an address, the list and the button show.
 * (A pending add from before a reload rests in its waiting step instead.)
 */
function useAddressFieldFirst(vm: EmailViewModel | null): void {
    useEffect(() => {
        if (!vm) return;
        // Only where the section comes to rest first: after the last address was removed, its
        // "removed" notice stays on screen with the button.
        let settled = false;
        const check = (): void => {
            const { step, listed, emails } = vm.getSnapshot();
            if (settled || !listed || step.kind === "loading") return;
            settled = true;
            if (step.kind === "ready" && emails.length === 0) vm.startAdd();
        };
        check();
        return vm.subscribe(check);
    }, [vm]);
}

/**
 * Glue for the Email addresses section: a new view-model each time the section mounts (its list is
 * the one read when the panel opened, else fetched), disposed when it unmounts.
 */
export function EmailSectionRoot({ context }: { context: SectionContext }): React.JSX.Element | null {
    const { client, config, account } = context;
    const vm = useOwnedViewModel(
        () => new EmailViewModel({ client, config, threePidChanges: account.threePidChanges }),
        [client, config, account],
    );
    useAddressFieldFirst(vm);
    return vm ? <EmailSection vm={vm} /> : null;
}
