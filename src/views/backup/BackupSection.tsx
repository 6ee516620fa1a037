/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";

import type { BackupActions, BackupSnapshot } from "./types";
import type { ViewModelLike } from "../viewModel";
import { AuthStep } from "../auth/AuthStep";
import { useT } from "../i18n";
import { useViewModel } from "../useViewModel";
import { KeyStorageOffStep, ResetStep } from "./ConfirmSteps";
import { EnterKeyFlow } from "./EnterKeyFlow";
import { SetupFlow } from "./SetupFlow";
import { StatusView } from "./StatusView";

/** What the section renders from: the real BackupViewModel, or a stub in tests. */
export type BackupSectionViewModel = ViewModelLike<BackupSnapshot> & BackupActions;

/** Secure Backup: the status, or the flow the user is in; the auth prompt on top when asked. */
export function BackupSection({ vm }: { vm: BackupSectionViewModel }): React.JSX.Element {
    const t = useT();
    const snapshot = useViewModel(vm);
    const { flow, auth } = snapshot;

    if (auth) {
        return (
            <AuthStep
                method={auth.method}
                failed={auth.failed}
                description={t(flow.kind === "confirm_reset" ? "backup.auth_reason_reset" : "backup.auth_reason_setup")}
                onSubmitPassword={(password) => vm.submitAuth({ kind: "password", password })}
                onSsoDone={() => vm.submitAuth({ kind: "sso_done" })}
                onCancel={() => vm.submitAuth(null)}
            />
        );
    }
    switch (flow.kind) {
        case "setup":
            return (
                <SetupFlow
                    flow={flow}
                    vm={vm}
                    allowPassphrase={snapshot.allowPassphrase}
                    passphraseMinScore={snapshot.passphraseMinScore}
                />
            );
        case "enter_key":
            return <EnterKeyFlow flow={flow} vm={vm} />;
        case "confirm_key_storage_off":
            return <KeyStorageOffStep vm={vm} busy={snapshot.busy} problem={flow.problem} />;
        case "confirm_reset":
            return <ResetStep vm={vm} step={flow.step} problem={flow.problem} />;
        case "none":
            return <StatusView snapshot={snapshot} vm={vm} />;
    }
}
