/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect } from "react";

import type { PanelIntent, PanelTarget } from "../panelTargets";
import { CheckupViewModel } from "../viewmodels/CheckupViewModel";
import { RecoveryKeyCheckViewModel } from "../viewmodels/RecoveryKeyCheckViewModel";
import { RecoveryKeyCheck } from "../views/checkup/RecoveryKeyCheck";
import { SecurityCheckup } from "../views/checkup/SecurityCheckup";
import * as common from "../views/common/styles";
import { useT } from "../views/i18n";
import { useOwnedViewModel } from "../views/useOwnedViewModel";
import { useViewModel } from "../views/useViewModel";
import type { ViewModel } from "../viewmodels/ViewModel";
import type { SectionContext } from "./SectionContext";
import { chunk, useChunk } from "./useChunk";

function Checkup({ vm, onFix }: { vm: CheckupViewModel; onFix(intent: PanelIntent): void }): React.JSX.Element {
    return <SecurityCheckup checkup={useViewModel(vm).checkup} onFix={onFix} />;
}

function KeyCheck({
    vm,
    openSection,
}: {
    vm: RecoveryKeyCheckViewModel;
    openSection(t: PanelTarget): void;
}): React.JSX.Element {
    return (
        <RecoveryKeyCheck
            snapshot={useViewModel(vm)}
            vm={vm}
            onChangeKey={() => {
                vm.close();
                openSection({ section: "backup", step: "change" });
            }}
        />
    );
}

/** Room keys in a file: its own chunk (see RoomKeyTransferRoot), fetched with the idle-time prefetch. */
export const roomKeyTransferChunk = chunk(() =>
    import(/* webpackChunkName: "room-key-transfer" */ "./RoomKeyTransferRoot").then((m) => m.RoomKeyTransferRoot),
);

function Transfer({ client }: { client: SectionContext["client"] }): React.JSX.Element | null {
    const Root = useChunk(roomKeyTransferChunk);
    return Root ? <Root client={client} /> : null;
}

function ready<T extends ViewModel<unknown>>(vm: T | null): vm is T {
    return vm !== null;
}

/**
 * Glue for what sits above the sections: the security checkup (when the deployer kept any
 * protection) and, with Secure Backup shown, the recovery tools — "Do you still have your recovery
 * key?" and room keys in a file. Each has its own view-model per mount, disposed on unmount. A
 * reminder's `tool` intent opens the key check.
 */
export function CheckupRoot({ context }: { context: SectionContext }): React.JSX.Element | null {
    const t = useT();
    const { client, config, openSection, intent } = context;
    const showCheckup = config.checkup.protections.length > 0;
    const showTools = config.sections.backup;
    const checkup = useOwnedViewModel(() => new CheckupViewModel(client, config), [client, config]);
    const keyCheck = useOwnedViewModel(() => new RecoveryKeyCheckViewModel(client), [client]);
    useEffect(() => {
        if (keyCheck && intent?.tool === "check_key") keyCheck.start();
    }, [keyCheck, intent]);
    if (!showCheckup && !showTools) return null;
    return (
        <div style={{ ...common.stack, marginBlockStart: "var(--cpd-space-4x, 16px)" }}>
            {showCheckup && ready(checkup) ? <Checkup vm={checkup} onFix={openSection} /> : null}
            {showTools && ready(keyCheck) ? (
                <div role="group" aria-label={t("checkup.tools_label")} style={common.stack}>
                    <KeyCheck vm={keyCheck} openSection={openSection} />
                    <Transfer client={client} />
                </div>
            ) : null}
        </div>
    );
}
