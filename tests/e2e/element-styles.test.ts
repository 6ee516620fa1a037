/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Nothing the module loads restyles Element (issue 13), in real Element Web 1.12.0 and 1.12.10.
 *
 * The module brings compound-web 10 (Element ships 8.4): its CSS-module class names are the same in
 * both versions wherever a component's file did not move, so an unscoped copy of its rules would reach
 * Element's own buttons, fonts and alerts. With every one of the module's stylesheets loaded (all
 * three sections opened once), the computed styles of a fixed set of Element's own elements — body,
 * the room list, the composer, its toasts, the user menu, the Settings dialog's Account and Encryption
 * tabs with their buttons and fields — are read with the module's <style data-account-security> sheets on, then off (as
 * before the module injected them), then on again. They must be identical. Transitions and animations
 * are switched off while reading, so a changed colour cannot hide behind a transition's first frame.
 * A probe sheet that does restyle Element's buttons shows that the comparison can fail.
 */
import type { Page } from "playwright-core";

import { elementBuilds } from "../support/elementWeb";
import { createEncryptedRoom, openRoom } from "./support/elementFlows";
import { setupElementHost } from "./support/elementHost";

const builds = elementBuilds();

/** Element's own parts, by what a user sees; the module's own nodes inside them are skipped. */
const GROUPS: Record<string, string> = {
    page: "html, body, #matrixchat",
    "room list": ".mx_LeftPanel, .mx_LeftPanel *",
    composer: ".mx_MessageComposer, .mx_MessageComposer *",
    settings: ".mx_UserSettingsDialog, .mx_UserSettingsDialog *",
    menu: ".mx_ContextualMenu, .mx_ContextualMenu *",
    toasts: ".mx_ToastContainer, .mx_ToastContainer *",
};

const PROPERTIES = [
    "color",
    "background-color",
    "background-image",
    "border-top-width",
    "border-right-width",
    "border-bottom-width",
    "border-left-width",
    "border-top-style",
    "border-top-color",
    "border-bottom-color",
    "border-top-left-radius",
    "border-bottom-right-radius",
    "padding-top",
    "padding-right",
    "padding-bottom",
    "padding-left",
    "margin-top",
    "margin-right",
    "margin-bottom",
    "margin-left",
    "font-family",
    "font-size",
    "font-weight",
    "line-height",
    "letter-spacing",
    "font-feature-settings",
    "text-transform",
    "text-decoration-line",
    "box-shadow",
    "outline-style",
    "display",
    "position",
    "gap",
    "opacity",
    "cursor",
    "width",
    "height",
];

type Styles = Record<string, Record<string, string>>;

/** Computed styles of every element of every group, keyed "<group> #<n> <tag.class>". */
async function readStyles(page: Page): Promise<{ styles: Styles; counts: Record<string, number> }> {
    return page.evaluate(
        ({ groups, properties }) => {
            const styles: Record<string, Record<string, string>> = {};
            const counts: Record<string, number> = {};
            const ours =
                "#io-github-element-account-security-layer, [data-account-security-settings-link], " +
                'section[aria-label="Account security"]';
            // Element's own compound-web parts (CSS-module classes such as _button_16f2y_48): the ones
            // whose class names the module's copy of compound-web shares.
            counts.compound = 0;
            for (const [group, selector] of Object.entries(groups)) {
                const nodes = [...document.querySelectorAll(selector)].filter((node) => !node.closest(ours));
                counts[group] = nodes.length;
                counts.compound += nodes.filter((node) =>
                    /(^|\s)_[A-Za-z0-9-]+_[a-z0-9]{5}_\d+/.test(node.getAttribute("class") ?? ""),
                ).length;
                nodes.forEach((node, index) => {
                    const computed = getComputedStyle(node);
                    const entry: Record<string, string> = {};
                    for (const property of properties) entry[property] = computed.getPropertyValue(property);
                    const name = `${node.tagName.toLowerCase()}.${String(node.getAttribute("class") ?? "").replace(/\s+/g, ".")}`;
                    styles[`${group} #${index} ${name}`] = entry;
                });
            }
            return { styles, counts };
        },
        { groups: GROUPS, properties: PROPERTIES },
    );
}

/** Switches the module's injected stylesheets on or off; returns how many there are. */
async function moduleSheets(page: Page, enabled: boolean): Promise<number> {
    return page.evaluate((on) => {
        const sheets = [...document.querySelectorAll<HTMLStyleElement>("style[data-account-security]")];
        for (const style of sheets) if (style.sheet) style.sheet.disabled = !on;
        return sheets.length;
    }, enabled);
}

/** The differences between two readings, as "<element> <property>: <a> → <b>". */
function differences(a: Styles, b: Styles): string[] {
    const found: string[] = [];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (!a[key] || !b[key]) {
            found.push(`${key}: only in one reading`);
            continue;
        }
        for (const property of Object.keys(a[key])) {
            if (a[key][property] !== b[key][property]) {
                found.push(`${key} ${property}: ${b[key][property]} (without) → ${a[key][property]} (with)`);
            }
        }
    }
    return found;
}

