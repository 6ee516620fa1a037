/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../matrix/hostClient";

import type { AccountSecurityConfig } from "../config";
import { createTranslator, type Translate } from "../i18n";
import { followAccountForPendingAdds } from "../matrix/email/pendingAddAccount";
import { browserStorage } from "../matrix/localStorage";
import { ClientWatcher } from "./ClientWatcher";
import { elementShowsFullPage, onElementFullPageChange } from "./elementFullPage";
import { openElementEncryptionSettings } from "./elementGlobals";
import { ELEMENT_STYLE_OPT_OUTS } from "./elementStyles";
import type { PanelTarget } from "../panelTargets";
import { AccountSession } from "../panel/AccountSession";
import type { Host } from "../panel/Host";

/** Opens the panel through the host's API object; loaded lazily so that the panel code stays out of the entry chunk. */
export type PanelOpener<A> = (api: A, host: Host, target?: PanelTarget) => void;

/**
 * What the runtime and the build-time adapter share, whatever the module API: Element's logged-in
 * client followed by a ClientWatcher, a translator per language, the lazily loaded panel, Element's own
 * encryption settings. Each adapter says how it reads the language and when the watcher looks again.
 */
export abstract class ElementHost<A> implements Host {
    public readonly showsVerificationRequestToasts = true;
    public readonly styleOptOuts = ELEMENT_STYLE_OPT_OUTS;
    protected readonly watcher = new ClientWatcher();
    private translator: { language: string; t: Translate } | null = null;
    private account: AccountSession | null = null;

    public constructor(
        protected readonly api: A,
        public readonly config: AccountSecurityConfig,
        private readonly loadPanelOpener: () => Promise<PanelOpener<A>>,
    ) {}

    /**
     * Starts following the host's client. No request. Also keeps an unfinished email add (kept in
     * local storage across reloads) to its account: forgotten when that account logs out or another
     * logs in, whether or not the panel is open.
     */
    protected startWatching(): void {
        const followAccount = followAccountForPendingAdds(browserStorage);
        this.watcher.subscribe((client) => followAccount(client?.getUserId?.() ?? null));
        this.watcher.start();
        // The client the host already has: a later logout must be noticed as one.
        if (this.watcher.current) followAccount(this.watcher.current.getUserId?.() ?? null);
    }

    public abstract get language(): string;

    /** A translator for the host's current language (Element can switch language without a reload). */
    public get t(): Translate {
        const language = this.language;
        if (this.translator?.language !== language) this.translator = { language, t: createTranslator(language) };
        return this.translator.t;
    }

    public getClient(): HostClient | null {
        return this.watcher.current;
    }

    public onClientChange(listener: (client: HostClient | null) => void): () => void {
        return this.watcher.subscribe(listener);
    }

    public getAccount(): AccountSession | null {
        const client = this.watcher.current;
        if (this.account?.client !== client) {
            // The previous account's watchers and caches end with it.
            this.account?.dispose();
            this.account = client ? new AccountSession(client) : null;
        }
        return this.account;
    }

    public openPanel(section?: PanelTarget): void {
        this.loadPanelOpener()
            .then((open) => open(this.api, this, section))
            .catch((error) => console.error("[account-security] the panel could not be loaded", error));
    }

    public hostShowsFullPage(): boolean {
        return elementShowsFullPage();
    }

    public onHostFullPageChange(listener: () => void): () => void {
        return onElementFullPageChange(listener);
    }

    public openHostEncryptionSettings(): boolean {
        return openElementEncryptionSettings();
    }
}
