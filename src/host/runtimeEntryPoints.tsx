/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";

import { useBadgeCount } from "../panel/useAccount";
import { chunk, useChunk } from "../panel/useChunk";
import { ErrorBoundary } from "../views/ErrorBoundary";
import { TranslateContext } from "../views/i18n";
import { NudgeBadge } from "../views/nudges/NudgeBadge";
import { ShieldIcon } from "../views/panel/ShieldIcon";
import type { Host } from "../panel/Host";

// In their own small module so that code outside the runtime host (the nudge layer) can use them.
export { PAGE_HASH, PAGE_PATH } from "../pagePath";

// The page's code is a lazy chunk fetched (next to index.js) when the page is first shown, or
// earlier by the idle-time prefetch; once here, the page renders at once (see useChunk).
const panelChunk = chunk(() => import("./runtimePanel"));

/** Loads the panel's chunk (once). */
export function loadPanelChunk(): Promise<typeof import("./runtimePanel")> {
    return panelChunk.load();
}

function PanelPageFromChunk({ host }: { host: Host }): React.JSX.Element | null {
    const loaded = useChunk(panelChunk);
    return loaded ? <loaded.PanelPage host={host} /> : null;
}

/** What the location renderer returns: the page (once its chunk is here), inside an error boundary. */
export function PanelPageLoader({ host }: { host: Host }): React.JSX.Element {
    return (
        <TranslateContext.Provider value={host.t}>
            <ErrorBoundary>
                <PanelPageFromChunk host={host} />
            </ErrorBoundary>
        </TranslateContext.Provider>
    );
}

/** The space-panel icon (an inline SVG: an emoji is clipped in the 32 px slot). */
export function SpacePanelIcon({ host }: { host: Host }): React.JSX.Element {
    const count = useBadgeCount(host);
    return (
        <span
            style={{
                display: "flex",
                alignItems: "center",
                justifyContent: "center",
                width: "100%",
                height: "100%",
                position: "relative",
            }}
        >
            <ShieldIcon size={20} />
            <NudgeBadge corner count={count} />
        </span>
    );
}