/** Reads with the module's sheets on, off, on; the "off" reading must equal both "on" readings. */
async function expectUnchangedByModuleCss(page: Page, where: string): Promise<Record<string, number>> {
    const withCss = await readStyles(page);
    expect(await moduleSheets(page, false)).toBeGreaterThan(0);
    const without = await readStyles(page);
    await moduleSheets(page, true);
    const again = await readStyles(page);
    expect({ where, differences: differences(withCss.styles, without.styles) }).toEqual({ where, differences: [] });
    expect({ where, differences: differences(again.styles, without.styles) }).toEqual({ where, differences: [] });
    return withCss.counts;
}

if (builds.length > 0) {
    describe.each(builds)("Element Web $version", (build) => {
        const element = setupElementHost("styles", build);

        it(`the module's CSS changes no computed style of Element's own room list, composer, toasts, user menu, Settings or page (${build.version})`, async () => {
            const page = await element.signIn(await element.newAccount("styles"));
            const roomId = await createEncryptedRoom(page, "Style check");

            // Every section once: each one's compound-web rules are injected with its chunk.
            await element.openPanel(page, "Secure Backup");
            await page.getByRole("tab", { name: "Email addresses" }).click();
            // No address yet: the section opens on the address field.
            await page.getByRole("textbox", { name: "Email address" }).waitFor({ timeout: 30_000 });
            await page.getByRole("tab", { name: "Sessions" }).click();
            await page
                .getByRole("tabpanel")
                .getByText(/this session|This device/i)
                .first()
                .waitFor({ timeout: 30_000 });
            // The sheets do style the module's own parts: switching them off changes its compound-web
            // buttons (so the switch below reaches the module's CSS, and only it).
            const button = page.locator('section[aria-label="Account security"] button[class*="_button_"]').first();
            const buttonStyle = (): Promise<string> =>
                button.evaluate((node) => {
                    const s = getComputedStyle(node);
                    return `${s.color} ${s.backgroundColor} ${s.borderRadius} ${s.paddingTop} ${s.fontWeight}`;
                });
            const styled = await buttonStyle();
            expect(await moduleSheets(page, false)).toBeGreaterThan(0);
            const unstyled = await buttonStyle();
            await moduleSheets(page, true);
            expect(unstyled).not.toBe(styled);
            await element.closePanel(page);
            await openRoom(page, roomId);

            await page.addStyleTag({
                content: "*, *::before, *::after { transition: none !important; animation: none !important; }",
            });
            const room = await expectUnchangedByModuleCss(page, "room");
            expect(room["room list"]).toBeGreaterThan(20);
            expect(room.composer).toBeGreaterThan(5);
            expect(room.page).toBe(3);

            // Element's user menu (a context menu in its own container at the end of <body>).
            await page.getByRole("button", { name: "User menu" }).click();
            await page.getByRole("menuitem", { name: /All settings/ }).waitFor();
            const menu = await expectUnchangedByModuleCss(page, "user menu");
            expect(menu.menu).toBeGreaterThan(5);
            await page.keyboard.press("Escape");
            await page.getByRole("menuitem", { name: /All settings/ }).waitFor({ state: "detached" });

            for (const tabName of ["Account", "Encryption"]) {
                await page.getByRole("button", { name: "User menu" }).click();
                await page.getByRole("menuitem", { name: /All settings/ }).click();
                const dialog = page.locator(".mx_UserSettingsDialog");
                await dialog.getByRole("tab", { name: tabName, exact: true }).click();
                // The tab's own controls are in: its fields (Account) or its last section (Encryption).
                if (tabName === "Account") await dialog.getByRole("textbox").first().waitFor();
                else await dialog.getByRole("heading", { name: "Advanced" }).waitFor({ timeout: 30_000 });
                const counts = await expectUnchangedByModuleCss(page, `Settings → ${tabName}`);
                expect(counts.settings).toBeGreaterThan(20);
                if (tabName === "Encryption") {
                    expect(counts.compound).toBeGreaterThan(0);
                    // The check catches a clash: one more "module" sheet that reaches Element's buttons.
                    await page.evaluate(() => {
                        const probe = document.createElement("style");
                        probe.setAttribute("data-account-security", "probe");
                        probe.textContent = ".mx_UserSettingsDialog button { letter-spacing: 3px; }";
                        document.head.append(probe);
                    });
                    await expect(expectUnchangedByModuleCss(page, "probe")).rejects.toThrow(/letter-spacing/);
                    await page.evaluate(() => document.querySelector('style[data-account-security="probe"]')?.remove());
                }
                await page.keyboard.press("Escape");
                await dialog.waitFor({ state: "detached" });
            }
        });
    });
}
