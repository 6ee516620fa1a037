/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { Button } from "@vector-im/compound-web";

import type { LookupProblem } from "./types";
import { useT } from "../i18n";
import { ModuleField, ModuleForm } from "../common/ModuleForm";
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
    return (
        <ModuleForm onSubmit={onSubmit} role="search">
            <ModuleField
                field="user"
                label={t("admin.lookup_label")}
                autoComplete="off"
                spellCheck={false}
                value={query}
                onChange={onChange}
                invalid={problem !== null}
                error={problem ? adminProblemText(t, problem, serverName) : null}
                alertError
                help={t("admin.lookup_help", { server: serverName })}
            />
            <div style={styles.buttonRow}>
                {/* Never disabled (a greyed field fails contrast and hides why); the view-model ignores a
                    lookup while a request runs. */}
                <Button kind="primary" type="button" onClick={onSubmit}>
                    {t("admin.lookup_button")}
                </Button>
            </div>
        </ModuleForm>
    );
}
