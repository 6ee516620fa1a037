/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect } from "react";

import type { PanelTarget } from "../panelTargets";
import { RecoveryKeyCheckViewModel } from "../viewmodels/RecoveryKeyCheckViewModel";
import { RecoveryKeyCheck } from "../views/checkup/RecoveryKeyCheck";
import * as common from "../views/common/styles";
import { useT } from "../views/i18n";
import { useOwnedViewModel } from "../views/useOwnedViewModel";
import { useViewModel } from "../views/useViewModel";
import type { SectionContext } from "./SectionContext";
import { chunk, useChunk } from "./useChunk";

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

/**
 * The recovery tools at the end of Secure Backup: "Do you still have your recovery key?" and room
 * keys in a file. Part of that section (not above the tabs), so the other sections start at the top.
 * A reminder's `check_key` intent opens the key check.
 */
export function RecoveryToolsRoot({ context }: { context: SectionContext }): React.JSX.Element | null {
    const t = useT();
    const { client, openSection, intent } = context;
    const keyCheck = useOwnedViewModel(() => new RecoveryKeyCheckViewModel(client), [client]);
    useEffect(() => {
        if (keyCheck && intent?.tool === "check_key") keyCheck.start();
    }, [keyCheck, intent]);
    if (!keyCheck) return null;
    return (
        <div role="group" aria-label={t("checkup.tools_label")} style={common.stack}>
            <KeyCheck vm={keyCheck} openSection={openSection} />
            <Transfer client={client} />
        </div>
    );
}
