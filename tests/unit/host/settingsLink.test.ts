/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The row in Element's Settings dialog, against the DOM of Element 1.12.x's Settings (copied from the
 * real builds, trimmed to what the rule looks at). The real builds are in
 * tests/e2e/element-at-home.test.ts; this covers what they cannot: a changed Element, stop().
 */
import { startSettingsLink } from "../../../src/host/settingsLink";
import type { Translate } from "../../../src/i18n";

const t: Translate = (key) => key;

const ENCRYPTION_TAB = `
<div class="mx_Dialog"><div role="dialog" class="mx_UserSettingsDialog">
  <div class="mx_TabbedView_tabPanel" id="mx_tabpanel_USER_ENCRYPTION_TAB">
    <div class="mx_AutoHideScrollbar mx_TabbedView_tabPanelContent">
      <div class="mx_SettingsTab mx_EncryptionUserSettingsTab"><div class="mx_SettingsTab_sections">
        <div class="mx_SettingsSection">Key storage</div>
      </div></div>
    </div>
  </div>
  <div aria-label="Close dialog" role="button" class="mx_AccessibleButton mx_Dialog_cancelButton"></div>
</div></div>`;

const ACCOUNT_TAB = `
<div class="mx_Dialog"><div role="dialog" class="mx_UserSettingsDialog">
  <div class="mx_TabbedView_tabPanel" id="mx_tabpanel_USER_ACCOUNT_TAB">
    <div class="mx_AutoHideScrollbar mx_TabbedView_tabPanelContent">
      <div class="mx_SettingsTab"><div class="mx_SettingsTab_sections"><div class="mx_SettingsSection"><div>
        <div class="mx_SettingsSubsection" id="emails"><input autocomplete="email" type="text"></div>
        <div class="mx_SettingsSubsection" id="phones"></div>
      </div></div></div></div>
    </div>
  </div>
</div></div>`;

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Element 1.12.x opens Settings in its static dialog container (measured). */
function dialogContainer(id = "mx_Dialog_StaticContainer"): HTMLElement {
    const container = document.createElement("div");
    container.id = id;
    document.body.append(container);
    return container;
}

afterEach(() => {
    document.body.innerHTML = "";
});

