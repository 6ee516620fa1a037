/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The safety net around a panel root for hosts that render module content inside their own <form>
 * (Element's build-time module dialog). Our own code renders no <form> and types every button
 * (views/common/ModuleForm.tsx, enforced by eslint); this catches what our code does not write itself:
 * compound-web's Alert renders its close "X" as a <button> without a type, which submits an
 * enclosing form, with every named field of it in the URL.
 *
 * - Any <button> without a type that appears inside the root gets type="button" (a MutationObserver,
 *   since sections re-render on their own).
 * - A click on a submit button that belongs to a form (necessarily the host's: we have none) has its
 *   default action, the submission, cancelled; its click handlers still run.
 * - Enter in a field of ours that a host form owns is cancelled after our handlers had it, so the
 *   browser's implicit submission never happens.
 */
import React, { useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";

function typeButtons(root: Element): void {
    for (const button of root.querySelectorAll("button:not([type])")) button.setAttribute("type", "button");
}

export function HostFormGuard({ children }: { children: ReactNode }): React.JSX.Element {
    const ref = useRef<HTMLDivElement>(null);

    useLayoutEffect(() => {
        const root = ref.current;
        if (!root) return;
        typeButtons(root);
        if (typeof MutationObserver === "undefined") return;
        const observer = new MutationObserver(() => typeButtons(root));
        observer.observe(root, { childList: true, subtree: true });
        return () => observer.disconnect();
    }, []);

    const onClickCapture = (event: MouseEvent<HTMLDivElement>): void => {
        const control = (event.target as Element).closest?.("button, input");
        if (!control) return;
        const { type, form } = control as HTMLButtonElement | HTMLInputElement;
        if (form && (type === "submit" || type === "image")) event.preventDefault();
    };

    const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
        if (event.key !== "Enter") return;
        const target = event.target as HTMLElement;
        if (target.tagName === "INPUT" && (target as HTMLInputElement).form) event.preventDefault();
    };

    return (
        // Events only: Enter and clicks keep their meaning for every control inside.
        // eslint-disable-next-line jsx-a11y/no-static-element-interactions
        <div ref={ref} style={{ display: "contents" }} onClickCapture={onClickCapture} onKeyDown={onKeyDown}>
            {children}
        </div>
    );
}
