/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useState, type FormEvent } from "react";
import { Alert, Button, Form, Text } from "@vector-im/compound-web";

import type { BackupActions, BackupFlow } from "../../viewmodels/BackupViewModel";
import { RecoverySheetButton } from "../checkup/RecoverySheetButton";
import { useT } from "../i18n";
import { StepHeading } from "../StepHeading";
import { BusyStatus } from "./BusyStatus";
import { problemText } from "./problemText";
import * as styles from "./styles";

type SetupFlowState = Extract<BackupFlow, { kind: "setup" }>;

const MIN_PASSPHRASE = 10;

function ChooseStep({
    vm,
    allowPassphrase,
    newBackup,
}: {
    vm: BackupActions;
    allowPassphrase: boolean;
    newBackup: boolean;
}): React.JSX.Element {
    const t = useT();
    const [passphrase, setPassphrase] = useState("");
    const [tooShort, setTooShort] = useState(false);
    const submitPassphrase = (event: FormEvent): void => {
        event.preventDefault();
        if (passphrase.length < MIN_PASSPHRASE) {
            setTooShort(true);
            return;
        }
        const entered = passphrase;
        setPassphrase(""); // not kept in the DOM once handed on
        void vm.generateKey(entered);
    };
    return (
        <div style={styles.stack}>
            <Text>{t("backup.setup_choose_body")}</Text>
            {newBackup ? <Text>{t("backup.new_backup_body")}</Text> : null}
            <div style={styles.buttonRow}>
                <Button kind="primary" onClick={() => void vm.generateKey()}>
                    {t("backup.setup_generate")}
                </Button>
                <Button kind="tertiary" onClick={vm.cancelFlow}>
                    {t("common.cancel")}
                </Button>
            </div>
            {allowPassphrase ? (
                <Form.Root onSubmit={submitPassphrase}>
                    <Form.Field name="passphrase" serverInvalid={tooShort}>
                        <Form.Label>{t("backup.setup_passphrase_label")}</Form.Label>
                        <Form.PasswordControl
                            autoComplete="new-password"
                            value={passphrase}
                            onChange={(e) => {
                                setPassphrase(e.currentTarget.value);
                                setTooShort(false);
                            }}
                        />
                        {tooShort ? (
                            <Form.ErrorMessage>{t("backup.setup_passphrase_too_short")}</Form.ErrorMessage>
                        ) : (
                            <Form.HelpMessage>{t("backup.setup_passphrase_hint")}</Form.HelpMessage>
                        )}
                    </Form.Field>
                    <Form.Submit kind="secondary">{t("backup.setup_use_passphrase")}</Form.Submit>
                </Form.Root>
            ) : null}
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
                <Button kind="secondary" onClick={() => void copy()}>
                    {copied ? t("backup.copied") : t("backup.copy")}
                </Button>
                <Button kind="secondary" onClick={download}>
                    {t("backup.download")}
                </Button>
                <RecoverySheetButton recoveryKey={recoveryKey} />
            </div>
            <div role="status">{copied ? <Text size="sm">{t("backup.copied")}</Text> : null}</div>
            <div style={styles.buttonRow}>
                <Button kind="primary" onClick={vm.keySaved}>
                    {t("backup.saved_it")}
                </Button>
                <Button kind="tertiary" onClick={vm.cancelFlow}>
                    {t("common.cancel")}
                </Button>
            </div>
        </div>
    );
}

function ConfirmKeyStep({ flow, vm }: { flow: SetupFlowState; vm: BackupActions }): React.JSX.Element {
    const t = useT();
    const [typed, setTyped] = useState("");
    const submit = (event: FormEvent): void => {
        event.preventDefault();
        if (typed.trim() === "") return;
        const entered = typed;
        setTyped("");
        void vm.confirmKey(entered);
    };
    return (
        <div style={styles.stack}>
            <Text>{t("backup.confirm_key_body")}</Text>
            {flow.problem ? <Alert type="critical" title={problemText(t, flow.problem)} /> : null}
            <Form.Root onSubmit={submit}>
                <Form.Field name="confirm-recovery-key" serverInvalid={flow.mismatch}>
                    <Form.Label>{t("backup.confirm_key_label")}</Form.Label>
                    <Form.TextControl
                        autoComplete="off"
                        spellCheck={false}
                        value={typed}
                        onChange={(e) => setTyped(e.currentTarget.value)}
                        // eslint-disable-next-line jsx-a11y/no-autofocus -- the step exists to type into this field
                        autoFocus
                    />
                    {flow.mismatch ? <Form.ErrorMessage>{t("backup.confirm_key_mismatch")}</Form.ErrorMessage> : null}
                </Form.Field>
                <div style={styles.buttonRow}>
                    <Form.Submit disabled={typed.trim() === ""}>{t("backup.confirm_key_submit")}</Form.Submit>
                    <Button kind="tertiary" type="button" onClick={vm.showKeyAgain}>
                        {t("backup.show_key_again")}
                    </Button>
                </div>
            </Form.Root>
        </div>
    );
}

/** Set up (or change) recovery: choose → show and save the key → type it back → saved. */
export function SetupFlow({
    flow,
    vm,
    allowPassphrase,
}: {
    flow: SetupFlowState;
    vm: BackupActions;
    allowPassphrase: boolean;
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
                    <ChooseStep vm={vm} allowPassphrase={allowPassphrase} newBackup={flow.purpose === "new_backup"} />
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
