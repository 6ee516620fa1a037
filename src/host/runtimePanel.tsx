/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Lazy chunk: the runtime host's dialog and page. Loaded on the first openPanel() or page visit.
import React, { useSyncExternalStore } from "react";
import type { DialogHandle, DialogProps } from "@element-hq/element-web-module-api";

import { ensureStrings } from "../i18n";
import { PanelRoot } from "../panel/PanelRoot";
import { prefetchSections } from "../panel/sections";
import { StringsGate } from "../panel/StringsGate";
import type { PanelTarget } from "../panelTargets";
import type { Host } from "../panel/Host";
import type { RuntimeApi } from "./RuntimeHost";

interface DialogBodyProps {
    host: Host;
    initialSection?: PanelTarget;
}

function PanelDialogBody({ host, initialSection }: DialogBodyProps & DialogProps<void>): React.JSX.Element {
    return (
        <StringsGate language={host.language}>
            <PanelRoot host={host} variant="dialog" initialSection={initialSection} />
        </StringsGate>
    );
}

let openDialog: DialogHandle<void> | null = null;

/**
 * Opens the panel in the host's dialog frame (title, close button, Escape). A second call replaces
 * the open dialog, so the panel is never stacked on itself.
 */
export function openPanelDialog(api: RuntimeApi, host: Host, section?: PanelTarget): void {
    openDialog?.close();
    const handle = api.openDialog<void, DialogBodyProps>({ title: host.t("shell.title") }, PanelDialogBody, {
        host,
        initialSection: section,
    });
    openDialog = handle;
    handle.finished.finally(() => {
        if (openDialog === handle) openDialog = null;
    });
}

/** The full page shown for `#/account-security` on hosts with a location renderer. */
export function PanelPage({ host }: { host: Host }): React.JSX.Element {
    // Where the page was asked to show (e.g. "email" from the link in Element's Settings → Account),
    // whether the page is being mounted for it or already shown.
    const request = useSyncExternalStore(
        (listener) => host.onPageRequest?.(listener) ?? (() => undefined),
        () => host.currentPageRequest ?? null,
    );
    return (
        <StringsGate language={host.language}>
            <PanelRoot host={host} variant="page" initialSection={request?.target} request={request} />
        </StringsGate>
    );
}

/** Fetches the rest of the panel's code: the other sections and this language's panel strings. */
export function prefetchPanel(language: string): Promise<unknown> {
    return Promise.all([prefetchSections(), ensureStrings(language)]);
}
