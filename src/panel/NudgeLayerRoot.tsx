/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useSyncExternalStore, type CSSProperties } from "react";

import type { Host } from "./Host";
import { ErrorBoundary } from "../views/ErrorBoundary";
import { TranslateContext } from "../views/i18n";
import { EntryButton } from "../views/panel/EntryButton";
import type { NudgeSlotProps } from "./NudgeSlot";
import { StringsGate } from "./StringsGate";
import { useAccount, useBadgeCount } from "./useAccount";
import { chunk, useChunk } from "./useChunk";

export interface NudgeLayerRootProps {
    host: Host;
}

/**
 * Below Element's dialogs and menus and its toasts (z-index 101), above the main view: see
 * host/layerContainer.ts for why that is 0 and not a number under 4000. The layer itself lets clicks
 * through; only its buttons catch them.
 */
export const NUDGE_LAYER_Z_INDEX = 0;

const layerStyle: CSSProperties = {
    position: "fixed",
    inset: 0,
    zIndex: NUDGE_LAYER_Z_INDEX,
    pointerEvents: "none",
};

// Bottom left, just right of Element's 68 px space panel (its bottom holds the quick-settings button).
const entryStyle: CSSProperties = { position: "absolute", left: 76, bottom: 12 };

/**
 * The reminders' code (their engine, view-model and card, and the matrix reads behind them): a chunk
 * of its own, fetched when someone is signed in, so Element's start-up only loads this shell.
 */
const nudgeSlotChunk = chunk(() => import(/* webpackChunkName: "reminders" */ "./NudgeSlot").then((m) => m.NudgeSlot));

/** The reminders once their chunk is here; a chunk that fails to load is caught by the boundary around it. */
function LazyNudgeSlot(props: NudgeSlotProps): React.JSX.Element | null {
    const NudgeSlot = useChunk(nudgeSlotChunk);
    return NudgeSlot ? <NudgeSlot {...props} /> : null;
}

/**
 * The root of the sibling React tree next to Element's app (runtime hosts) or inside the app wrapper
 * (build-time hosts). It holds the entry point for hosts without a space panel item, and the nudges.
 * Renders nothing while nobody is logged in.
 *
 * Unlike the panel roots it has no compound-web TooltipProvider: this shell is in the entry chunk and
 * the reminders in a small chunk of their own, both free of UI libraries.
 */
export function NudgeLayerRoot({ host }: NudgeLayerRootProps): React.JSX.Element | null {
    const account = useAccount(host);
    const badgeCount = useBadgeCount(host);
    const hostFullPage = useSyncExternalStore(
        (listener) => host.onHostFullPageChange?.(listener) ?? (() => undefined),
        () => host.hostShowsFullPage?.() ?? false,
        () => false,
    );
    // Element's own full page ("Confirm your identity" on a new device) is its reminder: stay out of it.
    if (!account || hostFullPage) return null;
    // Separate boundaries: a failing nudge must not take the entry button with it, and vice versa.
    return (
        <TranslateContext.Provider value={host.t}>
            <div className="eas-nudge-layer" style={layerStyle}>
                {!host.hasSpacePanelEntry && (
                    <ErrorBoundary fallback={null}>
                        <div style={entryStyle}>
                            <EntryButton onClick={() => host.openPanel()} badgeCount={badgeCount} />
                        </div>
                    </ErrorBoundary>
                )}
                <ErrorBoundary fallback={null}>
                    <StringsGate language={host.language}>
                        <LazyNudgeSlot host={host} account={account} />
                    </StringsGate>
                </ErrorBoundary>
            </div>
        </TranslateContext.Provider>
    );
}
