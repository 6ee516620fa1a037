/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { Alert, Badge, Button, Heading, Text } from "@vector-im/compound-web";

import type { AdminAccount, AdminEmail } from "./types";
import { formatDay } from "../common/dates";
import * as styles from "../common/styles";
import { useT } from "../i18n";

export interface AccountCardProps {
    account: AdminAccount;
    /** Remove / Add are offered only while no other step is open. */
    canChange: boolean;
    onRemove(address: string): void;
    onAdd(): void;
}

function Dates({ email }: { email: AdminEmail }): React.JSX.Element {
    const t = useT();
    const parts: string[] = [];
    if (email.addedAt !== null) parts.push(t("admin.added_on", { date: formatDay(email.addedAt) }));
    parts.push(
        email.validatedAt !== null
            ? t("admin.validated_on", { date: formatDay(email.validatedAt) })
            : t("admin.not_validated"),
    );
    return (
        <Text size="sm" style={styles.secondaryText}>
            {parts.join(" · ")}
        </Text>
    );
}

/** The account that was looked up: who it is, and its email addresses with their dates. */
export function AccountCard({ account, canChange, onRemove, onAdd }: AccountCardProps): React.JSX.Element {
    const t = useT();
    const headingId = "eas-admin-account-heading";
    return (
        <section aria-labelledby={headingId} style={styles.stack}>
            <div>
                <Heading as="h3" size="sm" weight="semibold" id={headingId} style={{ overflowWrap: "anywhere" }}>
                    {account.userId} {account.admin ? <Badge kind="grey">{t("admin.account_is_admin")}</Badge> : null}
                </Heading>
                <Text size="sm" style={styles.secondaryText}>
                    {account.displayname ?? t("admin.account_no_display_name")}
                </Text>
            </div>
            {account.deactivated ? <Alert type="info" title={t("admin.account_deactivated")} /> : null}
            {account.emails.length === 0 ? (
                <Text style={{ margin: 0 }}>{t("admin.no_emails")}</Text>
            ) : (
                <ul aria-label={t("admin.emails_label", { user: account.userId })} style={styles.list}>
                    {account.emails.map((email) => (
                        <li key={email.address} style={styles.listItem}>
                            <div>
                                <Text weight="semibold" style={{ margin: 0, overflowWrap: "anywhere" }}>
                                    {email.address}
                                </Text>
                                <Dates email={email} />
                            </div>
                            {canChange ? (
                                <Button
                                    type="button"
                                    kind="secondary"
                                    destructive
                                    aria-label={t("admin.remove_label", {
                                        address: email.address,
                                        user: account.userId,
                                    })}
                                    onClick={() => onRemove(email.address)}
                                >
                                    {t("admin.remove")}
                                </Button>
                            ) : null}
                        </li>
                    ))}
                </ul>
            )}
            {canChange && !account.deactivated ? (
                <div style={styles.buttonRow}>
                    <Button kind="secondary" type="button" onClick={onAdd}>
                        {t("admin.add_button")}
                    </Button>
                </div>
            ) : null}
        </section>
    );
}
