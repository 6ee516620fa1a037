/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { Alert, Button, Text } from "@vector-im/compound-web";

import type { ActionProblem, BackupActions } from "./types";
import { useT } from "../i18n";
import { StepHeading } from "../StepHeading";
import { BusyStatus } from "./BusyStatus";
import { problemText } from "./problemText";
import * as styles from "./styles";

/** "Turn off key storage?" in plain words: what is deleted and who is affected. */
export function KeyStorageOffStep({
    vm,
    busy,
    problem,
}: {
    vm: BackupActions;
    busy: boolean;
    problem: ActionProblem | null;
}): React.JSX.Element {
    const t = useT();
    return (
        <section aria-labelledby="eas-backup-off" style={styles.stack}>
            <StepHeading id="eas-backup-off">{t("backup.key_storage_off_title")}</StepHeading>
            <Text>{t("backup.key_storage_off_body")}</Text>
            {problem ? <Alert type="critical" title={problemText(t, problem)} /> : null}
            {busy ? <BusyStatus label={t("common.loading")} /> : null}
            <div style={styles.buttonRow}>
                <Button
                    type="button"
                    kind="primary"
                    destructive
                    disabled={busy}
                    onClick={() => void vm.confirmTurnOffKeyStorage()}
                >
                    {t("backup.key_storage_off_confirm")}
                </Button>
                <Button type="button" kind="tertiary" disabled={busy} onClick={vm.cancelFlow}>
                    {t("common.cancel")}
                </Button>
            </div>
        </section>
    );
}

/** The destructive reset, naming what is lost. */
export function ResetStep({
    vm,
    step,
    problem,
}: {
    vm: BackupActions;
    step: "confirm" | "resetting";
    problem: ActionProblem | null;
}): React.JSX.Element {
    const t = useT();
    return (
        <section aria-labelledby="eas-backup-reset" style={styles.stack}>
            <StepHeading id="eas-backup-reset">{t("backup.reset_title")}</StepHeading>
            <Text>{t("backup.reset_body")}</Text>
            <ul>
                <li>{t("backup.reset_loses_history")}</li>
                <li>{t("backup.reset_loses_verification")}</li>
                <li>{t("backup.reset_loses_key")}</li>
            </ul>
            {problem ? <Alert type="critical" title={problemText(t, problem)} /> : null}
            {step === "resetting" ? (
                <BusyStatus label={t("backup.resetting")} />
            ) : (
                <div style={styles.buttonRow}>
                    <Button type="button" kind="primary" destructive onClick={() => void vm.confirmReset()}>
                        {t("backup.reset_confirm")}
                    </Button>
                    <Button type="button" kind="tertiary" onClick={vm.cancelFlow}>
                        {t("common.cancel")}
                    </Button>
                </div>
            )}
        </section>
    );
}
