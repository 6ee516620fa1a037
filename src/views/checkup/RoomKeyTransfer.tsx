/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Side effect: this view's English strings come with it (see checkupStrings.ts).
import "../../i18n/checkupStrings";

import React, { useId, useState } from "react";
import { Alert, Button, Heading, Text } from "@vector-im/compound-web";

import type { RoomKeyTransferActions, RoomKeyTransferSnapshot } from "./types";
import * as common from "../common/styles";
import { useT } from "../i18n";
import { downloadText } from "./download";
import { SecretField } from "./fields";

type Props = { snapshot: RoomKeyTransferSnapshot; vm: RoomKeyTransferActions };

function ExportFlow({ snapshot, vm }: Props): React.JSX.Element {
    const t = useT();
    const [passphrase, setPassphrase] = useState("");
    const [again, setAgain] = useState("");
    const submit = (): void => {
        const [p, a] = [passphrase, again];
        setPassphrase("");
        setAgain("");
        void vm.exportKeys(p, a);
    };
    const problem = snapshot.exportProblem;
    const problemText =
        problem === "too_short"
            ? t("checkup.export_too_short", { min: snapshot.minPassphraseLength })
            : problem === "weak"
              ? t("checkup.export_weak")
              : problem === "mismatch"
                ? t("checkup.export_mismatch")
                : problem === "failed"
                  ? t("checkup.export_failed")
                  : null;
    if (snapshot.step === "done" && snapshot.file) {
        const file = snapshot.file;
        return (
            <>
                <div role="status">
                    <Alert type="success" title={t("checkup.export_done", { count: file.count })} />
                </div>
                <div style={common.buttonRow}>
                    <Button kind="primary" type="button" onClick={() => downloadText(file.name, file.text)}>
                        {t("checkup.export_save")}
                    </Button>
                    <Button kind="tertiary" type="button" onClick={vm.close}>
                        {t("common.close")}
                    </Button>
                </div>
            </>
        );
    }
    return (
        <>
            <Text>{t("checkup.export_body")}</Text>
            <SecretField
                label={t("checkup.export_passphrase")}
                value={passphrase}
                onChange={setPassphrase}
                error={problem === "too_short" || problem === "weak" ? problemText : null}
                // eslint-disable-next-line jsx-a11y/no-autofocus -- the step exists to type into this field
                autoFocus
            />
            <SecretField
                label={t("checkup.export_passphrase_again")}
                value={again}
                onChange={setAgain}
                onEnter={submit}
                error={problem === "mismatch" || problem === "failed" ? problemText : null}
            />
            <div style={common.buttonRow}>
                <Button
                    kind="primary"
                    type="button"
                    onClick={submit}
                    disabled={passphrase === "" || snapshot.step === "working"}
                >
                    {t("checkup.export_submit")}
                </Button>
                <Button kind="tertiary" type="button" onClick={vm.close}>
                    {t("common.cancel")}
                </Button>
            </div>
            <div role="status">{snapshot.step === "working" ? <Text>{t("checkup.export_working")}</Text> : null}</div>
        </>
    );
}

