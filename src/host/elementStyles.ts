/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Element's own opt-outs from its global CSS, so that the module's compound-web parts look as
 * compound-web draws them (as in Element's Settings) instead of as Element's old global rules do.
 * Measured in the CSS of Element 1.12.0 and 1.12.10 (theme-light.css / theme-dark.css):
 *
 * - `:not(.mx_no_textinput):not(.mx_textinput):not(.mx_Field) > input[type=text|password|search]`
 *   gives every text field a 9 px padding and semibold text and, inside `.mx_Dialog` /
 *   `.mx_MatrixChat_wrapper`, a 9 px margin, a grey-300 border and #9fa9ba text: our email field got a
 *   near-invisible border, sat 9 px right of its label, and the password field lost its border.
 *   Element's opt-out is the class `mx_no_textinput` on the field's PARENT element.
 * - `.mx_Dialog button:not(… .mx_ThemeChoicePanel_CustomTheme button …)` draws every button in a
 *   dialog as an outlined pill (1.12.0's module dialog): our primary button was outlined, "Reset
 *   encryption" a pill, the password field's show/hide toggle a bordered pill. Buttons inside
 *   `.mx_ThemeChoicePanel_CustomTheme` are left alone by every one of those rules in both builds; the
 *   class's own rule (a flex column with a gap) is cancelled by the inline style of the element that
 *   carries it, and its other rules only match Element's own sub-classes. (`.mx_EncryptionCard`, also
 *   excluded, draws a card frame.)
 *
 * Classes only (no CSS of ours reaches Element): they switch Element's rules OFF for our subtree.
 */
export interface HostStyleOptOuts {
    /**
     * On the panel's root element (whose inline style must set `display` and `width`, cancelling the
     * class's own layout): Element's dialog button rules leave the buttons inside alone.
     */
    root: string;
    /** On the direct parent of every text/password input: Element's global input rules skip it. */
    fieldParent: string;
}

export const ELEMENT_STYLE_OPT_OUTS: HostStyleOptOuts = {
    root: "mx_ThemeChoicePanel_CustomTheme",
    fieldParent: "mx_no_textinput",
};
