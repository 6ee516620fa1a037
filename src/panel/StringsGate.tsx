/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect, useState, type ReactNode } from "react";

import { ensureStrings, stringsReady } from "../i18n";

/**
 * Renders `children` once every string of `language` is loaded (at once, except in the runtime
 * bundle on a first German render, where the panel strings are a small lazy chunk). Used after
 * load() only (at login, or when a panel opens), so load() itself still makes no request.
 * If loading fails, renders anyway: those strings then show in English.
 */
export function StringsGate({ language, children }: { language: string; children: ReactNode }): ReactNode {
    const [ready, setReady] = useState(() => stringsReady(language));
    useEffect(() => {
        if (stringsReady(language)) {
            setReady(true);
            return;
        }
        let live = true;
        setReady(false);
        void ensureStrings(language).then(() => {
            if (live) setReady(true);
        });
        return () => {
            live = false;
        };
    }, [language]);
    return ready ? <>{children}</> : null;
}
