/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { createContext, useContext } from "react";

import { createTranslator, type Translate } from "../i18n";

/** The translator of the current root. Defaults to English so a view rendered alone still reads well. */
export const TranslateContext = createContext<Translate>(createTranslator("en"));

/** `const t = useT(); t("email.add")` — views never contain literal user-facing English. */
export function useT(): Translate {
    return useContext(TranslateContext);
}
