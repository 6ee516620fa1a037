/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The recovery sheet: one printable page with the recovery key, what it is for, where to keep it, the
 * account, the homeserver and the date. Made in the browser and handed to the browser's print dialog
 * (where "Save as PDF" is one of the printers); never sent anywhere.
 */
import type { Translate } from "../../i18n";

export interface SheetContent {
    recoveryKey: string;
    userId: string;
    homeserver: string;
    /** ms since the epoch. */
    date: number;
    language: string;
}

const escapeHtml = (text: string): string =>
    text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The sheet as a self-contained HTML document (no scripts, no external resources). */
export function recoverySheetHtml(t: Translate, content: SheetContent): string {
    const date = new Date(content.date).toLocaleDateString(content.language, { dateStyle: "long" });
    const row = (label: string, value: string): string =>
        `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
    return `<!doctype html>
<html lang="${escapeHtml(content.language)}">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(t("checkup.sheet_title"))}</title>
<style>
@page { size: A4; margin: 20mm; }
body { font: 12pt/1.5 system-ui, sans-serif; color: #000; max-width: 170mm; margin: 0 auto; }
h1 { font-size: 20pt; margin: 0 0 8mm; }
.key { font: 16pt/1.6 ui-monospace, monospace; word-spacing: 0.4em; border: 2px solid #000; padding: 5mm; margin: 2mm 0 8mm; }
table { border-collapse: collapse; margin-top: 8mm; }
th { text-align: start; padding-inline-end: 8mm; }
</style>
</head>
<body>
<h1>${escapeHtml(t("checkup.sheet_title"))}</h1>
<p><strong>${escapeHtml(t("checkup.sheet_key"))}</strong></p>
<p class="key">${escapeHtml(content.recoveryKey)}</p>
<p>${escapeHtml(t("checkup.sheet_for"))}</p>
<p>${escapeHtml(t("checkup.sheet_keep"))}</p>
<table>
${row(t("checkup.sheet_account"), content.userId)}
${row(t("checkup.sheet_homeserver"), content.homeserver)}
${row(t("checkup.sheet_date"), date)}
</table>
</body>
</html>`;
}

/**
 * Prints the sheet from a hidden frame and removes the frame (and with it the key) afterwards.
 * Where printing is not possible it offers the page as an HTML download instead. Never navigates
 * the host page.
 */
export function printRecoverySheet(html: string, frameLabel: string, fallback: (html: string) => void): void {
    const frame = document.createElement("iframe");
    frame.setAttribute("aria-label", frameLabel);
    frame.setAttribute("sandbox", "allow-modals allow-same-origin");
    frame.style.cssText = "position:fixed;width:0;height:0;border:0;inset-inline-start:-9999px";
    let done = false;
    const cleanUp = (): void => {
        if (done) return;
        done = true;
        frame.srcdoc = "";
        frame.remove();
    };
    frame.addEventListener("load", () => {
        const win = frame.contentWindow;
        try {
            if (!win || typeof win.print !== "function") throw new Error("no print here");
            win.addEventListener("afterprint", cleanUp);
            win.print();
            // Browsers whose print() does not block, and never fire afterprint, still drop the key soon.
            setTimeout(cleanUp, 60_000);
        } catch {
            cleanUp();
            fallback(html);
        }
    });
    frame.srcdoc = html;
    document.body.append(frame);
}
