/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * A row in Element's own Settings dialog that leads to Account security: "More account protection —
 * Account security → Open", under Encryption (opens Secure Backup) and under the email addresses of
 * Account (opens Email addresses).
 *
 * Element's module API (through 2.1.0) has no slot in the Settings dialog, so this is DOM knowledge
 * of Element 1.12.x and is kept to the bare minimum, all in this file:
 * - the row is added only where the exact structure below is found (else nothing happens: a changed
 *   Element simply has no row);
 * - MutationObservers on Element's two dialog containers only: their child list while no dialog is
 *   open, their subtree while one is (tabs render lazily); no polling, no observer on the app;
 * - every step is guarded: nothing here throws into Element;
 * - stop() disconnects and removes every row, leaving Element's DOM as it found it.
 */
import type { Translate } from "../i18n";
import type { PanelSection } from "../panelTargets";

/**
 * Element's containers for its modal dialogs (children of <body>, created before the first dialog).
 * Settings opens as a "static" dialog in 1.12.x (measured); the other one is watched as well, in case.
 */
const DIALOG_CONTAINER_IDS = ["mx_Dialog_StaticContainer", "mx_Dialog_Container"] as const;
/** Marks our rows (and nothing else), so that finding and removing them never touches Element's nodes. */
const ROW_ATTRIBUTE = "data-account-security-settings-link";

interface Placement {
    parent: Element;
    /** Place the row right after this node of Element's; null: as the parent's last child. */
    after: Element | null;
}

interface TabRule {
    section: Extract<PanelSection, "backup" | "email">;
    /** Where the row goes in this tab, or null when the tab's DOM is not exactly what we expect. */
    find(dialog: Element): Placement | null;
}

const TABS: readonly TabRule[] = [
    {
        // Settings → Encryption: after the last section (Key storage, Recovery, Advanced …).
        section: "backup",
        find(dialog) {
            const sections = dialog.querySelector(
                "#mx_tabpanel_USER_ENCRYPTION_TAB > .mx_TabbedView_tabPanelContent > .mx_SettingsTab.mx_EncryptionUserSettingsTab > .mx_SettingsTab_sections",
            );
            return sections ? { parent: sections, after: null } : null;
        },
    },
    {
        // Settings → Account: right after the "Email addresses" subsection (the one with the email field).
        section: "email",
        find(dialog) {
            const tab = dialog.querySelector(
                "#mx_tabpanel_USER_ACCOUNT_TAB > .mx_TabbedView_tabPanelContent > .mx_SettingsTab > .mx_SettingsTab_sections",
            );
            const field = tab?.querySelector('.mx_SettingsSubsection input[autocomplete="email"]');
            const subsection = field?.closest(".mx_SettingsSubsection");
            if (!subsection?.parentElement) return null;
            return { parent: subsection.parentElement, after: subsection };
        },
    },
];

export interface SettingsLinkOptions {
    t: Translate;
    /** Opens Account security at `section` (the page on 1.12.10, the dialog on 1.12.0). */
    open(section: PanelSection): void;
    /** The document to work in (tests); default: the page's. */
    document?: Document;
}

function buildRow(doc: Document, t: Translate, section: PanelSection, onOpen: (event: Event) => void): HTMLElement {
    const row = doc.createElement("div");
    row.setAttribute(ROW_ATTRIBUTE, section);
    row.setAttribute("role", "group");
    // Element's own spacing and colours through its design tokens (the same in both themes).
    row.style.cssText =
        "display:flex;align-items:center;justify-content:space-between;gap:var(--cpd-space-4x,16px);" +
        "padding-block:var(--cpd-space-4x,16px) 0;margin-block-start:var(--cpd-space-2x,8px);" +
        "border-block-start:1px solid var(--cpd-color-separator-primary,#cdd3da);" +
        "color:var(--cpd-color-text-primary,#1b1d22)";
    const text = doc.createElement("div");
    const titleId = `eas-settings-link-title-${section}`;
    const title = doc.createElement("div");
    title.id = titleId;
    title.textContent = t("shell.settings_link_title");
    title.style.cssText = "font:var(--cpd-font-body-md-semibold,600 16px/22px sans-serif)";
    const body = doc.createElement("div");
    body.textContent = t("shell.settings_link_body");
    body.style.cssText =
        "font:var(--cpd-font-body-sm-regular,400 14px/20px sans-serif);color:var(--cpd-color-text-secondary,#656d77)";
    text.append(title, body);
    row.setAttribute("aria-labelledby", titleId);

    const button = doc.createElement("button");
    button.type = "button";
    button.textContent = t("shell.settings_link_open");
    button.setAttribute("aria-label", t("shell.settings_link_open_label"));
    // compound-web's secondary small button, drawn with tokens (this file is in the entry chunk, which
    // carries no UI library).
    button.style.cssText =
        "flex:none;cursor:pointer;padding:var(--cpd-space-1x,4px) var(--cpd-space-4x,16px);" +
        "border-radius:var(--cpd-radius-pill-effect,9999px);font:var(--cpd-font-body-sm-semibold,600 14px/20px sans-serif);" +
        "background:transparent;color:var(--cpd-color-text-primary,#1b1d22);" +
        "border:1px solid var(--cpd-color-border-interactive-secondary,#cdd3da)";
    button.addEventListener("click", onOpen);
    row.append(text, button);
    return row;
}

