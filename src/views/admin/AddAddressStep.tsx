/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect, useRef, type FormEvent } from "react";
import { Button, Form } from "@vector-im/compound-web";

import type { AdminAddressProblem } from "../../viewmodels/AdminViewModel";
import * as styles from "../common/styles";
import { useT } from "../i18n";
import { StepHeading } from "../StepHeading";
import { adminProblemText } from "./adminText";

export interface AddAddressStepProps {
    userId: string;
    draft: string;
    problem: AdminAddressProblem | null;
    onChange(draft: string): void;
    onSubmit(): void;
    onCancel(): void;
}

/** The address to add. "Continue" only checks it (and who owns it); the next step confirms. */
export function AddAddressStep({
    userId,
    draft,
    problem,
    onChange,
    onSubmit,
    onCancel,
}: AddAddressStepProps): React.JSX.Element {
    const t = useT();
    const field = useRef<HTMLInputElement>(null);
    useEffect(() => {
        field.current?.focus();
    }, [problem]);
    const submit = (event: FormEvent): void => {
        event.preventDefault();
        onSubmit();
    };
    return (
        <Form.Root onSubmit={submit} aria-labelledby="eas-admin-add-heading" style={styles.stack}>
            <StepHeading id="eas-admin-add-heading" level="h3" focusOnMount={false}>
                {t("admin.add_heading", { user: userId })}
            </StepHeading>
            <Form.Field name="email" serverInvalid={problem !== null}>
                <Form.Label>{t("admin.field_label")}</Form.Label>
                <Form.TextControl
                    ref={field}
                    type="text"
                    inputMode="email"
                    autoComplete="off"
                    spellCheck={false}
                    value={draft}
                    onChange={(event) => onChange(event.currentTarget.value)}
                />
                {problem ? (
                    <Form.ErrorMessage role="alert">{adminProblemText(t, problem)}</Form.ErrorMessage>
                ) : (
                    <Form.HelpMessage>{t("admin.field_help")}</Form.HelpMessage>
                )}
            </Form.Field>
            <div style={styles.buttonRow}>
                <Form.Submit>{t("admin.check")}</Form.Submit>
                <Button kind="tertiary" type="button" onClick={onCancel}>
                    {t("common.cancel")}
                </Button>
            </div>
        </Form.Root>
    );
}
