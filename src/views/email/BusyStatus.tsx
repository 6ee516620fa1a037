/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect, useRef } from "react";
import { InlineSpinner, Text } from "@vector-im/compound-web";

import * as styles from "./styles";

/**
 * "Sending…", "Adding…", "Removing…": announced politely, and focused so keyboard focus does not fall
 * back to the page when the button that started the work disappears.
 */
export function BusyStatus({ label }: { label: string }): React.JSX.Element {
    const ref = useRef<HTMLDivElement>(null);
    useEffect(() => {
        ref.current?.focus();
    }, []);
    return (
        <div ref={ref} role="status" tabIndex={-1} style={styles.status}>
            <InlineSpinner aria-hidden="true" />
            <Text style={{ margin: 0 }}>{label}</Text>
        </div>
    );
}
