/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect, useState } from "react";
import { Alert, Button, Text } from "@vector-im/compound-web";

import type { BackupActions, BackupFlow } from "../../viewmodels/BackupViewModel";
import {
    judgePassphrase,
    loadPassphraseEstimator,
    PASSPHRASE_MIN_LENGTH,
    type PassphraseVerdict,
} from "../../passphrase/strength";
import { ModuleField, ModuleForm } from "../common/ModuleForm";
import { RecoverySheetButton } from "../checkup/RecoverySheetButton";
import { useT } from "../i18n";
import { StepHeading } from "../StepHeading";
import { BusyStatus } from "./BusyStatus";
import { problemText, weakPassphraseText } from "./problemText";
import * as styles from "./styles";

type SetupFlowState = Extract<BackupFlow, { kind: "setup" }>;

/** How long typing must pause before the strength is estimated again. */
const ESTIMATE_DELAY_MS = 300;

/**
 * "Or use a passphrase": refused when shorter than PASSPHRASE_MIN_LENGTH or weaker than the deployer's
 * minimum score, with the reason. The estimate follows the typing (after a short pause); the view-model
 * checks again before it derives a key, so this view is a guide, not the gate.
 */
function PassphraseForm({ vm, minScore }: { vm: BackupActions; minScore: number }): React.JSX.Element {
    const t = useT();
    const [passphrase, setPassphrase] = useState("");
    /** The estimate of the text now in the field (null while none is known for it). */
    const [verdict, setVerdict] = useState<PassphraseVerdict | null>(null);
    /** The user asked to use it and it was refused: show the reason as an error, not a hint. */
    const [refused, setRefused] = useState(false);
    const [unchecked, setUnchecked] = useState(false);
    const [checking, setChecking] = useState(false);

    // Fetch the estimator as soon as the field is shown, so the first check is quick.
    useEffect(() => {
        loadPassphraseEstimator().catch(() => undefined);
    }, []);

    useEffect(() => {
        setVerdict(null);
        if ([...passphrase].length < PASSPHRASE_MIN_LENGTH) return;
        let current = true;
        const timer = setTimeout(() => {
            judgePassphrase(passphrase, minScore)
                .then((result) => current && setVerdict(result))
                .catch(() => undefined);
        }, ESTIMATE_DELAY_MS);
        return () => {
            current = false;
            clearTimeout(timer);
        };
    }, [passphrase, minScore]);

    const submit = (): void => {
        if (checking) return;
        const entered = passphrase;
        setChecking(true);
        setUnchecked(false);
        judgePassphrase(entered, minScore)
            .then((result) => {
                setChecking(false);
                setVerdict(result);
                if (!result.ok) {
                    setRefused(true);
                    return;
                }
                setPassphrase(""); // not kept in the DOM once handed on
                void vm.generateKey(entered);
            })
            .catch(() => {
                // Never use a passphrase that could not be checked.
                setChecking(false);
                setUnchecked(true);
            });
    };

    const weak = verdict && !verdict.ok ? verdict : null;
    const help = checking
        ? t("backup.passphrase_checking")
        : verdict?.ok
          ? t("backup.passphrase_strong_enough", { score: verdict.score })
          : weak && weak.reason === "too_weak"
            ? weakPassphraseText(t, weak)
            : t("backup.setup_passphrase_hint");
    return (
        <ModuleForm onSubmit={submit}>
            <Text size="sm">{t("backup.passphrase_why")}</Text>
            <ModuleField
                field="passphrase"
                kind="password"
                label={t("backup.setup_passphrase_label")}
                autoComplete="off"
                spellCheck={false}
                value={passphrase}
                onChange={(value) => {
                    setPassphrase(value);
                    setRefused(false);
                    setUnchecked(false);
                }}
                invalid={(refused && weak !== null) || unchecked}
                error={unchecked ? t("backup.passphrase_unchecked") : weak ? weakPassphraseText(t, weak) : null}
                alertError
                help={help}
            />
            <div style={styles.buttonRow}>
                <Button kind="secondary" type="button" onClick={submit} disabled={passphrase === ""}>
                    {t("backup.setup_use_passphrase")}
                </Button>
            </div>
        </ModuleForm>
    );
}

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
