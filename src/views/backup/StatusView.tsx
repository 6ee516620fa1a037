/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { Alert, Button } from "@vector-im/compound-web";

import type { TranslationKey } from "../../i18n";
import type { BackupActions, BackupSnapshot, RecoveryState } from "./types";
import { useT } from "../i18n";
import { BusyStatus } from "./BusyStatus";
import { DetailsView } from "./DetailsView";
import { failureText, problemText } from "./problemText";
import * as styles from "./styles";

type Settled = Exclude<RecoveryState, "checking" | "error">;

/** Headline and explanation per state; `tone` picks the Alert colour. */
const TEXT: Record<Settled, { title: TranslationKey; body: TranslationKey; tone: "success" | "info" | "critical" }> = {
    healthy: { title: "backup.state_healthy_title", body: "backup.state_healthy_body", tone: "success" },
    not_set_up: { title: "backup.state_not_set_up_title", body: "backup.state_not_set_up_body", tone: "info" },
    out_of_sync: { title: "backup.state_out_of_sync_title", body: "backup.state_out_of_sync_body", tone: "info" },
    backup_key_missing_from_storage: {
        title: "backup.state_missing_from_storage_title",
        body: "backup.state_missing_from_storage_body",
        tone: "info",
    },
    key_storage_off: {
        title: "backup.state_key_storage_off_title",
        body: "backup.state_key_storage_off_body",
        tone: "info",
    },
    backup_untrusted: { title: "backup.state_untrusted_title", body: "backup.state_untrusted_body", tone: "critical" },
    identity_needs_reset: {
        title: "backup.state_identity_reset_title",
        body: "backup.state_identity_reset_body",
        tone: "critical",
    },
};

interface ActionsProps {
    state: Settled;
    vm: BackupActions;
    busy: boolean;
    /** Offer "Verify with another device" (see BackupSnapshot). */
    canVerifyWithOtherSession: boolean;
}

/**
 * The one action that fixes each state, then the secondary ones. On a session not verified yet that
 * another session could verify, "Verify with another device" comes next to the main action, in every
 * state: e.g. next to "Enter recovery key" (the two ways Element's own "Confirm your identity" offers),
 * and next to "Set up recovery", which needs this session verified first.
 */
function Actions({ state, vm, busy, canVerifyWithOtherSession }: ActionsProps): React.JSX.Element {
    const t = useT();
    const reset = (
        <Button type="button" kind="tertiary" destructive onClick={vm.startReset} disabled={busy}>
            {t("backup.action_reset")}
        </Button>
    );
    const verify = canVerifyWithOtherSession ? (
        <Button type="button" kind="secondary" onClick={vm.verifyWithOtherSession} disabled={busy}>
            {t("backup.action_verify_with_device")}
        </Button>
    ) : null;
    switch (state) {
        case "healthy":
            return (
                <div style={styles.buttonRow}>
                    <Button type="button" kind="secondary" onClick={() => vm.startSetup("change")} disabled={busy}>
                        {t("backup.action_change_key")}
                    </Button>
                    {verify}
                    <Button
                        type="button"
                        kind="secondary"
                        destructive
                        onClick={vm.askTurnOffKeyStorage}
                        disabled={busy}
                    >
                        {t("backup.action_turn_off")}
                    </Button>
                </div>
            );
        case "not_set_up":
            return (
                <div style={styles.buttonRow}>
                    <Button type="button" kind="primary" onClick={() => vm.startSetup("set_up")} disabled={busy}>
                        {t("backup.action_set_up")}
                    </Button>
                    {verify}
                </div>
            );
        case "out_of_sync":
        case "backup_key_missing_from_storage":
            return (
                <div style={styles.buttonRow}>
                    <Button type="button" kind="primary" onClick={vm.startEnterKey} disabled={busy}>
                        {t("backup.action_enter_key")}
                    </Button>
                    {verify}
                    <Button type="button" kind="tertiary" onClick={vm.startReset} disabled={busy}>
                        {t("backup.action_forgot_key")}
                    </Button>
                </div>
            );
        case "key_storage_off":
            return (
                <div style={styles.buttonRow}>
                    <Button type="button" kind="primary" onClick={() => void vm.turnOnKeyStorage()} disabled={busy}>
                        {t("backup.action_turn_on")}
                    </Button>
                    {verify}
                </div>
            );
        case "backup_untrusted":
            return (
                <div style={styles.buttonRow}>
                    <Button type="button" kind="primary" onClick={() => vm.startSetup("new_backup")} disabled={busy}>
                        {t("backup.action_new_backup")}
                    </Button>
                    {verify}
                    {reset}
                </div>
            );
        case "identity_needs_reset":
            return (
                <div style={styles.buttonRow}>
                    {verify}
                    {reset}
                </div>
            );
    }
}

/** The status of the account's recovery with the action that fixes it, and the details behind it. */
export function StatusView({ snapshot, vm }: { snapshot: BackupSnapshot; vm: BackupActions }): React.JSX.Element {
    const t = useT();
    const { state } = snapshot;
    if (state === "checking") return <BusyStatus label={t("backup.checking")} />;
    if (state === "error") {
        return (
            <div style={styles.stack}>
                <Alert type="critical" title={t("backup.state_error_title")}>
                    {snapshot.failure ? failureText(t, snapshot.failure) : null}
                </Alert>
                <div style={styles.buttonRow}>
                    <Button type="button" kind="primary" onClick={() => void vm.retry()}>
                        {t("common.retry")}
                    </Button>
                </div>
            </div>
        );
    }
    const text = TEXT[state];
    return (
        <div style={styles.stack}>
            <Alert type={text.tone} title={t(text.title)}>
                {t(text.body)}
                {state === "not_set_up" && snapshot.facts?.recoveryDeclinedByUser ? (
                    <> {t("backup.state_not_set_up_declined")}</>
                ) : null}
            </Alert>
            {snapshot.problem ? <Alert type="critical" title={problemText(t, snapshot.problem)} /> : null}
            {snapshot.busy ? <BusyStatus label={t("common.loading")} /> : null}
            <Actions
                state={state}
                vm={vm}
                busy={snapshot.busy}
                canVerifyWithOtherSession={snapshot.canVerifyWithOtherSession}
            />
            {snapshot.facts ? <DetailsView facts={snapshot.facts} onOpen={vm.loadDetails} /> : null}
            {state === "healthy" || state === "not_set_up" ? (
                <div style={styles.buttonRow}>
                    <Button type="button" kind="tertiary" destructive onClick={vm.startReset}>
                        {t("backup.action_reset")}
                    </Button>
                </div>
            ) : null}
        </div>
    );
}
