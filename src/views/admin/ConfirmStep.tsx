/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { Alert, Button, Text } from "@vector-im/compound-web";

import * as styles from "../common/styles";
import { useT } from "../i18n";
import { StepHeading } from "../StepHeading";

export interface ConfirmStepProps {
    action: "add" | "remove";
    address: string;
    userId: string;
    /** Removing the account's only address: password reset by email stops working. */
    isLast?: boolean;
    onConfirm(): void;
    onCancel(): void;
}

/** "Add / Remove <address> for <user>?": every change is confirmed, naming both. */
export function ConfirmStep({
    action,
    address,
    userId,
    isLast,
    onConfirm,
    onCancel,
}: ConfirmStepProps): React.JSX.Element {
    const t = useT();
    const adding = action === "add";
    return (
        <div role="group" aria-labelledby="eas-admin-confirm-heading" style={styles.stack}>
            <StepHeading id="eas-admin-confirm-heading" level="h3">
                {adding
                    ? t("admin.confirm_add_heading", { address, user: userId })
                    : t("admin.confirm_remove_heading", { address, user: userId })}
            </StepHeading>
            <Text style={{ margin: 0 }}>{adding ? t("admin.confirm_add_body") : t("admin.confirm_remove_body")}</Text>
            {!adding && isLast ? (
                <Alert type="critical" title={t("admin.confirm_remove_last_title")}>
                    {t("admin.confirm_remove_last")}
                </Alert>
            ) : null}
            <div style={styles.buttonRow}>
                <Button kind="primary" destructive={!adding} type="button" onClick={onConfirm}>
                    {adding ? t("admin.confirm_add") : t("admin.confirm_remove")}
                </Button>
                <Button kind="tertiary" type="button" onClick={onCancel}>
                    {t("common.cancel")}
                </Button>
            </div>
        </div>
    );
}
