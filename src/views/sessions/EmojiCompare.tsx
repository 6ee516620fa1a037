/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect, useRef } from "react";
import { Button, InlineSpinner, Text } from "@vector-im/compound-web";

import { useT } from "../i18n";
import * as styles from "./styles";
import { emojiName } from "./texts";

export interface EmojiCompareProps {
    /** The 7 emoji with the SDK's English names. */
    emoji: Array<{ symbol: string; name: string }>;
    /** The other session, as the user knows it. */
    otherName: string;
    /** The user already said they match: waiting for the other side. */
    confirming: boolean;
    busy: boolean;
    onMatch(): void;
    onMismatch(): void;
}

/**
 * The emoji screen. Each emoji is shown with its name (people compare names when a font draws an
 * emoji differently); screen readers hear "1 of 7: Dog" and not the symbol. The heading takes focus
 * when the screen appears so keyboard and screen-reader users start at the instructions; Tab then
 * reaches "They match" and "They don't match".
 */
export function EmojiCompare({
    emoji,
    otherName,
    confirming,
    busy,
    onMatch,
    onMismatch,
}: EmojiCompareProps): React.JSX.Element {
    const t = useT();
    const heading = useRef<HTMLHeadingElement>(null);
    useEffect(() => heading.current?.focus(), []);
    return (
        <section style={styles.stack} aria-labelledby="eas-sas-heading">
            <h3 id="eas-sas-heading" ref={heading} tabIndex={-1} style={styles.heading}>
                {t("sessions.compare_heading")}
            </h3>
            <Text>{t("sessions.compare_instructions", { name: otherName })}</Text>
            <ol style={styles.emojiGrid} aria-label={t("sessions.compare_list_label")}>
                {emoji.map(({ symbol, name }, index) => {
                    const label = emojiName(t, name);
                    return (
                        <li key={index} style={styles.emojiItem}>
                            <span aria-hidden="true" style={styles.emojiSymbol}>
                                {symbol}
                            </span>
                            <span aria-hidden="true" style={styles.emojiLabel}>
                                {label}
                            </span>
                            <span style={styles.visuallyHidden}>
                                {t("sessions.emoji_item", { position: index + 1, count: emoji.length, name: label })}
                            </span>
                        </li>
                    );
                })}
            </ol>
            {confirming ? (
                <p role="status" style={styles.status}>
                    <InlineSpinner /> {t("sessions.confirming", { name: otherName })}
                </p>
            ) : (
                <div style={styles.buttonRow}>
                    <Button kind="primary" type="button" disabled={busy} onClick={onMatch}>
                        {t("sessions.they_match")}
                    </Button>
                    <Button kind="secondary" destructive type="button" disabled={busy} onClick={onMismatch}>
                        {t("sessions.they_dont_match")}
                    </Button>
                </div>
            )}
        </section>
    );
}
