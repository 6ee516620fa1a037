/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Side effect: this view's English strings come with it (see checkupStrings.ts).
import "../../i18n/checkupStrings";

import React, { useState } from "react";
import { Alert, Button, Heading, Text } from "@vector-im/compound-web";

import type { RecoveryKeyCheckActions, RecoveryKeyCheckSnapshot } from "./types";
import * as common from "../common/styles";
import { formatDay } from "../common/dates";
import { useT } from "../i18n";
import { SecretField } from "./fields";

export interface RecoveryKeyCheckProps {
    snapshot: RecoveryKeyCheckSnapshot;
    vm: RecoveryKeyCheckActions;
    /** "Change recovery key" after a wrong key (opens Secure Backup's change step). */
    onChangeKey(): void;
}

/** "Do you still have your recovery key?": typed, checked on this device, the date remembered. */
export function RecoveryKeyCheck({ snapshot, vm, onChangeKey }: RecoveryKeyCheckProps): React.JSX.Element {
    const t = useT();
    const [input, setInput] = useState("");
    const { step } = snapshot;
    const submit = (): void => {
        if (input.trim() === "") return;
        const typed = input;
        setInput(""); // the key leaves the page's state as soon as it is handed on
        void vm.check(typed);
    };
    const last =
        snapshot.lastCheckedAt !== null
            ? t("checkup.key_check_last", { date: formatDay(snapshot.lastCheckedAt) })
            : t("checkup.key_check_never");
    const inputProblem =
        snapshot.problem === "unusable_passphrase"
            ? t("checkup.key_check_unusable_passphrase")
            : snapshot.problem === "unknown"
              ? t("checkup.key_check_failed")
              : null;

    return (
        <section aria-labelledby="eas-key-check-title" style={common.stack}>
            <Heading as="h3" size="sm" weight="semibold" id="eas-key-check-title">
                {t("checkup.key_check_title")}
            </Heading>
            <Text size="sm" style={common.secondaryText}>
                {last}
            </Text>
            {step === "idle" ? (
                <div style={common.buttonRow}>
                    <Button kind="secondary" type="button" onClick={vm.start}>
                        {t("checkup.key_check_start")}
                    </Button>
                </div>
            ) : null}
            {step === "input" || step === "checking" ? (
                <>
                    <Text>{t("checkup.key_check_body")}</Text>
                    <SecretField
                        label={t("checkup.key_check_label")}
                        value={input}
                        onChange={setInput}
                        onEnter={submit}
                        error={inputProblem}
                        // eslint-disable-next-line jsx-a11y/no-autofocus -- the step exists to type into this field
                        autoFocus
                    />
                    <div style={common.buttonRow}>
                        <Button
                            kind="primary"
                            type="button"
                            onClick={submit}
                            disabled={input.trim() === "" || step === "checking"}
                        >
                            {t("checkup.key_check_submit")}
                        </Button>
                        <Button kind="tertiary" type="button" onClick={vm.close}>
                            {t("common.cancel")}
                        </Button>
                    </div>
                    <div role="status">
                        {step === "checking" ? <Text>{t("checkup.key_check_checking")}</Text> : null}
                    </div>
                </>
            ) : null}
            {step === "right" ? (
                <>
                    <div role="status">
                        <Alert type="success" title={t("checkup.key_check_right")}>
                            {t("checkup.key_check_right_body")}
                        </Alert>
                    </div>
                    {snapshot.saveFailed ? (
                        <Text size="sm">{t("checkup.key_check_save_failed", { reason: snapshot.saveFailed })}</Text>
                    ) : null}
                    <div style={common.buttonRow}>
                        <Button kind="tertiary" type="button" onClick={vm.close}>
                            {t("common.close")}
                        </Button>
                    </div>
                </>
            ) : null}
            {step === "wrong" ? (
                <>
                    <div role="alert">
                        <Alert type="critical" title={t("checkup.key_check_wrong")}>
                            {snapshot.malformed
                                ? t("checkup.key_check_malformed")
                                : snapshot.canChangeHere
                                  ? t("checkup.key_check_change_here")
                                  : t("checkup.key_check_cannot_change")}
                        </Alert>
                    </div>
                    <div style={common.buttonRow}>
                        {snapshot.canChangeHere ? (
                            <Button kind="primary" type="button" onClick={onChangeKey}>
                                {t("checkup.key_check_change")}
                            </Button>
                        ) : null}
                        <Button kind="secondary" type="button" onClick={vm.start}>
                            {t("checkup.key_check_try_again")}
                        </Button>
                        <Button kind="tertiary" type="button" onClick={vm.close}>
                            {t("common.close")}
                        </Button>
                    </div>
                </>
            ) : null}
            {step === "not_set_up" ? (
                <>
                    <Text>{t("checkup.key_check_not_set_up")}</Text>
                    <div style={common.buttonRow}>
                        <Button kind="tertiary" type="button" onClick={vm.close}>
                            {t("common.close")}
                        </Button>
                    </div>
                </>
            ) : null}
        </section>
    );
}
