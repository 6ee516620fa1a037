/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { Alert, Button, Text } from "@vector-im/compound-web";

import { useT } from "../i18n";
import { StepHeading } from "../StepHeading";
import * as styles from "./styles";

export interface ConfirmRemoveStepProps {
    address: string;
    /** The account's only address: removing it ends password reset by email. */
    isLast: boolean;
    onConfirm(): void;
    onCancel(): void;
}

export function ConfirmRemoveStep({ address, isLast, onConfirm, onCancel }: ConfirmRemoveStepProps): React.JSX.Element {
    const t = useT();
    return (
        <div role="group" aria-labelledby="eas-email-remove-heading" style={styles.stack}>
            <StepHeading id="eas-email-remove-heading">{t("email.remove_heading", { address })}</StepHeading>
            <Text style={{ margin: 0 }}>{t("email.remove_body")}</Text>
            {isLast ? (
                <Alert type="critical" title={t("email.remove_last_title")}>
                    {t("email.remove_last_warning")}
                </Alert>
            ) : null}
            <div style={styles.buttonRow}>
                <Button kind="primary" destructive type="button" onClick={onConfirm}>
                    {t("email.remove_confirm")}
                </Button>
                <Button kind="tertiary" type="button" onClick={onCancel}>
                    {t("common.cancel")}
                </Button>
            </div>
        </div>
    );
}
