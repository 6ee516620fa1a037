/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { type FormEvent } from "react";
import { Form } from "@vector-im/compound-web";

import type { LookupProblem } from "../../viewmodels/AdminViewModel";
import { useT } from "../i18n";
import * as styles from "../common/styles";
import { adminProblemText } from "./adminText";

export interface LookupFormProps {
    query: string;
    problem: LookupProblem | null;
    /** The homeserver's name, for the example in the help text. */
    serverName: string;
    onChange(query: string): void;
    onSubmit(): void;
}

/** "Which account?": a user ID, or just its localpart. */
export function LookupForm({ query, problem, serverName, onChange, onSubmit }: LookupFormProps): React.JSX.Element {
    const t = useT();
    const submit = (event: FormEvent): void => {
        event.preventDefault();
        onSubmit();
    };
    return (
        <Form.Root onSubmit={submit} role="search" style={styles.stack}>
            <Form.Field name="user" serverInvalid={problem !== null}>
                <Form.Label>{t("admin.lookup_label")}</Form.Label>
                <Form.TextControl
                    type="text"
                    autoComplete="off"
                    spellCheck={false}
                    value={query}
                    onChange={(event) => onChange(event.currentTarget.value)}
                />
                {problem ? (
                    <Form.ErrorMessage role="alert">{adminProblemText(t, problem, serverName)}</Form.ErrorMessage>
                ) : (
                    <Form.HelpMessage>{t("admin.lookup_help", { server: serverName })}</Form.HelpMessage>
                )}
            </Form.Field>
            <div style={styles.buttonRow}>
                {/* Never disabled (a greyed field fails contrast and hides why); the view-model ignores a
                    lookup while a request runs. */}
                <Form.Submit>{t("admin.lookup_button")}</Form.Submit>
            </div>
        </Form.Root>
    );
}
