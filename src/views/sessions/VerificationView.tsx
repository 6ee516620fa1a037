/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { Alert, Button, InlineSpinner, Text } from "@vector-im/compound-web";

import type { Translate } from "../../i18n";
import type { VerificationActions, VerificationSnapshot } from "./types";
import type { ViewModelLike } from "../viewModel";
import { useT } from "../i18n";
import { useViewModel } from "../useViewModel";
import { EmojiCompare } from "./EmojiCompare";
import * as styles from "./styles";

export type VerificationViewViewModel = ViewModelLike<VerificationSnapshot> & VerificationActions;

interface Props {
    vm: VerificationViewViewModel;
    /** Leaves the verification screen (the section then shows the sessions again). */
    onClose(): void;
    /** Starts the same verification again after it ended without success. */
    onRetry?(): void;
    /** "Use recovery key instead", offered while waiting for another session. */
    onUseRecoveryKey?(): void;
}

function cancelledText(t: Translate, snapshot: VerificationSnapshot): string {
    const byMe = snapshot.cancelledByMe;
    switch (snapshot.cancelReason) {
        case "mismatch":
            return byMe ? t("sessions.cancel_mismatch_me") : t("sessions.cancel_mismatch_other");
        case "cancelled":
            return byMe ? t("sessions.cancel_cancelled_me") : t("sessions.cancel_cancelled_other");
        case "timeout":
            return t("sessions.cancel_timeout");
        case "accepted_elsewhere":
            return t("sessions.cancel_accepted_elsewhere");
        default:
            return t("sessions.cancel_failed");
    }
}

function Busy({ label }: { label: string }): React.JSX.Element {
    return (
        <p role="status" style={styles.status}>
            <InlineSpinner /> {label}
        </p>
    );
}

/** One verification, step by step (the states of VerificationSnapshot.step). */
export function VerificationView({ vm, onClose, onRetry, onUseRecoveryKey }: Props): React.JSX.Element {
    const t = useT();
    const snapshot = useViewModel(vm);
    const otherName = snapshot.otherName ?? t("sessions.your_other_session");
    const heading =
        snapshot.target === "this"
            ? t("sessions.verify_heading_this")
            : t("sessions.verify_heading_other", { name: otherName });

    const cancelButton = (
        <Button kind="secondary" type="button" disabled={snapshot.busy} onClick={() => void vm.cancel()}>
            {t("common.cancel")}
        </Button>
    );

    let body: React.ReactNode;
    switch (snapshot.step) {
        case "requesting":
            body = <Busy label={t("sessions.verify_requesting")} />;
            break;
        case "waiting":
            body = (
                <>
                    <Busy
                        label={
                            snapshot.otherName
                                ? t("sessions.verify_waiting_named", { name: otherName })
                                : t("sessions.verify_waiting_any")
                        }
                    />
                    {snapshot.silent && (
                        <Alert
                            type="info"
                            title={
                                snapshot.otherName
                                    ? t("sessions.verify_silent_named", { name: otherName })
                                    : t("sessions.verify_silent_any")
                            }
                        />
                    )}
                    <div style={styles.buttonRow}>
                        {cancelButton}
                        {onUseRecoveryKey && (
                            <Button kind="tertiary" type="button" onClick={onUseRecoveryKey}>
                                {t("sessions.use_recovery_key")}
                            </Button>
                        )}
                    </div>
                </>
            );
            break;
        case "incoming":
            body = (
                <>
                    <Text>{t("sessions.incoming_body")}</Text>
                    <div style={styles.buttonRow}>
                        <Button kind="primary" type="button" disabled={snapshot.busy} onClick={() => void vm.accept()}>
                            {t("sessions.incoming_accept")}
                        </Button>
                        <Button
                            kind="secondary"
                            type="button"
                            disabled={snapshot.busy}
                            onClick={() => void vm.cancel()}
                        >
                            {t("sessions.incoming_decline")}
                        </Button>
                    </div>
                </>
            );
            break;
        case "starting":
            body = (
                <>
                    <Busy label={t("sessions.verify_starting")} />
                    <div style={styles.buttonRow}>{cancelButton}</div>
                </>
            );
            break;
        case "compare":
        case "confirming":
            body = (
                <>
                    <EmojiCompare
                        emoji={snapshot.emoji}
                        otherName={otherName}
                        confirming={snapshot.step === "confirming"}
                        busy={snapshot.busy}
                        onMatch={() => void vm.confirm()}
                        onMismatch={() => vm.mismatch()}
                    />
                    {snapshot.step === "confirming" && <div style={styles.buttonRow}>{cancelButton}</div>}
                </>
            );
            break;
        case "done":
            body = (
                <>
                    <div role="status">
                        <Alert type="success" title={t("sessions.done_title")}>
                            {t("sessions.done_body", { name: otherName })}
                        </Alert>
                    </div>
                    <div style={styles.buttonRow}>
                        <Button kind="primary" type="button" onClick={onClose}>
                            {t("common.close")}
                        </Button>
                    </div>
                </>
            );
            break;
        case "cancelled":
            body = (
                <>
                    <div role="alert">
                        <Alert
                            type={snapshot.cancelReason === "mismatch" ? "critical" : "info"}
                            title={cancelledText(t, snapshot)}
                        />
                    </div>
                    <div style={styles.buttonRow}>
                        {onRetry && (
                            <Button kind="primary" type="button" onClick={onRetry}>
                                {t("sessions.try_again")}
                            </Button>
                        )}
                        <Button kind="secondary" type="button" onClick={onClose}>
                            {t("common.close")}
                        </Button>
                    </div>
                </>
            );
            break;
    }

    return (
        <section style={styles.stack} aria-label={heading}>
            {snapshot.step !== "compare" && snapshot.step !== "confirming" && <h3 style={styles.heading}>{heading}</h3>}
            {body}
        </section>
    );
}
