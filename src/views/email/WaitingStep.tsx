/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect, useRef } from "react";
import { Alert, Button, Link, Text } from "@vector-im/compound-web";

import type { EmailProblem } from "./types";
import { useT } from "../i18n";
import { StepHeading } from "../StepHeading";
import { problemText } from "./problemText";
import * as styles from "./styles";

export interface WaitingStepProps {
    address: string;
    /** Continue came before the click: say so, kindly, and keep waiting. */
    notClickedYet: boolean;
    resent: boolean;
    resending: boolean;
    /** A failed resend. */
    problem: EmailProblem | null;
    helpUrl: string | null;
    onContinue(): void;
    onResend(): void;
    onCancel(): void;
}

/** "Check your email": names the address; Continue once the link is clicked, Resend, Cancel. */
export function WaitingStep(props: WaitingStepProps): React.JSX.Element {
    const { address, notClickedYet, resent, resending, problem, helpUrl } = props;
    const t = useT();
    const notice = useRef<HTMLDivElement>(null);

    // After an early Continue the news is the "not yet" message, so focus goes there, not to the heading.
    useEffect(() => {
        if (notClickedYet) notice.current?.focus();
    }, [notClickedYet]);

    return (
        <div role="group" aria-labelledby="eas-email-waiting-heading" style={styles.stack}>
            <StepHeading id="eas-email-waiting-heading" focusOnMount={!notClickedYet}>
                {t("email.waiting_heading")}
            </StepHeading>
            <Text style={{ margin: 0 }}>{t("email.waiting_body", { address })}</Text>
            {notClickedYet ? (
                <div ref={notice} tabIndex={-1} role="status">
                    <Alert type="info" title={t("email.not_clicked_title")}>
                        {t("email.problem_not_clicked", { address })} {t("email.not_clicked_hint")}
                    </Alert>
                </div>
            ) : null}
            <div role="status">
                {resent && !resending ? <Text style={{ margin: 0 }}>{t("email.resent")}</Text> : null}
            </div>
            {problem ? (
                <div role="alert">
                    <Alert type="critical" title={t("email.error_title")}>
                        {problemText(t, problem, address)}
                    </Alert>
                </div>
            ) : null}
            <div style={styles.buttonRow}>
                <Button kind="primary" type="button" onClick={props.onContinue} disabled={resending}>
                    {t("common.continue")}
                </Button>
                <Button kind="secondary" type="button" onClick={props.onResend} disabled={resending}>
                    {resending ? t("email.resending") : t("email.resend")}
                </Button>
                <Button kind="tertiary" type="button" onClick={props.onCancel}>
                    {t("common.cancel")}
                </Button>
            </div>
            {helpUrl ? (
                <Link href={helpUrl} target="_blank">
                    {t("email.help_link")}
                </Link>
            ) : (
                <Text size="sm" style={styles.secondaryText}>
                    {t("email.help_hint")}
                </Text>
            )}
            <Text size="sm" style={styles.secondaryText}>
                {t("email.waiting_kept")}
            </Text>
        </div>
    );
}
