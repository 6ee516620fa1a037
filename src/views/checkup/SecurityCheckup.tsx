/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Side effect: this view's English strings come with it (see checkupStrings.ts).
import "../../i18n/checkupStrings";

import React from "react";
import { Button, Heading, Text } from "@vector-im/compound-web";

import type { Translate } from "../../i18n";
import type { Checkup, Protection } from "../../nudges/checkup";
import type { PanelIntent } from "../../panelTargets";
import * as common from "../common/styles";
import { useT } from "../i18n";

function lineText(t: Translate, p: Protection): string {
    switch (p.id) {
        case "recovery":
            if (p.state === "on") return t("checkup.recovery_on");
            return p.reason === "not_set_up" ? t("checkup.recovery_not_set_up") : t("checkup.recovery_missing_here");
        case "this_session":
            if (p.state === "on") return t("checkup.this_session_on");
            return p.reason === "no_identity" ? t("checkup.this_session_no_identity") : t("checkup.this_session_off");
        case "other_sessions":
            if (p.state === "unknown") return t("checkup.other_sessions_unknown");
            return p.state === "on"
                ? t("checkup.other_sessions_on")
                : t("checkup.other_sessions_off", { count: p.count ?? 0 });
        case "email":
            return p.state === "on" ? t("checkup.email_on") : t("checkup.email_off");
    }
}

function fixText(t: Translate, p: Protection): string {
    switch (p.id) {
        case "recovery":
            return p.reason === "not_set_up" ? t("checkup.recovery_fix_set_up") : t("checkup.recovery_fix_enter_key");
        case "this_session":
            return p.reason === "no_identity" ? t("checkup.recovery_fix_set_up") : t("checkup.this_session_fix");
        case "other_sessions":
            return t("checkup.other_sessions_fix");
        case "email":
            return t("checkup.email_fix");
    }
}

const mark = (on: boolean): React.CSSProperties => ({
    display: "inline-flex",
    alignItems: "center",
    justifyContent: "center",
    flex: "none",
    width: "20px",
    height: "20px",
    borderRadius: "50%",
    color: "var(--cpd-color-text-on-solid-primary, #fff)",
    background: on
        ? "var(--cpd-color-icon-success-primary, #007a61)"
        : "var(--cpd-color-icon-critical-primary, #d51928)",
    font: "var(--cpd-font-body-sm-semibold, 600 14px/20px sans-serif)",
});

export interface SecurityCheckupProps {
    /** Null while the first read is in flight. */
    checkup: Checkup | null;
    /** Opens the section (and step) that fixes a protection. */
    onFix(intent: PanelIntent): void;
}

/**
 * "3 of 4 protections on": one line per protection with its state and the one action that fixes it.
 * Each line's state is in words too (On / Off), not only in the coloured mark.
 */
export function SecurityCheckup({ checkup, onFix }: SecurityCheckupProps): React.JSX.Element | null {
    const t = useT();
    if (checkup && checkup.total === 0) return null;
    return (
        <section aria-labelledby="eas-checkup-title" style={{ ...common.stack, gap: "var(--cpd-space-2x, 8px)" }}>
            <Heading as="h2" size="sm" weight="semibold" id="eas-checkup-title">
                {t("checkup.title")}
            </Heading>
            {checkup === null ? (
                <Text role="status">{t("checkup.loading")}</Text>
            ) : (
                <>
                    <Text role="status" weight="semibold">
                        {t("checkup.summary", { on: checkup.on, total: checkup.total })}
                    </Text>
                    <ul style={common.list} aria-label={t("checkup.title")}>
                        {checkup.protections.map((p) => {
                            const on = p.state === "on";
                            const state =
                                p.state === "on"
                                    ? t("checkup.state_on")
                                    : p.state === "off"
                                      ? t("checkup.state_off")
                                      : t("checkup.state_unknown");
                            return (
                                <li key={p.id} style={{ ...common.listItem, paddingBlock: "var(--cpd-space-2x, 8px)" }}>
                                    <span
                                        style={{
                                            display: "flex",
                                            alignItems: "center",
                                            gap: "var(--cpd-space-2x, 8px)",
                                        }}
                                    >
                                        <span aria-hidden="true" style={mark(on)}>
                                            {on ? "✓" : "!"}
                                        </span>
                                        <Text as="span">
                                            <span style={common.visuallyHidden}>{`${state}: `}</span>
                                            {lineText(t, p)}
                                        </Text>
                                    </span>
                                    {!on && p.fix ? (
                                        <Button kind="secondary" type="button" onClick={() => onFix(p.fix!)}>
                                            {fixText(t, p)}
                                        </Button>
                                    ) : null}
                                </li>
                            );
                        })}
                    </ul>
                </>
            )}
        </section>
    );
}
