/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useState } from "react";
import { Alert, Button, Text } from "@vector-im/compound-web";

import type { BackupActions, BackupFlow } from "./types";
import { ModuleField, ModuleForm } from "../common/ModuleForm";
import { RecoverySheetButton } from "../checkup/RecoverySheetButton";
import { useT } from "../i18n";
import { StepHeading } from "../StepHeading";
import { BusyStatus } from "./BusyStatus";
import { PassphraseForm } from "./PassphraseForm";
import { problemText } from "./problemText";
import * as styles from "./styles";

type SetupFlowState = Extract<BackupFlow, { kind: "setup" }>;

function ChooseStep({
    vm,
    allowPassphrase,
    minScore,
    newBackup,
}: {
    vm: BackupActions;
    allowPassphrase: boolean;
    minScore: number;
    newBackup: boolean;
}): React.JSX.Element {
    const t = useT();
    return (
        <div style={styles.stack}>
            <Text>{t("backup.setup_choose_body")}</Text>
            {newBackup ? <Text>{t("backup.new_backup_body")}</Text> : null}
            <div style={styles.buttonRow}>
                <Button kind="primary" type="button" onClick={() => void vm.generateKey()}>
                    {t("backup.setup_generate")}
                </Button>
                <Button kind="tertiary" type="button" onClick={vm.cancelFlow}>
                    {t("common.cancel")}
                </Button>
            </div>
            {allowPassphrase ? <PassphraseForm vm={vm} minScore={minScore} /> : null}
        </div>
    );
}

function ShowKeyStep({
    recoveryKey,
    withPassphrase,
    vm,
}: {
    recoveryKey: string;
    withPassphrase: boolean;
    vm: BackupActions;
}): React.JSX.Element {
    const t = useT();
    const [copied, setCopied] = useState(false);
    const copy = async (): Promise<void> => {
        try {
            await navigator.clipboard.writeText(recoveryKey);
            setCopied(true);
        } catch {
            // No clipboard permission: the key is selectable (user-select: all) as a fallback.
        }
    };
    const download = (): void => {
        const url = URL.createObjectURL(new Blob([recoveryKey + "\n"], { type: "text/plain" }));
        const link = document.createElement("a");
        link.href = url;
        link.download = t("backup.download_filename");
        link.click();
        URL.revokeObjectURL(url);
    };
    return (
        <div style={styles.stack}>
            <Text>{t("backup.show_key_body")}</Text>
            {withPassphrase ? <Text>{t("backup.show_key_passphrase_body")}</Text> : null}
            <figure style={{ margin: 0 }}>
                <figcaption>
                    <Text as="span" weight="semibold">
                        {t("backup.show_key_label")}
                    </Text>
                </figcaption>
                <p style={styles.recoveryKey} data-testid="recovery-key">
                    {recoveryKey}
                </p>
            </figure>
            <div style={styles.buttonRow}>
                <Button kind="secondary" type="button" onClick={() => void copy()}>
                    {copied ? t("backup.copied") : t("backup.copy")}
                </Button>
                <Button kind="secondary" type="button" onClick={download}>
                    {t("backup.download")}
                </Button>
                <RecoverySheetButton recoveryKey={recoveryKey} />
            </div>
            <div role="status">{copied ? <Text size="sm">{t("backup.copied")}</Text> : null}</div>
            <div style={styles.buttonRow}>
                <Button kind="primary" type="button" onClick={vm.keySaved}>
                    {t("backup.saved_it")}
                </Button>
                <Button kind="tertiary" type="button" onClick={vm.cancelFlow}>
                    {t("common.cancel")}
                </Button>
            </div>
        </div>
    );
}

function ConfirmKeyStep({ flow, vm }: { flow: SetupFlowState; vm: BackupActions }): React.JSX.Element {
    const t = useT();
    const [typed, setTyped] = useState("");
    const submit = (): void => {
        if (typed.trim() === "") return;
        const entered = typed;
        setTyped("");
        void vm.confirmKey(entered);
    };
    return (
        <div style={styles.stack}>
            <Text>{t("backup.confirm_key_body")}</Text>
            {flow.problem ? <Alert type="critical" title={problemText(t, flow.problem)} /> : null}
            <ModuleForm onSubmit={submit}>
                <ModuleField
                    field="confirm-recovery-key"
                    label={t("backup.confirm_key_label")}
                    autoComplete="off"
                    spellCheck={false}
                    value={typed}
                    onChange={setTyped}
                    // eslint-disable-next-line jsx-a11y/no-autofocus -- the step exists to type into this field
                    autoFocus
                    invalid={flow.mismatch}
                    error={t("backup.confirm_key_mismatch")}
                />
                <div style={styles.buttonRow}>
                    <Button kind="primary" type="button" disabled={typed.trim() === ""} onClick={submit}>
                        {t("backup.confirm_key_submit")}
                    </Button>
                    <Button kind="tertiary" type="button" onClick={vm.showKeyAgain}>
                        {t("backup.show_key_again")}
                    </Button>
                </div>
            </ModuleForm>
        </div>
    );
}

/** Set up (or change) recovery: choose → show and save the key → type it back → saved. */
export function SetupFlow({
    flow,
    vm,
    allowPassphrase,
    passphraseMinScore,
}: {
    flow: SetupFlowState;
    vm: BackupActions;
    allowPassphrase: boolean;
    passphraseMinScore: number;
}): React.JSX.Element {
    const t = useT();
    const title =
        flow.step === "show_key"
            ? t("backup.show_key_title")
            : flow.step === "confirm_key"
              ? t("backup.confirm_key_title")
              : flow.purpose === "change"
                ? t("backup.change_title")
                : flow.purpose === "new_backup"
                  ? t("backup.new_backup_title")
                  : flow.purpose === "after_reset"
                    ? t("backup.after_reset_title")
                    : t("backup.setup_title");
    return (
        <section aria-labelledby="eas-backup-setup" style={styles.stack}>
            <StepHeading id="eas-backup-setup" key={flow.step} focusOnMount={flow.step !== "confirm_key"}>
                {title}
            </StepHeading>
            {flow.step === "choose" ? (
                <>
                    {flow.problem ? <Alert type="critical" title={problemText(t, flow.problem)} /> : null}
                    <ChooseStep
                        vm={vm}
                        allowPassphrase={allowPassphrase}
                        minScore={passphraseMinScore}
                        newBackup={flow.purpose === "new_backup"}
                    />
                </>
            ) : null}
            {flow.step === "show_key" && flow.recoveryKey ? (
                <ShowKeyStep recoveryKey={flow.recoveryKey} withPassphrase={flow.withPassphrase} vm={vm} />
            ) : null}
            {flow.step === "confirm_key" ? <ConfirmKeyStep flow={flow} vm={vm} /> : null}
            {flow.step === "saving" ? <BusyStatus label={t("backup.saving")} /> : null}
        </section>
    );
}