describe("the Account security row in Element's Settings", () => {
    it("appears under Encryption when the dialog opens, closes Settings and opens Secure Backup", async () => {
        const container = dialogContainer();
        const open = jest.fn();
        const closed = jest.fn();
        const stop = startSettingsLink({ t, open });
        container.innerHTML = ENCRYPTION_TAB;
        container.querySelector(".mx_Dialog_cancelButton")!.addEventListener("click", closed);
        await flush();
        const row = container.querySelector('[data-account-security-settings-link="backup"]');
        expect(row?.parentElement?.className).toBe("mx_SettingsTab_sections");
        expect(row?.previousElementSibling?.textContent).toBe("Key storage");
        const button = row!.querySelector("button")!;
        expect(button.type).toBe("button");
        expect(button.getAttribute("aria-label")).toBe("shell.settings_link_open_label");
        button.click();
        expect(closed).toHaveBeenCalledTimes(1);
        expect(open).toHaveBeenCalledWith("backup");
        stop();
    });

    it("goes right after Account's email addresses and opens Email addresses", async () => {
        const container = dialogContainer();
        const open = jest.fn();
        const stop = startSettingsLink({ t, open });
        container.innerHTML = ACCOUNT_TAB;
        await flush();
        const row = container.querySelector('[data-account-security-settings-link="email"]');
        expect(row?.previousElementSibling?.id).toBe("emails");
        expect(row?.nextElementSibling?.id).toBe("phones");
        row!.querySelector("button")!.click();
        expect(open).toHaveBeenCalledWith("email");
        stop();
    });

    it("once in place, the row is left alone: no change of ours to Element's DOM, so no loop", async () => {
        const container = dialogContainer();
        const stop = startSettingsLink({ t, open: jest.fn() });
        container.innerHTML = ACCOUNT_TAB + ENCRYPTION_TAB.replace('class="mx_Dialog"', 'class="mx_Dialog x"');
        await flush();
        await flush();
        const rows = [...container.querySelectorAll("[data-account-security-settings-link]")];
        let changes = 0;
        const watcher = new MutationObserver((records) => (changes += records.length));
        watcher.observe(container, { childList: true, subtree: true });
        for (let i = 0; i < 5; i++) await flush();
        expect(changes).toBe(0);
        expect([...container.querySelectorAll("[data-account-security-settings-link]")]).toEqual(rows);
        watcher.disconnect();
        stop();
    });

    it("waits for Element to create its dialog container, watching only <body>'s children", async () => {
        const open = jest.fn();
        const stop = startSettingsLink({ t, open });
        const container = dialogContainer();
        await flush();
        container.innerHTML = ENCRYPTION_TAB;
        await flush();
        await flush();
        expect(container.querySelectorAll("[data-account-security-settings-link]")).toHaveLength(1);
        stop();
    });

    it("also finds Settings in Element's other dialog container", async () => {
        const container = dialogContainer("mx_Dialog_Container");
        const stop = startSettingsLink({ t, open: jest.fn() });
        container.innerHTML = ENCRYPTION_TAB;
        await flush();
        expect(container.querySelectorAll("[data-account-security-settings-link]")).toHaveLength(1);
        stop();
    });

    it("adds nothing when Element's DOM is not exactly what it expects", async () => {
        const container = dialogContainer();
        const stop = startSettingsLink({ t, open: jest.fn() });
        // A future Element that renamed the tab's classes.
        container.innerHTML = ENCRYPTION_TAB.replace("mx_EncryptionUserSettingsTab", "mx_EncryptionTab2");
        await flush();
        expect(container.querySelector("[data-account-security-settings-link]")).toBeNull();
        // Some other dialog.
        container.innerHTML = `<div class="mx_Dialog"><div class="mx_QuestionDialog"><div class="mx_SettingsTab_sections"></div></div></div>`;
        await flush();
        expect(container.querySelector("[data-account-security-settings-link]")).toBeNull();
        stop();
    });

    it("stop() removes every row and stops watching: Element's DOM is as it was", async () => {
        const container = dialogContainer();
        const stop = startSettingsLink({ t, open: jest.fn() });
        container.innerHTML = ENCRYPTION_TAB;
        const before = container.innerHTML;
        await flush();
        expect(container.innerHTML).not.toBe(before);
        stop();
        expect(container.innerHTML).toBe(before);
        container.innerHTML = ACCOUNT_TAB;
        await flush();
        expect(container.querySelector("[data-account-security-settings-link]")).toBeNull();
    });

    it("adds one row, not one per mutation, and puts it back when Element re-renders the tab", async () => {
        const container = dialogContainer();
        const stop = startSettingsLink({ t, open: jest.fn() });
        container.innerHTML = ENCRYPTION_TAB;
        await flush();
        const sections = container.querySelector(".mx_SettingsTab_sections")!;
        // Element renders a later section after our row: the row moves back to the end.
        const later = document.createElement("div");
        sections.append(later);
        await flush();
        await flush();
        expect(container.querySelectorAll("[data-account-security-settings-link]")).toHaveLength(1);
        expect(sections.lastElementChild?.getAttribute("data-account-security-settings-link")).toBe("backup");
        container.innerHTML = ENCRYPTION_TAB;
        await flush();
        expect(container.querySelectorAll("[data-account-security-settings-link]")).toHaveLength(1);
        stop();
    });

    it("never throws into Element, even without a document body or MutationObserver", () => {
        const saved = globalThis.MutationObserver;
        // @ts-expect-error: a host without MutationObserver
        delete globalThis.MutationObserver;
        try {
            expect(() => startSettingsLink({ t, open: jest.fn() })()).not.toThrow();
        } finally {
            globalThis.MutationObserver = saved;
        }
    });
});
