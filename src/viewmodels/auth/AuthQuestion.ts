/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { AuthAnswer, AuthMethod } from "../../matrix/uia";
import type { AuthRequest } from "../../views/auth/types";

export type { AuthRequest };

/**
 * The one "confirm it's you" prompt of every flow that needs a password or SSO (Secure Backup's
 * set-up and reset, adding an email): `ask` is the AuthPrompt handed to withUserInteractiveAuth, and
 * the view answers through its view-model's `submitAuth(answer | null)`, null meaning cancel. One
 * question at a time: a new one cancels the one before.
 */
export class AuthQuestion {
    private resolve: ((answer: AuthAnswer | null) => void) | null = null;
    /** Set when the last question could not be offered, so the cancel it causes is reported, not silent. */
    private unsupported = false;

    /** `show` puts the request on screen (null: take it away). */
    public constructor(private readonly show: (request: AuthRequest | null) => void) {}

    /** The AuthPrompt for withUserInteractiveAuth; `wanted` false (an abandoned action) answers null at once. */
    public readonly ask = (method: AuthMethod, failed: boolean, wanted = true): Promise<AuthAnswer | null> => {
        if (!wanted) return Promise.resolve(null);
        if (method.kind === "unsupported") {
            this.unsupported = true;
            return Promise.resolve(null);
        }
        this.answer(null);
        return new Promise((resolve) => {
            this.resolve = resolve;
            this.show({ method, failed });
        });
    };

    /** Whether a question is waiting for the user. */
    public get open(): boolean {
        return this.resolve !== null;
    }

    /** The user's answer (null: cancel); hands it straight to the waiting request, never keeps it. */
    public answer(answer: AuthAnswer | null): void {
        const resolve = this.resolve;
        this.resolve = null;
        if (resolve) this.show(null);
        resolve?.(answer);
    }

    /** Whether the last cancel came from a question we could not offer (then it is a problem to report). */
    public takeUnsupported(): boolean {
        const unsupported = this.unsupported;
        this.unsupported = false;
        return unsupported;
    }
}
