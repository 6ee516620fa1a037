/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Side effect: the Admin section's English strings come with it (see adminStrings.ts).
import "../../i18n/adminStrings";
import React, { useEffect, useRef } from "react";
import { Alert, Button, Link, Text } from "@vector-im/compound-web";

import type { AdminActions, AdminSnapshot, AdminStep } from "./types";
import type { ViewModelLike } from "../viewModel";
import { BusyStatus } from "../email/BusyStatus";
import * as styles from "../common/styles";
import { useT } from "../i18n";
import { useViewModel } from "../useViewModel";
import { AccountCard } from "./AccountCard";
import { AddAddressStep } from "./AddAddressStep";
import { adminProblemText } from "./adminText";
import { ConfirmStep } from "./ConfirmStep";
import { LookupForm } from "./LookupForm";

/** What the section renders from: the real AdminViewModel, or a stub in tests. */
export type AdminSectionViewModel = ViewModelLike<AdminSnapshot> & AdminActions;

function ErrorView({ step, vm }: { step: Extract<AdminStep, { kind: "error" }>; vm: AdminActions }): React.JSX.Element {
    const t = useT();
    const retry = useRef<HTMLButtonElement>(null);
    useEffect(() => {
        retry.current?.focus();
    }, []);
    return (
        <div role="alert">
            <Alert
                type="critical"
                title={t("admin.error_title")}
                actions={
                    <div style={styles.buttonRow}>
                        <Button ref={retry} kind="primary" type="button" onClick={() => void vm.retry()}>
                            {t("common.retry")}
                        </Button>
                        {step.canClose ? (
                            <Button kind="tertiary" type="button" onClick={() => vm.dismissError()}>
                                {t("common.close")}
                            </Button>
                        ) : null}
                    </div>
                }
            >
                {adminProblemText(t, step.problem)}
            </Alert>
        </div>
    );
}

/**
 * The Admin section (server admins only): look up an account, its email addresses with their dates,
 * and add or remove one after a confirmation. Renders the snapshot; every rule lives in the view-model.
 */
export function AdminSection({
    vm,
    serverName,
    posture,
}: {
    vm: AdminSectionViewModel;
    serverName: string;
    /** The server's security posture (PostureView), shown to admins above the account lookup. */
    posture?: React.ReactNode;
}): React.JSX.Element {
    const t = useT();
    const { step, query, lookupProblem, account, notice } = useViewModel(vm);

    switch (step.kind) {
        case "checking_access":
            return <BusyStatus label={t("admin.checking_access")} />;
        case "unavailable":
            return (
                <Text>
                    {step.reason === "not_admin"
                        ? t("admin.unavailable_not_admin")
                        : t("admin.unavailable_no_admin_api")}
                </Text>
            );
        case "delegated":
            return (
                <Alert type="info" title={t("admin.delegated_title")}>
                    {t("admin.delegated_body")}{" "}
                    {step.accountManagementUrl ? (
                        <Link href={step.accountManagementUrl} target="_blank">
                            {t("admin.delegated_link")}
                        </Link>
                    ) : null}
                </Alert>
            );
        default:
            break;
    }

    const idle = step.kind === "ready";
    let stepView: React.ReactNode = null;
    switch (step.kind) {
        case "looking_up":
            stepView = <BusyStatus label={t("admin.looking_up", { user: step.userId })} />;
            break;
        case "entering":
            stepView = account ? (
                <AddAddressStep
                    userId={account.userId}
                    draft={step.draft}
                    problem={step.problem}
                    onChange={(draft) => vm.setDraft(draft)}
                    onSubmit={() => void vm.submitAddress()}
                    onCancel={() => vm.cancel()}
                />
            ) : null;
            break;
        case "checking_address":
            stepView = <BusyStatus label={t("admin.checking_address", { address: step.address })} />;
            break;
        case "confirm_add":
        case "confirm_remove":
            stepView = account ? (
                <ConfirmStep
                    action={step.kind === "confirm_add" ? "add" : "remove"}
                    address={step.address}
                    userId={account.userId}
                    isLast={step.kind === "confirm_remove" && step.isLast}
                    onConfirm={() => void (step.kind === "confirm_add" ? vm.confirmAdd() : vm.confirmRemove())}
                    onCancel={() => vm.cancel()}
                />
            ) : null;
            break;
        case "saving":
            stepView = (
                <BusyStatus
                    label={
                        step.action === "add"
                            ? t("admin.saving_add", { address: step.address })
                            : t("admin.saving_remove", { address: step.address })
                    }
                />
            );
            break;
        case "error":
            stepView = <ErrorView step={step} vm={vm} />;
            break;
    }

    return (
        <div style={styles.stack}>
            {posture}
            <Text style={{ margin: 0 }}>{t("admin.intro")}</Text>
            <LookupForm
                query={query}
                problem={lookupProblem}
                serverName={serverName}
                onChange={(value) => vm.setQuery(value)}
                onSubmit={() => void vm.lookUp()}
            />
            {notice ? (
                <div role="status">
                    <Alert
                        type="success"
                        title={
                            notice.kind === "added"
                                ? t("admin.notice_added", { address: notice.address, user: notice.userId })
                                : t("admin.notice_removed", { address: notice.address, user: notice.userId })
                        }
                        onClose={() => vm.dismissNotice()}
                    />
                </div>
            ) : null}
            {account && step.kind !== "looking_up" ? (
                <AccountCard
                    account={account}
                    canChange={idle}
                    onRemove={(address) => vm.askRemove(address)}
                    onAdd={() => vm.startAdd()}
                />
            ) : null}
            {stepView}
        </div>
    );
}
