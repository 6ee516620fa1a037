/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";

import type { AddressProblem, EmailProblem } from "./types";
import { AddressForm } from "../common/AddressForm";
import { useT } from "../i18n";
import { problemText } from "./problemText";

export interface EnterAddressStepProps {
    draft: string;
    problem: AddressProblem | EmailProblem | null;
    onChange(draft: string): void;
    onSubmit(): void;
    onCancel?(): void;
}

/** The field for the user's own new address; "Send" starts the verification email. */
export function EnterAddressStep(props: EnterAddressStepProps): React.JSX.Element {
    const t = useT();
    return (
        <AddressForm
            headingId="eas-email-enter-heading"
            heading={t("email.entering_heading")}
            label={t("email.field_label")}
            help={t("email.field_help")}
            submitLabel={t("email.send")}
            autoComplete="email"
            describe={(problem) => problemText(t, problem, props.draft)}
            {...props}
        />
    );
}
