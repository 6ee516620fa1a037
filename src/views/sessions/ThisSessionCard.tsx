/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { Badge, Button, Text } from "@vector-im/compound-web";

import type { ThisSession } from "./types";
import { useT } from "../i18n";
import * as styles from "./styles";

interface Props {
    session: ThisSession;
    /** Whether the account has another session with encryption that could answer a request. */
    hasOtherSession: boolean;
    busy: boolean;
    onVerifyWithDevice(): void;
    onUseRecoveryKey(): void;
    onReset(): void;
    onSetUpRecovery(): void;
}

/** This session: name, ID, whether it is verified and why, and what the user can do about it. */
export function ThisSessionCard({
    session,
    hasOtherSession,
    busy,
    onVerifyWithDevice,
    onUseRecoveryKey,
    onReset,
    onSetUpRecovery,
}: Props): React.JSX.Element {
    const t = useT();
    const verified = session.trust === "verified";
    const badge = verified
        ? t("sessions.trust_verified")
        : session.trust === "no_identity"
          ? t("sessions.trust_no_identity")
          : session.trust === "no_encryption"
            ? t("sessions.trust_no_encryption")
            : t("sessions.trust_unverified");
    const why = {
        verified: t("sessions.why_verified"),
        unverified: t("sessions.why_unverified"),
        no_identity: t("sessions.why_no_identity"),
        no_encryption: t("sessions.why_no_encryption"),
    }[session.trust];

    return (
        <section style={styles.stack} aria-labelledby="eas-this-session">
            <h3 id="eas-this-session" style={styles.heading}>
                {t("sessions.this_session_heading")}
            </h3>
            <div>
                <Text weight="semibold">{session.name ?? t("sessions.unnamed")}</Text>
                <Text size="sm" style={styles.secondaryText}>
                    {t("sessions.session_id", { id: session.deviceId })}
                </Text>
            </div>
            <div>
                <Badge kind={verified ? "green" : "red"}>{badge}</Badge>
            </div>
            <Text>{why}</Text>
            {session.trust === "unverified" && (
                <>
                    {!hasOtherSession && <Text>{t("sessions.no_other_session_to_verify")}</Text>}
                    <div style={styles.buttonRow}>
                        {/* A request nobody can answer would only wait: without another session, the key is the way. */}
                        {hasOtherSession && (
                            <Button kind="primary" type="button" disabled={busy} onClick={onVerifyWithDevice}>
                                {t("sessions.verify_with_device")}
                            </Button>
                        )}
                        <Button
                            kind={hasOtherSession ? "secondary" : "primary"}
                            type="button"
                            onClick={onUseRecoveryKey}
                        >
                            {hasOtherSession ? t("sessions.use_recovery_key") : t("sessions.use_recovery_key_only")}
                        </Button>
                    </div>
                    <Text size="sm" style={styles.secondaryText}>
                        {t("sessions.cant_verify_explained")}
                    </Text>
                    <div style={styles.buttonRow}>
                        <Button kind="tertiary" destructive type="button" onClick={onReset}>
                            {t("sessions.cant_verify")}
                        </Button>
                    </div>
                </>
            )}
            {session.trust === "no_identity" && (
                <div style={styles.buttonRow}>
                    <Button kind="primary" type="button" onClick={onSetUpRecovery}>
                        {t("sessions.set_up_recovery")}
                    </Button>
                </div>
            )}
        </section>
    );
}
