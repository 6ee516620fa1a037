/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";
import { InlineSpinner, Text } from "@vector-im/compound-web";

/** A spinner with words, announced politely to screen readers. */
export function BusyStatus({ label }: { label: string }): React.JSX.Element {
    return (
        <div role="status" style={{ display: "flex", alignItems: "center", gap: "var(--cpd-space-2x, 8px)" }}>
            <InlineSpinner aria-hidden />
            <Text as="span">{label}</Text>
        </div>
    );
}
