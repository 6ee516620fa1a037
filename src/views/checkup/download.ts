/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/** Offers `text` as a file download, made in the browser (a Blob URL, revoked right after). */
export function downloadText(name: string, text: string, type = "text/plain"): void {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.style.display = "none";
    document.body.append(link);
    try {
        link.click();
    } finally {
        link.remove();
        // The click has handed the Blob to the browser's download; the URL is not needed after it.
        setTimeout(() => URL.revokeObjectURL(url), 0);
    }
}
