/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { Badge, Button, Text } from "@vector-im/compound-web";

import type { OtherSession } from "./types";
import { formatDay } from "../common/dates";
import { useT } from "../i18n";
import * as styles from "./styles";

interface Props {
    sessions: OtherSession[];
    busy: boolean;
    onVerify(deviceId: string): void;
}

/** The account's other sessions, most recently active first, each with its trust and a "Verify" where it helps. */
export function OtherSessionsList({ sessions, busy, onVerify }: Props): React.JSX.Element {
    const t = useT();
    const anyUnknown = sessions.some((s) => s.trust === "unknown");
    const anyUnverified = sessions.some((s) => s.trust === "unverified");
    return (
        <section style={styles.stack} aria-labelledby="eas-other-sessions">
            <h3 id="eas-other-sessions" style={styles.heading}>
                {t("sessions.other_sessions_heading")}
            </h3>
            {sessions.length === 0 && <Text>{t("sessions.none_other")}</Text>}
            {anyUnknown && <Text style={styles.secondaryText}>{t("sessions.unknown_explained")}</Text>}
            {anyUnverified && <Text style={styles.secondaryText}>{t("sessions.unverified_explained")}</Text>}
            {sessions.length > 0 && (
                <ul style={styles.list}>
                    {sessions.map((session) => {
                        const name = session.name ?? t("sessions.unnamed");
                        const trust = {
                            verified: t("sessions.trust_verified"),
                            unverified: t("sessions.trust_unverified"),
                            unknown: t("sessions.trust_unknown"),
                            no_encryption: t("sessions.trust_no_encryption"),
                        }[session.trust];
                        return (
                            <li key={session.deviceId} style={styles.sessionRow}>
                                <div>
                                    <Text weight="semibold">{name}</Text>
                                    <Text size="sm" style={styles.secondaryText}>
                                        {t("sessions.session_id", { id: session.deviceId })}
                                        {" · "}
                                        {session.lastSeenTs
                                            ? t("sessions.last_seen", { when: formatDay(session.lastSeenTs) })
                                            : t("sessions.last_seen_unknown")}
                                    </Text>
                                    <Badge
                                        kind={
                                            session.trust === "verified"
                                                ? "green"
                                                : session.trust === "unverified"
                                                  ? "red"
                                                  : "grey"
                                        }
                                    >
                                        {trust}
                                    </Badge>
                                </div>
                                {session.trust === "unverified" && (
                                    <Button
                                        kind="secondary"

                                        type="button"
                                        disabled={busy}
                                        aria-label={t("sessions.verify_other_label", { name })}
                                        onClick={() => onVerify(session.deviceId)}
                                    >
                                        {t("sessions.verify_other")}
                                    </Button>
                                )}
                            </li>
                        );
                    })}
                </ul>
            )}
        </section>
    );
}
