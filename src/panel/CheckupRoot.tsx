/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";

import type { PanelIntent } from "../panelTargets";
import { CheckupViewModel } from "../viewmodels/CheckupViewModel";
import { SecurityCheckup } from "../views/checkup/SecurityCheckup";
import * as common from "../views/common/styles";
import { useOwnedViewModel } from "../views/useOwnedViewModel";
import { useViewModel } from "../views/useViewModel";
import type { ViewModel } from "../viewmodels/ViewModel";
import type { SectionContext } from "./SectionContext";

function Checkup({ vm, onFix }: { vm: CheckupViewModel; onFix(intent: PanelIntent): void }): React.JSX.Element {
    return <SecurityCheckup checkup={useViewModel(vm).checkup} onFix={onFix} />;
}

function ready<T extends ViewModel<unknown>>(vm: T | null): vm is T {
    return vm !== null;
}

/**
 * Glue for what sits above the sections: the security checkup (when the deployer kept any
 * protection), with its own view-model per mount, disposed on unmount.
 */
export function CheckupRoot({ context }: { context: SectionContext }): React.JSX.Element | null {
    const { client, config, openSection, account } = context;
    const checkup = useOwnedViewModel(
        () => new CheckupViewModel(client, config, { threePidChanges: account.threePidChanges }),
        [client, config, account],
    );
    if (config.checkup.protections.length === 0 || !ready(checkup)) return null;
    return (
        <div style={{ ...common.stack, marginBlockStart: "var(--cpd-space-4x, 16px)" }}>
            <Checkup vm={checkup} onFix={openSection} />
        </div>
    );
}
