/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { type CSSProperties } from "react";

import type { Translate } from "../../i18n";
import type { NudgeSnapshot } from "./types";
import type { ViewModelLike } from "../viewModel";
import { useT } from "../i18n";
import { useViewModel } from "../useViewModel";

/** What the nudge view needs: the real NudgeViewModel, or a stub in tests. */
export type NudgeViewViewModel = ViewModelLike<NudgeSnapshot> & {
    act(): void;
    later(): Promise<void>;
    dismissForever(): Promise<void>;
    acceptRequest(): Promise<void>;
    declineRequest(): Promise<void>;
};

// Plain React and --cpd-* tokens: this view is in the entry chunk, which must not pull in compound-web.
const card: CSSProperties = {
    position: "absolute",
    right: "var(--cpd-space-4x, 16px)",
    bottom: "var(--cpd-space-4x, 16px)",
    width: "min(360px, calc(100vw - 32px))",
    boxSizing: "border-box",
    padding: "var(--cpd-space-4x, 16px)",
    display: "flex",
    flexDirection: "column",
    gap: "var(--cpd-space-2x, 8px)",
    background: "var(--cpd-color-bg-canvas-default, #fff)",
    color: "var(--cpd-color-text-primary, #1b1d22)",
    border: "1px solid var(--cpd-color-border-interactive-secondary, #cdd3da)",
    borderRadius: "var(--cpd-space-3x, 12px)",
    boxShadow: "0 4px 24px rgba(0, 0, 0, 0.16)",
    pointerEvents: "auto",
};
const title: CSSProperties = { margin: 0, font: "var(--cpd-font-body-md-semibold, 600 16px/22px sans-serif)" };
const body: CSSProperties = {
    margin: 0,
    font: "var(--cpd-font-body-sm-regular, 400 14px/20px sans-serif)",
    color: "var(--cpd-color-text-secondary, #656d77)",
};
const row: CSSProperties = { display: "flex", flexWrap: "wrap", gap: "var(--cpd-space-2x, 8px)" };
const buttonBase: CSSProperties = {
    padding: "var(--cpd-space-1x, 4px) var(--cpd-space-4x, 16px)",
    borderRadius: "var(--cpd-radius-pill-effect, 9999px)",
    font: "var(--cpd-font-body-sm-semibold, 600 14px/20px sans-serif)",
    cursor: "pointer",
};
const primary: CSSProperties = {
    ...buttonBase,
    border: "1px solid transparent",
    background: "var(--cpd-color-bg-action-primary-rest, #1b1d22)",
    color: "var(--cpd-color-text-on-solid-primary, #fff)",
};
const secondary: CSSProperties = {
    ...buttonBase,
    border: "1px solid var(--cpd-color-border-interactive-secondary, #cdd3da)",
    background: "transparent",
    color: "var(--cpd-color-text-primary, #1b1d22)",
};
const errorText: CSSProperties = { ...body, color: "var(--cpd-color-text-critical-primary, #d51928)" };

function failureText(t: Translate, kind: NonNullable<NudgeSnapshot["error"]>, code?: string | null): string {
    if (kind === "bug") return t("common.error_bug", { code: code ?? "?" });
    if (kind === "unreachable") return t("common.error_unreachable");
    if (kind === "timeout") return t("common.error_timeout");
    if (kind === "rate_limited") return t("common.error_rate_limited", { seconds: 30 });
    return t("common.error_unknown", { detail: kind });
}

function texts(
    t: Translate,
    nudge: NonNullable<NudgeSnapshot["nudge"]>,
): { title: string; body: string; action: string } {
    switch (nudge.kind) {
        case "verify_this_session":
            return {
                title: t("nudges.verify_this_session_title"),
                body: t("nudges.verify_this_session_body"),
                action: t("nudges.verify_this_session_action"),
            };
        case "set_up_recovery":
            return {
                title: t("nudges.set_up_recovery_title"),
                body: t("nudges.set_up_recovery_body"),
                action: t("nudges.set_up_recovery_action"),
            };
        case "backup_out_of_sync":
            return {
                title: t("nudges.backup_out_of_sync_title"),
                body: t("nudges.backup_out_of_sync_body"),
                action: t("nudges.backup_out_of_sync_action"),
            };
        case "unverified_sessions": {
            const devices = nudge.devices ?? [];
            const names = devices
                .map((d) => (d.name && d.name.trim() ? d.name : t("nudges.unnamed_session", { id: d.deviceId })))
                .join(", ");
            return {
                // One session or several: the language's plural rules pick the form (i18n/index.ts).
                title: t("nudges.unverified_sessions_title", { count: devices.length, names }),
                body: t("nudges.unverified_sessions_body", { count: devices.length }),
                action: t("nudges.unverified_sessions_action"),
            };
        }
        case "add_email":
            return {
                title: t("nudges.add_email_title"),
                body: t("nudges.add_email_body"),
                action: t("nudges.add_email_action"),
            };
        case "check_recovery_key":
            return {
                title: t("nudges.check_recovery_key_title"),
                body: t("nudges.check_recovery_key_body"),
                action: t("nudges.check_recovery_key_action"),
            };
    }
}

/**
 * The one reminder (or an incoming verification request) in a corner card. Never modal: the app
 * stays usable, nothing takes focus, and screen readers hear it once as a polite status.
 */
export function NudgeView({ vm }: { vm: NudgeViewViewModel }): React.JSX.Element | null {
    const t = useT();
    const snapshot = useViewModel(vm);
    if (snapshot.state === "hidden") return null;

    let content: { title: string; body: string; buttons: React.ReactNode };
    if (snapshot.state === "request") {
        const name =
            snapshot.requestDeviceName ??
            (snapshot.requestDeviceId
                ? t("nudges.unnamed_session", { id: snapshot.requestDeviceId })
                : t("nudges.request_unknown_session"));
        content = {
            title: t("nudges.request_title", { name }),
            body: t("nudges.request_body"),
            buttons: (
                <>
                    <button
                        type="button"
                        style={primary}
                        disabled={snapshot.busy}
                        onClick={() => void vm.acceptRequest()}
                    >
                        {t("nudges.request_accept")}
                    </button>
                    <button
                        type="button"
                        style={secondary}
                        disabled={snapshot.busy}
                        onClick={() => void vm.declineRequest()}
                    >
                        {t("nudges.request_decline")}
                    </button>
                </>
            ),
        };
    } else {
        const nudge = snapshot.nudge!;
        const text = texts(t, nudge);
        content = {
            title: text.title,
            body: text.body,
            buttons: (
                <>
                    <button type="button" style={primary} onClick={() => vm.act()}>
                        {text.action}
                    </button>
                    <button type="button" style={secondary} disabled={snapshot.busy} onClick={() => void vm.later()}>
                        {t("nudges.later")}
                    </button>
                    {nudge.canDismissForever && (
                        <button
                            type="button"
                            style={secondary}
                            disabled={snapshot.busy}
                            onClick={() => void vm.dismissForever()}
                        >
                            {t("nudges.dismiss_forever")}
                        </button>
                    )}
                </>
            ),
        };
    }

    return (
        <section style={card} aria-label={t("nudges.region_label")}>
            <div role="status">
                <p style={title}>{content.title}</p>
                <p style={body}>{content.body}</p>
            </div>
            {snapshot.error && (
                <p role="alert" style={errorText}>
                    {t("nudges.error_save", { reason: failureText(t, snapshot.error, snapshot.errorCode) })}
                </p>
            )}
            <div style={row}>{content.buttons}</div>
        </section>
    );
}
