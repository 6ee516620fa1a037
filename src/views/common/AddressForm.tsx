/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect, useRef } from "react";
import { Button } from "@vector-im/compound-web";

import { useT } from "../i18n";
import { StepHeading } from "../StepHeading";
import { ModuleField, ModuleForm } from "./ModuleForm";
import * as styles from "./styles";

export interface AddressFormProps<P> {
    /** The heading's id (it labels the form). */
    headingId: string;
    heading: string;
    headingLevel?: "h2" | "h3";
    label: string;
    /** Shown under the field while there is no problem. */
    help: string;
    submitLabel: string;
    /** "email" where the address is the user's own; "off" where an admin types someone else's. */
    autoComplete: "email" | "off";
    draft: string;
    /** Why the address was turned down, if it was; `describe` puts it in words. */
    problem: P | null;
    describe(problem: P): string;
    onChange(draft: string): void;
    onSubmit(): void;
    /** Without it, no Cancel button (the field is the section's only way on, e.g. no address yet). */
    onCancel?(): void;
}

/**
 * One email-address field with its submit and cancel buttons: the user's own "add an address" step and
 * the admin's. Checking happens in the view-model, so the same rules hold without a browser.
 */
export function AddressForm<P>({
    headingId,
    heading,
    headingLevel,
    label,
    help,
    submitLabel,
    autoComplete,
    draft,
    problem,
    describe,
    onChange,
    onSubmit,
    onCancel,
}: AddressFormProps<P>): React.JSX.Element {
    const t = useT();
    const field = useRef<HTMLInputElement>(null);

    // The field takes focus when the step appears, and again when the address was turned down.
    useEffect(() => {
        field.current?.focus();
    }, [problem]);

    return (
        <ModuleForm onSubmit={onSubmit} aria-labelledby={headingId}>
            <StepHeading id={headingId} level={headingLevel} focusOnMount={false}>
                {heading}
            </StepHeading>
            <ModuleField
                field="email"
                label={label}
                inputRef={field}
                inputMode="email"
                autoComplete={autoComplete}
                spellCheck={false}
                value={draft}
                onChange={onChange}
                invalid={problem !== null}
                error={problem !== null ? describe(problem) : null}
                alertError
                help={help}
            />
            <div style={styles.buttonRow}>
                <Button kind="primary" type="button" onClick={onSubmit}>
                    {submitLabel}
                </Button>
                {onCancel ? (
                    <Button kind="tertiary" type="button" onClick={onCancel}>
                        {t("common.cancel")}
                    </Button>
                ) : null}
            </div>
        </ModuleForm>
    );
}
