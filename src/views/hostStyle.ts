/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { createContext, useContext } from "react";

/**
 * Class names the host wants on our root and on each input's parent, to switch its own global CSS off
 * for us (Element: see host/elementStyles.ts). Views only pass them through; empty on other hosts.
 */
export interface HostStyleClasses {
    root?: string;
    fieldParent?: string;
}

export const HostStyleContext = createContext<HostStyleClasses>({});

export function useHostStyle(): HostStyleClasses {
    return useContext(HostStyleContext);
}
