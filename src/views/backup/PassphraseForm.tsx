/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect, useState } from "react";
import { Button, Text } from "@vector-im/compound-web";

import type { BackupActions } from "./types";
import {
    judgePassphrase,
    loadPassphraseEstimator,
    PASSPHRASE_MIN_LENGTH,
    type PassphraseVerdict,
} from "../../passphrase/strength";
import { ModuleField, ModuleForm } from "../common/ModuleForm";
import { useT } from "../i18n";
import { weakPassphraseText } from "./problemText";
import * as styles from "./styles";

/** How long typing must pause before the strength is estimated again. */
const ESTIMATE_DELAY_MS = 300;

/**
 * "Or use a passphrase": refused when shorter than PASSPHRASE_MIN_LENGTH or weaker than the deployer's
 * minimum score, with the reason. The estimate follows the typing (after a short pause); the view-model
 * checks again before it derives a key, so this view is a guide, not the gate.
 */
export function PassphraseForm({ vm, minScore }: { vm: BackupActions; minScore: number }): React.JSX.Element {
    const t = useT();
    const [passphrase, setPassphrase] = useState("");
    /** The estimate of the text now in the field (null while none is known for it). */
    const [verdict, setVerdict] = useState<PassphraseVerdict | null>(null);
    /** The user asked to use it and it was refused: show the reason as an error, not a hint. */
    const [refused, setRefused] = useState(false);
    const [unchecked, setUnchecked] = useState(false);
    const [checking, setChecking] = useState(false);

    // Fetch the estimator as soon as the field is shown, so the first check is quick.
    useEffect(() => {
        loadPassphraseEstimator().catch(() => undefined);
    }, []);

    useEffect(() => {
        setVerdict(null);
        if ([...passphrase].length < PASSPHRASE_MIN_LENGTH) return;
        let current = true;
        const timer = setTimeout(() => {
            judgePassphrase(passphrase, minScore)
                .then((result) => current && setVerdict(result))
                .catch(() => undefined);
        }, ESTIMATE_DELAY_MS);
        return () => {
            current = false;
            clearTimeout(timer);
        };
    }, [passphrase, minScore]);

    const submit = (): void => {
        if (checking) return;
        const entered = passphrase;
        setChecking(true);
        setUnchecked(false);
        judgePassphrase(entered, minScore)
            .then((result) => {
                setChecking(false);
                setVerdict(result);
                if (!result.ok) {
                    setRefused(true);
                    return;
                }
                setPassphrase(""); // not kept in the DOM once handed on
                void vm.generateKey(entered);
            })
            .catch(() => {
                // Never use a passphrase that could not be checked.
                setChecking(false);
                setUnchecked(true);
            });
    };

    const weak = verdict && !verdict.ok ? verdict : null;
    const help = checking
        ? t("backup.passphrase_checking")
        : verdict?.ok
          ? t("backup.passphrase_strong_enough", { score: verdict.score })
          : weak && weak.reason === "too_weak"
            ? weakPassphraseText(t, weak)
            : t("backup.setup_passphrase_hint");
    return (
        <ModuleForm onSubmit={submit}>
            <Text size="sm">{t("backup.passphrase_why")}</Text>
            <ModuleField
                field="passphrase"
                kind="password"
                label={t("backup.setup_passphrase_label")}
                autoComplete="off"
                spellCheck={false}
                value={passphrase}
                onChange={(value) => {
                    setPassphrase(value);
                    setRefused(false);
                    setUnchecked(false);
                }}
                invalid={(refused && weak !== null) || unchecked}
                error={unchecked ? t("backup.passphrase_unchecked") : weak ? weakPassphraseText(t, weak) : null}
                alertError
                help={help}
            />
            <div style={styles.buttonRow}>
                <Button kind="secondary" type="button" onClick={submit} disabled={passphrase === ""}>
                    {t("backup.setup_use_passphrase")}
                </Button>
            </div>
        </ModuleForm>
    );
}
