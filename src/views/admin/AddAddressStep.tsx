/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";

import type { AdminAddressProblem } from "./types";
import { AddressForm } from "../common/AddressForm";
import { useT } from "../i18n";
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
export function AddAddressStep({ userId, ...form }: AddAddressStepProps): React.JSX.Element {
    const t = useT();
    return (
        <AddressForm
            headingId="eas-admin-add-heading"
            heading={t("admin.add_heading", { user: userId })}
            headingLevel="h3"
            label={t("admin.field_label")}
            help={t("admin.field_help")}
            submitLabel={t("admin.check")}
            autoComplete="off"
            describe={(problem) => adminProblemText(t, problem)}
            {...form}
        />
    );
}
