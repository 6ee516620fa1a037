/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { createContext, useContext } from "react";

/** Who is signed in, for views that name the account (the recovery sheet). Provided by the panel glue. */
export interface AccountInfo {
    userId: string;
    /** The homeserver's base URL. */
    homeserver: string;
}

export const AccountContext = createContext<AccountInfo | null>(null);

export function useAccountInfo(): AccountInfo | null {
    return useContext(AccountContext);
}
