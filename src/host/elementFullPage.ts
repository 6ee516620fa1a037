/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Whether Element shows one of its full pages instead of the app: sign-in, registration, and above
 * all "Confirm your identity" on a new device (Element's own reminder to verify, which it shows
 * instead of a toast). Our reminders step aside meanwhile: Element is already asking, and a card on
 * top of its page would be a second reminder for the same problem.
 *
 * DOM knowledge of Element 1.12.x: the page is `#matrixchat > .mx_AuthPage` (measured in both
 * builds). One MutationObserver on #matrixchat's own children (not its subtree: they change only when
 * Element switches between a full page and the app). Any other host: never "showing".
 */
const FULL_PAGE_SELECTOR = "#matrixchat > .mx_AuthPage";

export function elementShowsFullPage(): boolean {
    try {
        return typeof document !== "undefined" && document.querySelector(FULL_PAGE_SELECTOR) !== null;
    } catch {
        return false;
    }
}

/** Calls `listener` when Element may have switched between a full page and the app. Returns unsubscribe. */
export function onElementFullPageChange(listener: () => void): () => void {
    try {
        const root = typeof document === "undefined" ? null : document.getElementById("matrixchat");
        if (!root || typeof MutationObserver === "undefined") return () => undefined;
        const observer = new MutationObserver(() => listener());
        observer.observe(root, { childList: true });
        return () => observer.disconnect();
    } catch {
        return () => undefined;
    }
}