function ImportFlow({ snapshot, vm }: Props): React.JSX.Element {
    const t = useT();
    const fileId = useId();
    const [fileText, setFileText] = useState<string | null>(null);
    const [passphrase, setPassphrase] = useState("");
    const submit = (): void => {
        if (fileText === null || passphrase === "") return;
        const p = passphrase;
        setPassphrase("");
        void vm.importKeys(fileText, p);
    };
    if (snapshot.step === "done" && snapshot.result) {
        return (
            <>
                <div role="status">
                    <Alert type="success" title={t("checkup.import_done", snapshot.result)} />
                </div>
                <div style={common.buttonRow}>
                    <Button kind="tertiary" type="button" onClick={vm.close}>
                        {t("common.close")}
                    </Button>
                </div>
            </>
        );
    }
    if (snapshot.step === "working") {
        const progress = snapshot.progress;
        return (
            <div role="status" style={common.stack}>
                <Text>
                    {progress && progress.total > 0
                        ? t("checkup.import_progress", { done: progress.done, total: progress.total })
                        : t("checkup.import_working")}
                </Text>
                {progress && progress.total > 0 ? (
                    <progress
                        max={progress.total}
                        value={progress.done}
                        aria-label={t("checkup.import_working")}
                        style={{ width: "100%" }}
                    />
                ) : null}
            </div>
        );
    }
    const problem = snapshot.importProblem;
    return (
        <>
            <Text>{t("checkup.import_body")}</Text>
            <div style={{ display: "flex", flexDirection: "column", gap: "var(--cpd-space-1x, 4px)" }}>
                <label htmlFor={fileId}>
                    <Text as="span" size="sm" weight="semibold">
                        {t("checkup.import_file")}
                    </Text>
                </label>
                <input
                    id={fileId}
                    type="file"
                    accept=".txt,text/plain"
                    onChange={(e) => {
                        const file = e.currentTarget.files?.[0];
                        if (!file) return setFileText(null);
                        void file.text().then(setFileText);
                    }}
                />
            </div>
            <SecretField
                label={t("checkup.import_passphrase")}
                value={passphrase}
                onChange={setPassphrase}
                onEnter={submit}
                error={
                    problem === "wrong_passphrase"
                        ? t("checkup.import_wrong_passphrase")
                        : problem === "not_a_key_file"
                          ? t("checkup.import_not_a_key_file")
                          : problem === "failed"
                            ? t("checkup.import_failed")
                            : null
                }
            />
            <div style={common.buttonRow}>
                <Button kind="primary" type="button" onClick={submit} disabled={fileText === null || passphrase === ""}>
                    {t("checkup.import_submit")}
                </Button>
                <Button kind="tertiary" type="button" onClick={vm.close}>
                    {t("common.cancel")}
                </Button>
            </div>
        </>
    );
}

/** Room keys in a file: export (passphrase twice → save the file) and import (file + passphrase → count). */
export function RoomKeyTransfer({ snapshot, vm }: Props): React.JSX.Element {
    const t = useT();
    const title =
        snapshot.flow === "export"
            ? t("checkup.export_title")
            : snapshot.flow === "import"
              ? t("checkup.import_title")
              : t("checkup.keys_title");
    return (
        <section aria-labelledby="eas-room-keys-title" style={common.stack}>
            <Heading as="h3" size="sm" weight="semibold" id="eas-room-keys-title">
                {title}
            </Heading>
            {!snapshot.supported ? <Text>{t("checkup.keys_unsupported")}</Text> : null}
            {snapshot.supported && snapshot.flow === "none" ? (
                <>
                    <Text size="sm" style={common.secondaryText}>
                        {t("checkup.keys_body")}
                    </Text>
                    <div style={common.buttonRow}>
                        <Button kind="secondary" type="button" onClick={vm.startExport}>
                            {t("checkup.export_start")}
                        </Button>
                        <Button kind="secondary" type="button" onClick={vm.startImport}>
                            {t("checkup.import_start")}
                        </Button>
                    </div>
                </>
            ) : null}
            {snapshot.supported && snapshot.flow === "export" ? <ExportFlow snapshot={snapshot} vm={vm} /> : null}
            {snapshot.supported && snapshot.flow === "import" ? <ImportFlow snapshot={snapshot} vm={vm} /> : null}
            {snapshot.flow === "none" ? (
                <div>
                    <Text size="sm" weight="semibold">
                        {t("checkup.dehydration_title")}
                    </Text>
                    {snapshot.dehydration === null ? (
                        <Button kind="tertiary" size="md" type="button" onClick={vm.checkDehydration}>
                            {t("checkup.dehydration_check")}
                        </Button>
                    ) : (
                        <Text size="sm" style={common.secondaryText} role="status">
                            {snapshot.dehydration === "checking"
                                ? t("checkup.dehydration_checking")
                                : t(`checkup.dehydration_${snapshot.dehydration}`)}
                        </Text>
                    )}
                </div>
            ) : null}
        </section>
    );
}
