/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect, useRef } from "react";
import { Alert, Button } from "@vector-im/compound-web";

import type { EmailProblem } from "./types";
import { useT } from "../i18n";
import { problemText } from "./problemText";
import * as styles from "./styles";

export interface ErrorStepProps {
    problem: EmailProblem;
    canRetry: boolean;
    onRetry(): void;
    onDismiss(): void;
}

/** A failure in plain words with a way on: "Try again" (or "Send a new email") and "Close". */
export function ErrorStep({ problem, canRetry, onRetry, onDismiss }: ErrorStepProps): React.JSX.Element {
    const t = useT();
    const firstAction = useRef<HTMLButtonElement>(null);

    // Land on the way out of the error, so Enter retries.
    useEffect(() => {
        firstAction.current?.focus();
    }, []);

    const retryLabel = problem.kind === "session_expired" ? t("email.error_send_again") : t("common.retry");
    return (
        <div role="alert">
            <Alert
                type="critical"
                title={t("email.error_title")}
                actions={
                    <div style={styles.buttonRow}>
                        {canRetry ? (
                            <Button ref={firstAction} kind="primary" type="button" onClick={onRetry}>
                                {retryLabel}
                            </Button>
                        ) : null}
                        <Button
                            ref={canRetry ? undefined : firstAction}
                            kind="tertiary"
                            type="button"
                            onClick={onDismiss}
                        >
                            {t("common.close")}
                        </Button>
                    </div>
                }
            >
                {problemText(t, problem)}
            </Alert>
        </div>
    );
}
