/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { Alert, Button, InlineSpinner } from "@vector-im/compound-web";

import type { SessionsActions, SessionsSnapshot } from "./types";
import type { ViewModelLike } from "../viewModel";
import { useT } from "../i18n";
import { useViewModel } from "../useViewModel";
import { OtherSessionsList } from "./OtherSessionsList";
import * as styles from "./styles";
import { failureText } from "./texts";
import { ThisSessionCard } from "./ThisSessionCard";
import { VerificationView } from "./VerificationView";

/** What the section renders from: the real SessionsViewModel, or a stub in tests. */
export type SessionsSectionViewModel = ViewModelLike<SessionsSnapshot> & SessionsActions;

/** The Sessions section: this session, the other sessions, and verification when one is running. */
export function SessionsSection({ vm }: { vm: SessionsSectionViewModel }): React.JSX.Element {
    const t = useT();
    const snapshot = useViewModel(vm);

    if (snapshot.verification) {
        const target = snapshot.verification.getSnapshot().target;
        return (
            <VerificationView
                vm={snapshot.verification}
                onClose={() => vm.closeVerification()}
                onRetry={target === "incoming" ? undefined : () => void vm.retryVerification()}
                onUseRecoveryKey={target === "this" ? () => vm.useRecoveryKey() : undefined}
            />
        );
    }

    if (snapshot.state === "loading") {
        return (
            <p role="status" style={styles.status}>
                <InlineSpinner /> {t("sessions.loading")}
            </p>
        );
    }

    if (snapshot.state === "error" || !snapshot.thisSession) {
        return (
            <div style={styles.stack}>
                <div role="alert">
                    <Alert type="critical" title={failureText(t, snapshot.error ?? "server", snapshot.errorCode)} />
                </div>
                <div style={styles.buttonRow}>
                    <Button kind="secondary" type="button" onClick={() => vm.retry()}>
                        {t("common.retry")}
                    </Button>
                </div>
            </div>
        );
    }

    const incoming = snapshot.incoming;
    return (
        <div style={styles.stack}>
            {incoming && (
                <div role="alert" style={styles.stack}>
                    <Alert
                        type="info"
                        title={t("sessions.incoming_title", {
                            name: incoming.name ?? t("sessions.an_other_session"),
                        })}
                    >
                        {t("sessions.incoming_body")}
                    </Alert>
                    <div style={styles.buttonRow}>
                        <Button kind="primary" type="button" onClick={() => void vm.acceptIncoming()}>
                            {t("sessions.incoming_accept")}
                        </Button>
                        <Button kind="secondary" type="button" onClick={() => void vm.declineIncoming()}>
                            {t("sessions.incoming_decline")}
                        </Button>
                    </div>
                </div>
            )}
            {snapshot.startError && (
                <div role="alert">
                    <Alert
                        type="critical"
                        title={t("sessions.error_start", {
                            reason: failureText(t, snapshot.startError, snapshot.startErrorCode),
                        })}
                    />
                </div>
            )}
            <ThisSessionCard
                session={snapshot.thisSession}
                hasOtherSession={snapshot.otherSessions.some((session) => session.trust !== "no_encryption")}
                busy={snapshot.busy}
                onVerifyWithDevice={() => void vm.verifyThisSession()}
                onUseRecoveryKey={() => vm.useRecoveryKey()}
                onReset={() => vm.reset()}
                onSetUpRecovery={() => vm.setUpRecovery()}
            />
            <OtherSessionsList
                sessions={snapshot.otherSessions}
                busy={snapshot.busy}
                onVerify={(deviceId) => void vm.verifyOtherSession(deviceId)}
            />
        </div>
    );
}
