/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { Component, type ReactNode } from "react";

import { TranslateContext } from "./i18n";

interface Props {
    children?: ReactNode;
    /** What to show instead of a failed tree. Default: a one-line notice; `null` renders nothing. */
    fallback?: ReactNode;
}

interface State {
    failed: boolean;
}

/**
 * Wraps every tree we inject into the host (nudge layer, dialog, page, each panel section): a bug in
 * our code must never take Element's UI down with it. Logs the error once and shows a short notice.
 */
export class ErrorBoundary extends Component<Props, State> {
    public static override contextType = TranslateContext;
    declare public context: React.ContextType<typeof TranslateContext>;
    public override state: State = { failed: false };

    public static getDerivedStateFromError(): State {
        return { failed: true };
    }

    public override componentDidCatch(error: unknown): void {
        console.error("[account-security] a view failed and was replaced by a notice", error);
    }

    public override render(): ReactNode {
        if (!this.state.failed) return this.props.children;
        if (this.props.fallback !== undefined) return this.props.fallback;
        return <p role="alert">{this.context("shell.view_failed")}</p>;
    }
}
