/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * `?module_in_form=1`: renders module content (its page and its dialogs) inside a host <form>, as
 * Element's build-time module dialog does (ModuleUiDialog wraps module content in its own <form>).
 * The form is a plain one, as a browser sees it: no submit handler, method GET, with a submit button
 * of its own (so Enter in a lone field could submit it implicitly). Whatever makes it submit reloads
 * the page with the form's named fields in the URL, which is exactly what the module must never let
 * happen (tests/e2e/hostForm.test.ts).
 */
import React, { type ReactNode } from "react";

import { h } from "./strings";

export const MODULE_IN_HOST_FORM = new URLSearchParams(window.location.search).get("module_in_form") === "1";

export function InHostForm({ children }: { children: ReactNode }): ReactNode {
    if (!MODULE_IN_HOST_FORM) return children;
    return (
        <form className="mx_DevModuleHostForm" data-testid="host-form" aria-label={h("Host form")}>
            {children}
            <button type="submit" className="mx_DevVisuallyHidden" tabIndex={-1}>
                {h("Host form submit")}
            </button>
        </form>
    );
}
