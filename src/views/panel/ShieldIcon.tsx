/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";

/**
 * A shield with a check mark, drawn inline (an emoji is clipped in Element's 32 px space-panel slot,
 * and an inline SVG needs no asset URL). Decorative: the label next to it names the action.
 */
export function ShieldIcon({ size = 20 }: { size?: number }): React.JSX.Element {
    return (
        <svg width={size} height={size} viewBox="0 0 24 24" fill="none" aria-hidden="true" focusable="false">
            <path
                d="M12 2.5 4.5 5.5v5.8c0 4.6 3.1 8.8 7.5 10.2 4.4-1.4 7.5-5.6 7.5-10.2V5.5L12 2.5Z"
                stroke="currentColor"
                strokeWidth="1.8"
                strokeLinejoin="round"
            />
            <path
                d="m8.5 12 2.4 2.4 4.6-4.8"
                stroke="currentColor"
                strokeWidth="1.8"
                strokeLinecap="round"
                strokeLinejoin="round"
            />
        </svg>
    );
}
