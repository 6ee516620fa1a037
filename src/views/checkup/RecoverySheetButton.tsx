/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Side effect: this view's English strings come with it (see checkupStrings.ts).
import "../../i18n/checkupStrings";

import React from "react";
import { Button } from "@vector-im/compound-web";

import { useAccountInfo } from "../AccountContext";
import { documentLanguage } from "../common/dates";
import { useT } from "../i18n";
import { downloadText } from "./download";
import { printRecoverySheet, recoverySheetHtml } from "./recoverySheet";

/**
 * "Save a recovery sheet" next to the key after set-up and after a key change: a one-page,
 * print-ready document made here (the print dialog offers "Save as PDF"); nothing leaves the browser,
 * and the page holding the key is removed once printed.
 */
export function RecoverySheetButton({ recoveryKey }: { recoveryKey: string }): React.JSX.Element {
    const t = useT();
    const account = useAccountInfo();
    const save = (): void => {
        const html = recoverySheetHtml(t, {
            recoveryKey,
            userId: account?.userId ?? "",
            homeserver: account?.homeserver ?? "",
            date: Date.now(),
            language: documentLanguage(),
        });
        printRecoverySheet(html, t("checkup.sheet_frame_label"), (page) =>
            downloadText(`${t("checkup.sheet_title")}.html`, page, "text/html"),
        );
    };
    return (
        <Button kind="secondary" type="button" onClick={save}>
            {t("checkup.sheet_save")}
        </Button>
    );
}
