/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Side effect: the Admin section's English strings come with it (see adminStrings.ts).
import "../../i18n/adminStrings";
import React, { useEffect, useMemo } from "react";
import { Alert, Button, Link, Text } from "@vector-im/compound-web";

import type { PostureActions, PostureSnapshot, Protection, ReportLabels } from "./postureTypes";
import type { ViewModelLike } from "../viewModel";
import type { Translate, TranslationKey } from "../../i18n";
import { BusyStatus } from "../email/BusyStatus";
import * as styles from "../common/styles";
import { useT } from "../i18n";
import { useViewModel } from "../useViewModel";
import { adminProblemText } from "./adminText";

export type PostureViewViewModel = ViewModelLike<PostureSnapshot> & PostureActions;

/** Each protection's name, in display order (the rows of the table). */
const PROTECTION_KEYS: Record<Protection, TranslationKey> = {
    email: "admin.posture_email",
    cross_signing: "admin.posture_cross_signing",
    recovery: "admin.posture_recovery",
    all_devices_verified: "admin.posture_all_devices_verified",
    no_stale_devices: "admin.posture_no_stale_devices",
};

const cell: React.CSSProperties = {
    textAlign: "left",
    padding: "var(--cpd-space-1x, 4px) var(--cpd-space-2x, 8px)",
    borderBottom: "1px solid var(--cpd-color-border-interactive-secondary, #cdd3da)",
};
const number: React.CSSProperties = { ...cell, textAlign: "right", fontVariantNumeric: "tabular-nums" };

/** The HTML report's words, in the admin's language (the page itself is built by the view-model). */
function reportLabels(t: Translate): ReportLabels {
    return {
        lang: t("admin.report_lang"),
        title: (server) => t("admin.report_title", { server }),
        generated: (date, count, days) => t("admin.report_generated", { date, count, days }),
        complete: t("admin.report_complete"),
        incomplete: (count) => t("admin.report_incomplete", { count }),
        protectionsHeading: t("admin.report_protections"),
        protectionsChart: t("admin.report_protections_chart"),
        protection: {
            email: t(PROTECTION_KEYS.email),
            cross_signing: t(PROTECTION_KEYS.cross_signing),
            recovery: t(PROTECTION_KEYS.recovery),
            all_devices_verified: t(PROTECTION_KEYS.all_devices_verified),
            no_stale_devices: t(PROTECTION_KEYS.no_stale_devices),
        },
        accountsColumn: t("admin.posture_col_accounts"),
        shareColumn: t("admin.posture_col_share"),
        previousColumn: t("admin.report_before"),
        changeColumn: t("admin.report_change"),
        previousLegend: (date) => t("admin.report_previous_legend", { date }),
        devicesHeading: t("admin.report_devices"),
        devicesTotal: t("admin.report_devices_total"),
        devicesUnverified: t("admin.report_devices_unverified"),
        devicesStale: t("admin.report_devices_stale"),
        countColumn: t("admin.report_devices"),
        failuresHeading: t("admin.report_failures"),
        failuresAggregate: (count, reason) => t("admin.report_failures_aggregate", { count, reason }),
        accountsHeading: t("admin.report_accounts"),
        aggregateOnly: t("admin.report_aggregate_only"),
        column: {
            user_id: t("admin.report_col_account"),
            has_email: t("admin.report_col_email"),
            has_cross_signing: t("admin.report_col_cross_signing"),
            has_recovery: t("admin.report_col_recovery"),
            devices: t("admin.report_devices"),
            unverified_devices: t("admin.report_col_unverified"),
            stale_devices: t("admin.report_col_stale"),
        },
        yes: t("admin.report_yes"),
        no: t("admin.report_no"),
        sortHint: t("admin.report_sort_hint"),
    };
}

/** A link to the HTML report, made in the browser from the finished run (no request). */
function DownloadLink({ html }: { html: string | null }): React.JSX.Element | null {
    const t = useT();
    const url = useMemo(
        () =>
            html !== null && typeof URL.createObjectURL === "function"
                ? URL.createObjectURL(new Blob([html], { type: "text/html" }))
                : null,
        [html],
    );
    useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
    if (!url) return null;
    return (
        <Link href={url} download="account-security-report.html">
            {t("admin.posture_download")}
        </Link>
    );
}