/** Starts adding the row to Element's Settings dialog. Returns stop(). Never throws. */
export function startSettingsLink(options: SettingsLinkOptions): () => void {
    const doc = options.document ?? (typeof document === "undefined" ? null : document);
    if (!doc || typeof MutationObserver === "undefined") return () => undefined;

    const observers = new Map<HTMLElement, { observer: MutationObserver; subtree: boolean }>();
    let bodyObserver: MutationObserver | null = null;
    let scheduled = false;
    let stopped = false;

    const open = (section: PanelSection, row: Element): void => {
        try {
            // Close Settings with its own close button (same effect as Escape), then open ours.
            const dialog = row.closest(".mx_Dialog");
            const close = dialog?.querySelector<HTMLElement>(".mx_Dialog_cancelButton");
            close?.click();
        } catch {
            // Element's dialog stays open; ours still opens.
        }
        options.open(section);
    };

    const containers = (): HTMLElement[] =>
        DIALOG_CONTAINER_IDS.map((id) => doc.getElementById(id)).filter((node): node is HTMLElement => node !== null);

    const sync = (): void => {
        scheduled = false;
        if (stopped) return;
        try {
            const found = containers();
            let dialog: Element | null = null;
            for (const container of found) dialog ??= container.querySelector(".mx_UserSettingsDialog");
            for (const rule of TABS) {
                const existing = doc.querySelector(`[${ROW_ATTRIBUTE}="${rule.section}"]`);
                const place = dialog ? rule.find(dialog) : null;
                if (!place) {
                    existing?.remove();
                    continue;
                }
                // Element renders a tab's sections progressively: a row placed early must move to where
                // it belongs once the sections are in. Positions are judged relative to Element's own
                // nodes only, so a row in place is never touched again (no mutation, no loop).
                const placed =
                    existing?.parentElement === place.parent &&
                    (place.after === null
                        ? existing.nextElementSibling === null
                        : existing.previousElementSibling === place.after);
                if (placed) continue;
                // A misplaced row is moved (the same node: focus and references to it survive).
                const row = existing ?? buildRow(doc, options.t, rule.section, () => open(rule.section, row));
                if (place.after) place.after.after(row);
                else place.parent.append(row);
            }
            for (const container of found) observe(container);
        } catch (error) {
            console.error("[account-security] the Settings link could not be placed; Settings stays as it is", error);
        }
    };

    const schedule = (): void => {
        if (scheduled || stopped) return;
        scheduled = true;
        // One look per burst of Element's DOM changes (a tab renders in many mutations).
        queueMicrotask(sync);
    };

    /** A container's subtree while it holds a dialog; only its children (a dialog opening) otherwise. */
    const observe = (container: HTMLElement): void => {
        const subtree = container.childElementCount > 0;
        const current = observers.get(container);
        if (current && current.subtree === subtree) return;
        current?.observer.disconnect();
        const observer = new MutationObserver(schedule);
        observer.observe(container, { childList: true, subtree });
        observers.set(container, { observer, subtree });
    };

    try {
        for (const container of containers()) observe(container);
        sync();
        if (containers().length < DIALOG_CONTAINER_IDS.length && doc.body) {
            // Element creates its dialog containers on first use: watch <body>'s own children (not its
            // subtree) until both are there, then only the containers.
            bodyObserver = new MutationObserver(() => {
                const found = containers();
                for (const container of found) observe(container);
                if (found.length === DIALOG_CONTAINER_IDS.length) {
                    bodyObserver?.disconnect();
                    bodyObserver = null;
                }
                schedule();
            });
            bodyObserver.observe(doc.body, { childList: true });
        }
    } catch (error) {
        console.error("[account-security] the Settings link is off: cannot watch Element's dialogs", error);
    }

    return () => {
        stopped = true;
        bodyObserver?.disconnect();
        bodyObserver = null;
        for (const { observer } of observers.values()) observer.disconnect();
        observers.clear();
        try {
            for (const row of doc.querySelectorAll(`[${ROW_ATTRIBUTE}]`)) row.remove();
        } catch {
            // Nothing of ours left to remove.
        }
    };
}
