/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { useSyncExternalStore } from "react";

import { PAGE_HASH } from "../pagePath";

function subscribe(listener: () => void): () => void {
    window.addEventListener("hashchange", listener);
    return () => window.removeEventListener("hashchange", listener);
}

const onOurPage = (): boolean => typeof window !== "undefined" && window.location.hash.startsWith(PAGE_HASH);

/**
 * Whether the Account security page (Element's location renderer at #/account-security) is showing.
 * The nudge card then steps aside: the user is already where every reminder leads, and the card
 * must not sit on top of the page's own buttons. (In a dialog, Element's dialog covers the layer.)
 */
export function useOnOurPage(): boolean {
    return useSyncExternalStore(subscribe, onOurPage, () => false);
}
