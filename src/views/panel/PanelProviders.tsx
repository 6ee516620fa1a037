/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { type ReactNode } from "react";
import { TooltipProvider } from "@vector-im/compound-web";

import type { Translate } from "../../i18n";
import { ErrorBoundary } from "../ErrorBoundary";
import { TranslateContext } from "../i18n";
import { HostFormGuard } from "./HostFormGuard";

/**
 * What every panel root needs: our translator, compound-web's TooltipProvider (one per root, since
 * React contexts do not cross from Element's copy of compound-web to ours), an error boundary, and the
 * guard that keeps a host <form> around us from ever being submitted (HostFormGuard).
 */
export function PanelProviders({ t, children }: { t: Translate; children: ReactNode }): React.JSX.Element {
    return (
        <TranslateContext.Provider value={t}>
            <TooltipProvider>
                <HostFormGuard>
                    <ErrorBoundary>{children}</ErrorBoundary>
                </HostFormGuard>
            </TooltipProvider>
        </TranslateContext.Provider>
    );
}
