/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { Alert, Button, Link, Text } from "@vector-im/compound-web";

import type { EmailActions, EmailNotice, EmailSnapshot, EmailStep } from "./types";
import type { ViewModelLike } from "../viewModel";
import { AuthStep } from "../auth/AuthStep";
import { useT } from "../i18n";
import { useViewModel } from "../useViewModel";
import { AddressList } from "./AddressList";
import { BusyStatus } from "./BusyStatus";
import { ConfirmRemoveStep } from "./ConfirmRemoveStep";
import { EnterAddressStep } from "./EnterAddressStep";
import { ErrorStep } from "./ErrorStep";
import * as styles from "./styles";
import { WaitingStep } from "./WaitingStep";

/** What the section renders from: the real EmailViewModel, or a stub in tests. */
export type EmailSectionViewModel = ViewModelLike<EmailSnapshot> & EmailActions;

function NoticeBanner({ notice, onClose }: { notice: EmailNotice; onClose(): void }): React.JSX.Element {
    const t = useT();
    const text =
        notice.kind === "added"
            ? t("email.notice_added", { address: notice.address })
            : notice.kind === "removed"
              ? t("email.notice_removed", { address: notice.address })
              : t("email.notice_pending_expired", { address: notice.address });
    return (
        <div role="status">
            <Alert type={notice.kind === "pending_expired" ? "info" : "success"} title={text} onClose={onClose} />
        </div>
    );
}

function StepView({
    step,
    vm,
    helpUrl,
    hasAddress,
}: {
    step: EmailStep;
    vm: EmailActions;
    helpUrl: string | null;
    /** Without an address the field is shown right away, so there is nothing to cancel back to. */
    hasAddress: boolean;
}): React.JSX.Element | null {
    const t = useT();
    switch (step.kind) {
        case "loading":
            return <BusyStatus label={t("email.loading")} />;
        case "read_only":
            return step.reason === "delegated" ? (
                <Alert type="info" title={t("email.read_only_delegated")}>
                    {step.accountManagementUrl ? (
                        <Link href={step.accountManagementUrl} target="_blank">
                            {t("email.read_only_delegated_link")}
                        </Link>
                    ) : null}
                </Alert>
            ) : (
                <Alert type="info" title={t("email.read_only_disabled")} />
            );
        case "ready":
            return (
                <div style={styles.buttonRow}>
                    <Button kind="secondary" type="button" onClick={() => vm.startAdd()}>
                        {t("email.add_button")}
                    </Button>
                </div>
            );
        case "entering":
            return (
                <EnterAddressStep
                    draft={step.draft}
                    problem={step.problem}
                    onChange={(draft) => vm.setDraft(draft)}
                    onSubmit={() => vm.submitAddress()}
                    onCancel={hasAddress ? () => vm.cancelAdd() : undefined}
                />
            );
        case "sending":
            return <BusyStatus label={t("email.sending", { address: step.address })} />;
        case "waiting_for_click":
            return (
                <WaitingStep
                    address={step.address}
                    notClickedYet={step.notClickedYet}
                    resent={step.resent}
                    resending={step.resending}
                    problem={step.problem}
                    helpUrl={helpUrl}
                    onContinue={() => vm.continueAdd()}
                    onResend={() => vm.resend()}
                    onCancel={() => vm.cancelAdd()}
                />
            );
        case "verifying":
            return <BusyStatus label={t("email.verifying", { address: step.address })} />;
        case "auth":
            return (
                <AuthStep
                    method={step.method}
                    failed={step.failed}
                    description={t("email.auth_reason", { address: step.address })}
                    onSubmitPassword={(password) => vm.submitAuth({ kind: "password", password })}
                    onSsoDone={() => vm.submitAuth({ kind: "sso_done" })}
                    onCancel={() => vm.submitAuth(null)}
                />
            );
        case "confirm_remove":
            return (
                <ConfirmRemoveStep
                    address={step.address}
                    isLast={step.isLast}
                    onConfirm={() => vm.confirmRemove()}
                    onCancel={() => vm.cancelRemove()}
                />
            );
        case "removing":
            return <BusyStatus label={t("email.removing", { address: step.address })} />;
        case "error":
            return (
                <ErrorStep
                    problem={step.problem}
                    canRetry={step.canRetry}
                    onRetry={() => vm.retry()}
                    onDismiss={() => vm.dismissError()}
                />
            );
    }
}

/**
 * The Email addresses section: why it matters, what is on the account, and the current step of
 * adding or removing one. Renders only the snapshot; every decision is the view-model's.
 */
export function EmailSection({ vm }: { vm: EmailSectionViewModel }): React.JSX.Element {
    const snapshot = useViewModel(vm);
    const t = useT();
    const { step, notice } = snapshot;
    return (
        <div style={styles.stack}>
            <Text style={{ margin: 0 }}>{t("email.intro")}</Text>
            {notice ? <NoticeBanner notice={notice} onClose={() => vm.dismissNotice()} /> : null}
            {snapshot.listed ? (
                <AddressList
                    emails={snapshot.emails}
                    phones={snapshot.phones}
                    onRemove={
                        step.kind === "ready" || step.kind === "waiting_for_click"
                            ? (address) => vm.askRemove(address)
                            : null
                    }
                />
            ) : null}
            <StepView step={step} vm={vm} helpUrl={snapshot.helpUrl} hasAddress={snapshot.emails.length > 0} />
        </div>
    );
}
