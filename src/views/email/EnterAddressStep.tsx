/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect, useRef, type FormEvent } from "react";
import { Button, Form } from "@vector-im/compound-web";

import type { AddressProblem, EmailProblem } from "../../viewmodels/EmailViewModel";
import { useT } from "../i18n";
import { StepHeading } from "../StepHeading";
import { problemText } from "./problemText";
import * as styles from "./styles";

export interface EnterAddressStepProps {
    draft: string;
    problem: AddressProblem | EmailProblem | null;
    onChange(draft: string): void;
    onSubmit(): void;
    onCancel(): void;
}

/** The address field. Checking happens in the view-model, so the same rules hold without a browser. */
export function EnterAddressStep({
    draft,
    problem,
    onChange,
    onSubmit,
    onCancel,
}: EnterAddressStepProps): React.JSX.Element {
    const t = useT();
    const field = useRef<HTMLInputElement>(null);

    // The field takes focus when the step appears, and again when the server turned the address down.
    useEffect(() => {
        field.current?.focus();
    }, [problem]);

    const submit = (event: FormEvent): void => {
        event.preventDefault();
        onSubmit();
    };

    return (
        <Form.Root onSubmit={submit} aria-labelledby="eas-email-enter-heading" style={styles.stack}>
            <StepHeading id="eas-email-enter-heading" focusOnMount={false}>
                {t("email.entering_heading")}
            </StepHeading>
            <Form.Field name="email" serverInvalid={problem !== null}>
                <Form.Label>{t("email.field_label")}</Form.Label>
                {/* type="text" + inputMode: the browser's own email check would stop the submit before ours. */}
                <Form.TextControl
                    ref={field}
                    type="text"
                    inputMode="email"
                    autoComplete="email"
                    spellCheck={false}
                    value={draft}
                    onChange={(event) => onChange(event.currentTarget.value)}
                />
                {problem ? (
                    <Form.ErrorMessage role="alert">{problemText(t, problem, draft)}</Form.ErrorMessage>
                ) : (
                    <Form.HelpMessage>{t("email.field_help")}</Form.HelpMessage>
                )}
            </Form.Field>
            <div style={styles.buttonRow}>
                <Form.Submit>{t("email.send")}</Form.Submit>
                <Button kind="tertiary" type="button" onClick={onCancel}>
                    {t("common.cancel")}
                </Button>
            </div>
        </Form.Root>
    );
}