/**
 * The server's security posture (the CLI report's summary): how many accounts have each protection,
 * their devices, and which accounts could not be assessed. Starts only when the admin asks.
 */
export function PostureView({ vm }: { vm: PostureViewViewModel }): React.JSX.Element {
    const t = useT();
    const { step } = useViewModel(vm);
    const html = useMemo(() => (step.kind === "done" ? vm.htmlReport(reportLabels(t)) : null), [step, vm, t]);

    let body: React.ReactNode;
    switch (step.kind) {
        case "idle":
            body = (
                <div style={styles.buttonRow}>
                    <Button kind="secondary" type="button" onClick={() => void vm.start()}>
                        {t("admin.posture_start")}
                    </Button>
                </div>
            );
            break;
        case "running":
            body = (
                <>
                    <BusyStatus
                        label={
                            step.total === null
                                ? t("admin.posture_listing")
                                : t("admin.posture_running", { done: step.done, total: step.total })
                        }
                    />
                    <div style={styles.buttonRow}>
                        <Button kind="tertiary" type="button" onClick={() => vm.stop()}>
                            {t("admin.posture_stop")}
                        </Button>
                    </div>
                </>
            );
            break;
        case "error":
            body = (
                <Alert type="critical" title={t("admin.posture_error")}>
                    {adminProblemText(t, step.problem)}
                </Alert>
            );
            break;
        case "done": {
            const { summary } = step;
            const d = summary.devices;
            body = (
                <>
                    <table style={{ borderCollapse: "collapse", width: "100%" }}>
                        <caption style={{ ...styles.secondaryText, textAlign: "left", paddingBottom: 4 }}>
                            {t("admin.posture_caption", { count: summary.assessed })}
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col" style={cell}>
                                    {t("admin.posture_col_protection")}
                                </th>
                                <th scope="col" style={number}>
                                    {t("admin.posture_col_accounts")}
                                </th>
                                <th scope="col" style={number}>
                                    {t("admin.posture_col_share")}
                                </th>
                            </tr>
                        </thead>
                        <tbody>
                            {(Object.keys(PROTECTION_KEYS) as Protection[]).map((p) => (
                                <tr key={p}>
                                    <th scope="row" style={{ ...cell, fontWeight: "normal" }}>
                                        {t(PROTECTION_KEYS[p])}
                                    </th>
                                    <td style={number}>
                                        {t("admin.posture_of", { count: summary.counts[p], total: summary.assessed })}
                                    </td>
                                    <td
                                        style={number}
                                    >{`${summary.assessed > 0 ? Math.round((summary.counts[p] / summary.assessed) * 100) : 0} %`}</td>
                                </tr>
                            ))}
                        </tbody>
                    </table>
                    <Text style={{ margin: 0 }}>
                        {t("admin.posture_devices", {
                            total: d.total,
                            unverified: d.unverified,
                            stale: d.stale,
                            days: summary.staleDays,
                        })}
                    </Text>
                    {!summary.complete ? (
                        <Alert
                            type="info"
                            title={
                                step.stopped
                                    ? t("admin.posture_stopped")
                                    : t("admin.posture_incomplete", { count: summary.failed })
                            }
                        >
                            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                                {summary.failures.slice(0, 10).map((f) => (
                                    <li key={f.user_id}>{`${f.user_id}: ${f.reason}`}</li>
                                ))}
                            </ul>
                        </Alert>
                    ) : null}
                    <div style={{ ...styles.buttonRow, alignItems: "center" }}>
                        <DownloadLink html={html} />
                        <Button kind="tertiary" type="button" onClick={() => void vm.start()}>
                            {t("admin.posture_again")}
                        </Button>
                    </div>
                </>
            );
            break;
        }
    }

    return (
        <section aria-labelledby="account-security-posture" style={styles.stack}>
            <Text as="h3" size="md" weight="semibold" id="account-security-posture" style={{ margin: 0 }}>
                {t("admin.posture_heading")}
            </Text>
            <Text style={{ margin: 0 }}>{t("admin.posture_intro")}</Text>
            {body}
        </section>
    );
}
