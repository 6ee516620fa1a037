/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The module's forms, made safe to render inside a host <form>.
 *
 * Element's build-time module dialog wraps module content in its own <form>. A <form> nested in it is
 * dropped by the HTML parser's rules for the DOM it builds, and in Chromium a submit inside it never
 * reaches React: the browser submits Element's OUTER form natively, as a GET with every named field
 * in the URL (a recovery key ended up in the address bar, the history and the web server's log). So:
 *
 * - ModuleForm renders no <form>: a <div> that keeps compound-web's field layout (Radix's form context
 *   is React context, not DOM) and turns Enter in one of its fields into `onSubmit`, cancelling the
 *   browser's implicit submission of whatever form encloses us.
 * - ModuleField's <input> has no `name` (Radix's Form.*Control always sets one), so even a host form
 *   submitted by its own buttons carries none of our values.
 * - Buttons are type="button" (eslint enforces it in src/); there is no submit button.
 */
import React, { useId, useState, type CSSProperties, type KeyboardEvent, type ReactNode, type Ref } from "react";
import { Form } from "@vector-im/compound-web";

import { useHostStyle } from "../hostStyle";
import { stack } from "./styles";

/** Input types where Enter means "submit" (a browser submits a form implicitly from these). */
const SUBMITTING_INPUT_TYPES = new Set(["text", "password", "email", "search", "url", "tel", "number"]);

export interface ModuleFormProps {
    /** Called for Enter in one of the form's text fields; the submit button calls it itself. */
    onSubmit(): void;
    children: ReactNode;
    style?: CSSProperties;
    /** The form's accessible name (then it is a labelled group), e.g. its heading's id. */
    "aria-labelledby"?: string;
    /** "search" for a lookup field; "group" by default when labelled. */
    role?: "group" | "search";
}

/** A form without a <form> element (see the top of this file). */
export function ModuleForm({ onSubmit, children, style, role, ...aria }: ModuleFormProps): React.JSX.Element {
    const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
        if (event.key !== "Enter" || event.defaultPrevented || event.nativeEvent.isComposing) return;
        const target = event.target as HTMLElement;
        // Enter on a button already clicks it; only text fields submit.
        if (target.tagName !== "INPUT" || !SUBMITTING_INPUT_TYPES.has((target as HTMLInputElement).type)) return;
        // Stops the browser's implicit submission of an enclosing (host) form.
        event.preventDefault();
        onSubmit();
    };
    const labelled = aria["aria-labelledby"] !== undefined;
    return (
        // Form.Root provides the field context compound-web's Field/Label/messages need; asChild
        // renders it as this <div> instead of a <form>.
        // eslint-disable-next-line no-restricted-syntax -- the one sanctioned use: rendered as a <div>, see above
        <Form.Root asChild>
            <div role={role ?? (labelled ? "group" : undefined)} {...aria} style={style ?? stack} onKeyDown={onKeyDown}>
                {children}
            </div>
        </Form.Root>
    );
}

export interface ModuleFieldProps {
    /** Identifies the field inside its ModuleForm (React context only; never a DOM `name`). */
    field: string;
    label: string;
    /** "password" masks the value (with compound-web's show/hide toggle). */
    kind?: "text" | "password";
    value: string;
    onChange(value: string): void;
    invalid?: boolean;
    /** Shown (and announced) when `invalid`. */
    error?: ReactNode;
    /** Shown while not invalid. */
    help?: ReactNode;
    /** Announce the error as it appears (role="alert"). */
    alertError?: boolean;
    autoComplete: string;
    inputMode?: "email" | "text";
    spellCheck?: boolean;
    autoFocus?: boolean;
    inputRef?: Ref<HTMLInputElement>;
}

const focusedStyle: CSSProperties = { borderColor: "var(--cpd-color-border-focused, #0467dd)" };

/** One labelled field of a ModuleForm: compound-web's look, no `name` attribute. */
export function ModuleField(props: ModuleFieldProps): React.JSX.Element {
    const { field, label, kind = "text", value, onChange, invalid = false, error, help, alertError } = props;
    const inputId = useId();
    // The host's opt-out from its global input rules goes on the input's parent: the field for a text
    // input, compound-web's container (which takes className) for a password input.
    const { fieldParent } = useHostStyle();
    // compound-web marks focus with an outline and a transparent border; Element's global
    // `:focus:not(:focus-visible) { outline: none }` can take the outline away, which left a focused
    // field with no edge at all. The border itself says "focused" here.
    const [focused, setFocused] = useState(false);
    const messageId = useId();
    const message =
        invalid && error ? (
            <Form.ErrorMessage id={messageId} role={alertError ? "alert" : undefined}>
                {error}
            </Form.ErrorMessage>
        ) : help ? (
            <Form.HelpMessage id={messageId}>{help}</Form.HelpMessage>
        ) : null;
    const inputProps = {
        id: inputId,
        ref: props.inputRef,
        value,
        onChange: (event: React.ChangeEvent<HTMLInputElement>) => onChange(event.currentTarget.value),
        autoComplete: props.autoComplete,
        inputMode: props.inputMode,
        spellCheck: props.spellCheck,
        autoFocus: props.autoFocus,
        "aria-invalid": invalid || undefined,
        "aria-describedby": message ? messageId : undefined,
        "data-invalid": invalid || undefined,
        onFocus: () => setFocused(true),
        onBlur: () => setFocused(false),
        style: focused && !invalid ? focusedStyle : undefined,
    };
    return (
        <Form.Field name={field} serverInvalid={invalid} className={kind === "password" ? undefined : fieldParent}>
            <Form.Label htmlFor={inputId}>{label}</Form.Label>
            {kind === "password" ? (
                <Form.PasswordInput {...inputProps} className={fieldParent} />
            ) : (
                // type="text": a browser's own email check would stop the submit before ours.
                <Form.TextInput type="text" {...inputProps} />
            )}
            {message}
        </Form.Field>
    );
}
