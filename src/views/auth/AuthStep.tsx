/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect, useRef, useState, type ReactNode } from "react";
import { Alert, Button, Link, Text } from "@vector-im/compound-web";

import { ModuleField, ModuleForm } from "../common/ModuleForm";
import { useT } from "../i18n";
import { StepHeading } from "../StepHeading";

/** How the homeserver wants the user to confirm it is them. */
export type AuthStepMethod = { kind: "password" } | { kind: "sso"; fallbackUrl: string };

export interface AuthStepProps {
    method: AuthStepMethod;
    /** The previous attempt failed: a wrong password, or SSO not finished in the popup. */
    failed: boolean;
    onSubmitPassword(password: string): void;
    /** The user finished SSO in the popup (or the popup told us so). */
    onSsoDone(): void;
    onCancel(): void;
    /** Why we ask, in the caller's words ("To add x, confirm it's you."). */
    description?: ReactNode;
    /** Heading level of the step; the caller knows where it sits in the page. Default h2. */
    headingLevel?: "h2" | "h3";
}

/** The message Synapse's fallback auth page posts to its opener when the stage is done. */
const FALLBACK_DONE_MESSAGE = "authDone";

/**
 * "Confirm it's you": the account password, or single sign-on through the homeserver's fallback page
 * in a popup. Generic on purpose: adding an email and resetting cross-signing both use it.
 * The password lives only in this component's field until submitted, then is handed on and cleared.
 */
export function AuthStep(props: AuthStepProps): React.JSX.Element {
    const { method, failed, onCancel, description, headingLevel = "h2" } = props;
    const t = useT();

    return (
        <div role="group" aria-labelledby="eas-auth-heading">
            {/* The password field takes focus itself; for SSO the heading does. */}
            <StepHeading id="eas-auth-heading" level={headingLevel} focusOnMount={method.kind !== "password"}>
                {t("common.auth_heading")}
            </StepHeading>
            {description ? <Text>{description}</Text> : null}
            {method.kind === "password" ? (
                <PasswordForm failed={failed} onSubmit={props.onSubmitPassword} onCancel={onCancel} />
            ) : (
                <SsoSteps
                    fallbackUrl={method.fallbackUrl}
                    failed={failed}
                    onDone={props.onSsoDone}
                    onCancel={onCancel}
                />
            )}
        </div>
    );
}

function PasswordForm(props: {
    failed: boolean;
    onSubmit(password: string): void;
    onCancel(): void;
}): React.JSX.Element {
    const t = useT();
    const [password, setPassword] = useState("");
    const fieldRef = useRef<HTMLInputElement>(null);

    // Land in the field (the heading is announced through the group's label anyway).
    useEffect(() => {
        fieldRef.current?.focus();
    }, []);

    const submit = (): void => {
        if (password === "") return;
        const entered = password;
        // Do not keep the password in React state any longer than needed.
        setPassword("");
        props.onSubmit(entered);
    };

    return (
        <ModuleForm onSubmit={submit}>
            <ModuleField
                field="password"
                kind="password"
                label={t("common.auth_password_label")}
                inputRef={fieldRef}
                autoComplete="current-password"
                value={password}
                onChange={setPassword}
                invalid={props.failed}
                error={t("common.auth_password_wrong")}
            />
            <div style={{ display: "flex", gap: "var(--cpd-space-3x, 12px)", flexWrap: "wrap" }}>
                <Button kind="primary" type="button" disabled={password === ""} onClick={submit}>
                    {t("common.auth_confirm")}
                </Button>
                <Button kind="tertiary" type="button" onClick={props.onCancel}>
                    {t("common.cancel")}
                </Button>
            </div>
        </ModuleForm>
    );
}

function SsoSteps(props: {
    fallbackUrl: string;
    failed: boolean;
    onDone(): void;
    onCancel(): void;
}): React.JSX.Element {
    const { fallbackUrl, onDone } = props;
    const t = useT();
    const popup = useRef<Window | null>(null);
    const [blocked, setBlocked] = useState(false);

    // The homeserver's fallback page posts "authDone" to its opener when SSO is finished: continue
    // by ourselves then; the "I've finished" button stays for browsers where that message is lost.
    useEffect(() => {
        const onMessage = (event: MessageEvent): void => {
            if (event.data === FALLBACK_DONE_MESSAGE && popup.current && event.source === popup.current) onDone();
        };
        window.addEventListener("message", onMessage);
        return () => window.removeEventListener("message", onMessage);
    }, [onDone]);

    const open = (): void => {
        popup.current = window.open(fallbackUrl, "_blank", "popup,width=600,height=700");
        setBlocked(popup.current === null);
    };

    return (
        <>
            <Text>{t("common.auth_sso_body")}</Text>
            {props.failed ? (
                <Alert type="info" title={t("common.auth_sso_not_done_title")}>
                    {t("common.auth_sso_not_done")}
                </Alert>
            ) : null}
            {blocked ? (
                <Alert type="critical" title={t("common.auth_popup_blocked_title")}>
                    {t("common.auth_popup_blocked")}{" "}
                    <Link href={fallbackUrl} target="_blank">
                        {t("common.auth_sso_open")}
                    </Link>
                </Alert>
            ) : null}
            <div style={{ display: "flex", gap: "var(--cpd-space-3x, 12px)", flexWrap: "wrap" }}>
                <Button kind="secondary" type="button" onClick={open}>
                    {t("common.auth_sso_open")}
                </Button>
                <Button kind="primary" type="button" onClick={onDone}>
                    {t("common.auth_sso_done")}
                </Button>
                <Button kind="tertiary" type="button" onClick={props.onCancel}>
                    {t("common.cancel")}
                </Button>
            </div>
        </>
    );
}
