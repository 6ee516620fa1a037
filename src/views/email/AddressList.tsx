/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { Button, Heading, Text } from "@vector-im/compound-web";

import type { ThreePidEntry } from "./types";
import { useT } from "../i18n";
import { formatDay } from "../common/dates";
import * as styles from "./styles";

export interface AddressListProps {
    emails: ThreePidEntry[];
    phones: ThreePidEntry[];
    /** Called with the address when its Remove button is used; null hides Remove (read-only, or another step is open). */
    onRemove: ((address: string) => void) | null;
}

function Dates({ entry }: { entry: ThreePidEntry }): React.JSX.Element | null {
    const t = useT();
    const parts: string[] = [];
    if (entry.addedAt !== null) parts.push(t("email.added_on", { date: formatDay(entry.addedAt) }));
    // Usually the same day as "added"; only worth a second mention when it differs.
    if (entry.validatedAt !== null) {
        const verified = formatDay(entry.validatedAt);
        if (entry.addedAt === null || verified !== formatDay(entry.addedAt)) {
            parts.push(t("email.verified_on", { date: verified }));
        }
    }
    if (parts.length === 0) return null;
    return (
        <Text size="sm" style={styles.secondaryText}>
            {parts.join(" · ")}
        </Text>
    );
}

/** The account's email addresses (with Remove) and phone numbers (read-only). */
export function AddressList({ emails, phones, onRemove }: AddressListProps): React.JSX.Element {
    const t = useT();
    return (
        <>
            {emails.length === 0 ? (
                <Text>{t("email.none")}</Text>
            ) : (
                <ul aria-label={t("email.list_label")} style={styles.list}>
                    {emails.map((entry) => (
                        <li key={entry.address} style={styles.listItem}>
                            <div>
                                <Text weight="semibold" style={{ margin: 0, overflowWrap: "anywhere" }}>
                                    {entry.address}
                                </Text>
                                <Dates entry={entry} />
                            </div>
                            {onRemove ? (
                                <Button
                                    type="button"
                                    kind="secondary"
                                    destructive
                                    aria-label={t("email.remove_label", { address: entry.address })}
                                    onClick={() => onRemove(entry.address)}
                                >
                                    {t("email.remove")}
                                </Button>
                            ) : null}
                        </li>
                    ))}
                </ul>
            )}
            {phones.length > 0 ? (
                <section aria-labelledby="eas-email-phones">
                    <Heading as="h3" size="sm" weight="semibold" id="eas-email-phones">
                        {t("email.phones_heading")}
                    </Heading>
                    <ul aria-label={t("email.phones_label")} style={styles.list}>
                        {phones.map((entry) => (
                            <li key={entry.address} style={styles.listItem}>
                                <div>
                                    <Text weight="semibold" style={{ margin: 0 }}>
                                        {entry.address}
                                    </Text>
                                    <Dates entry={entry} />
                                </div>
                            </li>
                        ))}
                    </ul>
                    <Text size="sm" style={styles.secondaryText}>
                        {t("email.phones_read_only")}
                    </Text>
                </section>
            ) : null}
        </>
    );
}
