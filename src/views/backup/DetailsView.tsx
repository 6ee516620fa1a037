/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { Text } from "@vector-im/compound-web";

import type { TranslationKey } from "../../i18n";
import type { RecoveryFacts } from "./types";
import { useT } from "../i18n";
import * as styles from "./styles";

const KEY_ROWS: Array<{ name: "master" | "self_signing" | "user_signing"; label: TranslationKey }> = [
    { name: "master", label: "backup.details_key_master" },
    { name: "self_signing", label: "backup.details_key_self_signing" },
    { name: "user_signing", label: "backup.details_key_user_signing" },
];

/** What a curious user, or an admin helping them, needs to see behind the headline. */
export function DetailsView({ facts, onOpen }: { facts: RecoveryFacts; onOpen(): void }): React.JSX.Element {
    const t = useT();
    const yesNo = (value: boolean): string => (value ? t("backup.yes") : t("backup.no"));
    const backup = facts.backup;
    const method = facts.recovery
        ? t(facts.recovery.method === "passphrase" ? "backup.details_method_passphrase" : "backup.details_method_key")
        : t("backup.details_method_none");
    const rows: Array<[string, string]> = [
        [t("backup.details_backup_version"), backup ? backup.version : t("backup.details_backup_none")],
        ...(backup
            ? ([
                  [t("backup.details_algorithm"), backup.algorithm],
                  // The crypto stack's copy of the count is stale: the server's comes when the details open.
                  [t("backup.details_count"), backup.countIsFresh ? String(backup.count) : t("backup.details_unknown")],
                  [t("backup.details_uploading_here"), yesNo(facts.activeBackupVersion === backup.version)],
              ] as Array<[string, string]>)
            : []),
        [
            t("backup.details_waiting"),
            facts.keysWaitingToUpload === null ? t("backup.details_unknown") : String(facts.keysWaitingToUpload),
        ],
        [t("backup.details_method"), method],
        [t("backup.details_device_verified"), yesNo(facts.thisDeviceVerified)],
    ];
    return (
        <details onToggle={(event) => (event.currentTarget.open ? onOpen() : undefined)}>
            <summary>
                <Text as="span" weight="semibold">
                    {t("backup.details_summary")}
                </Text>
            </summary>
            <dl style={{ display: "grid", gridTemplateColumns: "auto 1fr", gap: "4px 16px" }}>
                {rows.map(([label, value]) => (
                    <React.Fragment key={label}>
                        <dt>{label}</dt>
                        <dd style={{ margin: 0 }}>{value}</dd>
                    </React.Fragment>
                ))}
            </dl>
            <table style={styles.table}>
                <caption style={{ textAlign: "start" }}>{t("backup.details_keys_caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col" style={styles.cell}>
                            {t("backup.details_key_column")}
                        </th>
                        <th scope="col" style={styles.cell}>
                            {t("backup.details_published")}
                        </th>
                        <th scope="col" style={styles.cell}>
                            {t("backup.details_in_storage")}
                        </th>
                        <th scope="col" style={styles.cell}>
                            {t("backup.details_cached_here")}
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {KEY_ROWS.map(({ name, label }) => (
                        <tr key={name}>
                            <th scope="row" style={styles.cell}>
                                {t(label)}
                            </th>
                            <td style={styles.cell}>{yesNo(facts.identityPublished)}</td>
                            <td style={styles.cell}>{yesNo(facts.crossSigning[name].inSecretStorage)}</td>
                            <td style={styles.cell}>{yesNo(facts.crossSigning[name].cachedHere)}</td>
                        </tr>
                    ))}
                    <tr>
                        <th scope="row" style={styles.cell}>
                            {t("backup.details_key_backup")}
                        </th>
                        <td style={styles.cell}>{backup ? t("backup.yes") : t("backup.no")}</td>
                        <td style={styles.cell}>{yesNo(facts.backupKey.inSecretStorage)}</td>
                        <td style={styles.cell}>{yesNo(facts.backupKey.cachedHere)}</td>
                    </tr>
                </tbody>
            </table>
        </details>
    );
}
