/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Modal dialogs the way Element frames them (Modal.tsx + BaseDialog): a title, a "Close dialog" X,
 * Escape to cancel, focus kept inside the dialog and given back to the opener when it closes.
 * Dialogs live in their own React root so they also work before login (the recovery key prompt).
 */
import React, { useEffect, useRef, useSyncExternalStore, type ReactNode } from "react";

import { h } from "./strings";

interface OpenDialog {
    id: number;
    title: string;
    body: ReactNode;
    onCancel(): void;
}

export class DialogManager {
    private dialogs: OpenDialog[] = [];
    private nextId = 1;
    private readonly listeners = new Set<() => void>();

    /** Shows a dialog on top of any other; returns a function that removes it. */
    public open(title: string, body: ReactNode, onCancel: () => void): () => void {
        const id = this.nextId++;
        this.dialogs = [...this.dialogs, { id, title, body, onCancel }];
        this.emit();
        return () => {
            this.dialogs = this.dialogs.filter((dialog) => dialog.id !== id);
            this.emit();
        };
    }

    public subscribe = (listener: () => void): (() => void) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    };

    public getSnapshot = (): OpenDialog[] => this.dialogs;

    private emit(): void {
        for (const listener of this.listeners) listener();
    }
}

export function DialogContainer({ manager }: { manager: DialogManager }): ReactNode {
    const dialogs = useSyncExternalStore(manager.subscribe, manager.getSnapshot);
    if (dialogs.length === 0) return null;
    return (
        <>
            {dialogs.map((dialog, index) => (
                <DialogFrame key={dialog.id} dialog={dialog} topmost={index === dialogs.length - 1} />
            ))}
        </>
    );
}

const FOCUSABLE =
    'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function DialogFrame({ dialog, topmost }: { dialog: OpenDialog; topmost: boolean }): ReactNode {
    const frame = useRef<HTMLDivElement>(null);
    const titleId = `mx_dev_dialog_title_${dialog.id}`;

    // Focus the first control on open; give focus back to whatever opened the dialog on close.
    useEffect(() => {
        const opener = document.activeElement as HTMLElement | null;
        const timer = setTimeout(() => {
            const content = frame.current?.querySelector<HTMLElement>(".mx_Dialog_content");
            const first = content?.querySelector<HTMLElement>(FOCUSABLE) ?? frame.current;
            if (frame.current && !frame.current.contains(document.activeElement)) first?.focus();
        });
        return () => {
            clearTimeout(timer);
            if (opener && document.contains(opener)) opener.focus();
        };
    }, []);

    // Escape and the focus trap listen on the document, for the topmost dialog only.
    useEffect(() => {
        if (!topmost) return;
        const onKeyDown = (event: KeyboardEvent): void => {
            if (event.key === "Escape") {
                event.stopPropagation();
                dialog.onCancel();
            } else if (event.key === "Tab" && frame.current) {
                // Tab from the last control wraps to the first, Shift+Tab the other way.
                const focusable = [...frame.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
                    (element) => element.offsetParent !== null,
                );
                if (focusable.length === 0) return;
                const first = focusable[0]!;
                const last = focusable[focusable.length - 1]!;
                const inside = frame.current.contains(document.activeElement);
                if (event.shiftKey && (document.activeElement === first || !inside)) {
                    event.preventDefault();
                    last.focus();
                } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
                    event.preventDefault();
                    first.focus();
                }
            }
        };
        document.addEventListener("keydown", onKeyDown);
        return () => document.removeEventListener("keydown", onKeyDown);
    }, [topmost, dialog]);

    return (
        <div className="mx_Dialog_wrapper">
            <div className="mx_Dialog_background" aria-hidden="true" />
            <div
                ref={frame}
                className="mx_Dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby={titleId}
                tabIndex={-1}
            >
                <div className="mx_Dialog_header">
                    <h1 id={titleId} className="mx_Dialog_title">
                        {dialog.title}
                    </h1>
                    <button
                        type="button"
                        className="mx_Dialog_cancelButton"
                        aria-label={h("Close dialog")}
                        onClick={dialog.onCancel}
                    >
                        <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true">
                            <path
                                fill="currentColor"
                                d="M6.293 6.293a1 1 0 0 1 1.414 0L12 10.586l4.293-4.293a1 1 0 1 1 1.414 1.414L13.414 12l4.293 4.293a1 1 0 0 1-1.414 1.414L12 13.414l-4.293 4.293a1 1 0 0 1-1.414-1.414L10.586 12 6.293 7.707a1 1 0 0 1 0-1.414Z"
                            />
                        </svg>
                    </button>
                </div>
                <div className="mx_Dialog_content">{dialog.body}</div>
            </div>
        </div>
    );
}
