/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useId, type CSSProperties } from "react";
import { PasswordInput, Text } from "@vector-im/compound-web";

const fieldStyle: CSSProperties = { display: "flex", flexDirection: "column", gap: "var(--cpd-space-1x, 4px)" };
const errorStyle: CSSProperties = { color: "var(--cpd-color-text-critical-primary, #d51928)", margin: 0 };

/**
 * A secret field without a form around it: Element's module dialog wraps module content in its own
 * `<form>`, and a nested form (or a named field) could end up in a URL. No `name`, no autocomplete;
 * Enter submits through `onEnter` (never the host's form).
 */
export function SecretField({
    label,
    value,
    onChange,
    onEnter,
    error,
    autoFocus = false,
}: {
    label: string;
    value: string;
    onChange(value: string): void;
    onEnter?: () => void;
    error?: string | null;
    autoFocus?: boolean;
}): React.JSX.Element {
    const id = useId();
    const errorId = `${id}-error`;
    return (
        <div style={fieldStyle}>
            <label htmlFor={id}>
                <Text as="span" size="sm" weight="semibold">
                    {label}
                </Text>
            </label>
            <PasswordInput
                id={id}
                autoComplete="off"
                value={value}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                onChange={(e) => onChange(e.currentTarget.value)}
                onKeyDown={(e) => {
                    if (e.key !== "Enter") return;
                    // Enter must never submit the host's form around the panel.
                    e.preventDefault();
                    onEnter?.();
                }}
                // eslint-disable-next-line jsx-a11y/no-autofocus -- the step exists to type into this field
                autoFocus={autoFocus}
            />
            {error ? (
                <Text as="p" size="sm" id={errorId} style={errorStyle}>
                    {error}
                </Text>
            ) : null}
        </div>
    );
}
