/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect, useState } from "react";
import { Alert, Button, Text } from "@vector-im/compound-web";

import type { ActionProblem, BackupActions, BackupFlow } from "./types";
import { ModuleField, ModuleForm } from "../common/ModuleForm";
import { useT } from "../i18n";
import { StepHeading } from "../StepHeading";
import { BusyStatus } from "./BusyStatus";
import { problemText } from "./problemText";
import * as styles from "./styles";

type EnterKeyState = Extract<BackupFlow, { kind: "enter_key" }>;

/** Problems that say the typed key itself is wrong: only these throw the typed key away. */
function isAboutTheKey(problem: ActionProblem): boolean {
    return problem.kind === "wrong_key" || problem.kind === "not_a_key" || problem.kind === "passphrase_unusable";
}

function KeyForm({
    flow,
    initial,
    onSubmit,
    onCancel,
}: {
    flow: EnterKeyState;
    initial: string;
    onSubmit: (key: string) => void;
    onCancel: () => void;
}): React.JSX.Element {
    const t = useT();
    const [input, setInput] = useState(initial);
    const submit = (): void => {
        if (input.trim() === "") return;
        const entered = input;
        setInput(""); // the key leaves the DOM as soon as it is handed on
        onSubmit(entered);
    };
    return (
        <ModuleForm onSubmit={submit}>
            <ModuleField
                field="recovery-key"
                kind="password"
                label={t("backup.enter_key_label")}
                autoComplete="off"
                spellCheck={false}
                value={input}
                onChange={setInput}
                // eslint-disable-next-line jsx-a11y/no-autofocus -- the step exists to type into this field
                autoFocus
                invalid={flow.problem !== null}
                error={flow.problem ? problemText(t, flow.problem) : null}
            />
            <div style={styles.buttonRow}>
                <Button kind="primary" type="button" disabled={input.trim() === ""} onClick={submit}>
                    {t("backup.enter_key_submit")}
                </Button>
                <Button kind="tertiary" type="button" onClick={onCancel}>
                    {t("common.cancel")}
                </Button>
            </div>
        </ModuleForm>
    );
}

/** Enter the recovery key (or passphrase) on this device, then restore with progress. */
export function EnterKeyFlow({ flow, vm }: { flow: EnterKeyState; vm: BackupActions }): React.JSX.Element {
    const t = useT();
    const progress = flow.progress;
    // The key being tried, kept in memory (not the DOM) until the answer: an error that is not about the
    // key (no connection, a bug) gives it back to the field, so nobody retypes 48 characters for nothing.
    const [tried, setTried] = useState<string | null>(null);
    const keepKey =
        flow.step === "unlocking" || (flow.step === "input" && flow.problem !== null && !isAboutTheKey(flow.problem));
    useEffect(() => {
        if (!keepKey) setTried(null);
    }, [keepKey]);
    return (
        <section aria-labelledby="eas-backup-enter" style={styles.stack}>
            <StepHeading id="eas-backup-enter" focusOnMount={flow.step !== "input"}>
                {t("backup.enter_key_title")}
            </StepHeading>
            {flow.step === "input" ? (
                <>
                    <Text>{t("backup.enter_key_body")}</Text>
                    <KeyForm
                        flow={flow}
                        initial={keepKey ? (tried ?? "") : ""}
                        onSubmit={(key) => {
                            setTried(key);
                            void vm.submitRecoveryKey(key);
                        }}
                        onCancel={vm.cancelFlow}
                    />
                </>
            ) : null}
            {flow.step === "unlocking" ? <BusyStatus label={t("backup.unlocking")} /> : null}
            {flow.step === "restoring" ? (
                <>
                    <BusyStatus
                        label={
                            progress?.total
                                ? t("backup.restoring_progress", { done: progress.done, total: progress.total })
                                : t("backup.restoring")
                        }
                    />
                    {progress?.total ? (
                        <progress
                            max={progress.total}
                            value={progress.done}
                            aria-label={t("backup.restoring")}
                            style={{ width: "100%" }}
                        />
                    ) : null}
                </>
            ) : null}
            {flow.step === "restored" ? (
                <>
                    <div role="status">
                        <Alert
                            type="success"
                            title={
                                flow.result && flow.result.total > 0
                                    ? t("backup.restored", { imported: flow.result.imported, total: flow.result.total })
                                    : t("backup.restored_none")
                            }
                        />
                    </div>
                    <div style={styles.buttonRow}>
                        <Button type="button" kind="primary" onClick={vm.cancelFlow}>
                            {t("common.close")}
                        </Button>
                    </div>
                </>
            ) : null}
            {flow.step === "restore_failed" ? (
                <>
                    <Alert type="critical" title={t("backup.restore_failed")}>
                        {flow.problem ? problemText(t, flow.problem) : null}
                    </Alert>
                    <div style={styles.buttonRow}>
                        <Button type="button" kind="primary" onClick={() => void vm.restore()}>
                            {t("common.retry")}
                        </Button>
                        <Button type="button" kind="tertiary" onClick={vm.cancelFlow}>
                            {t("common.close")}
                        </Button>
                    </div>
                </>
            ) : null}
        </section>
    );
}
