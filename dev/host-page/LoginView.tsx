/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Element's login page, reduced: homeserver, username, password. "Create account" asks the
 * development server (dev/start.ts) to register the user with Synapse's shared secret, because the
 * local Synapse does not allow open registration.
 */
import React, { useState, type ReactNode } from "react";

import type { Session } from "./session";
import { h } from "./strings";

export function LoginView(props: {
    session: Session;
    homeserverUrl: string;
    onBusy: () => void;
    onFailed: () => void;
}): ReactNode {
    const [homeserverUrl, setHomeserverUrl] = useState(props.homeserverUrl);
    const [username, setUsername] = useState("");
    const [password, setPassword] = useState("");
    const [error, setError] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);

    const run = async (register: boolean): Promise<void> => {
        setBusy(true);
        setError(null);
        try {
            if (register) {
                const response = await fetch("/_dev/register", {
                    method: "POST",
                    headers: { "Content-Type": "application/json" },
                    body: JSON.stringify({ username, password }),
                });
                if (!response.ok) {
                    const body = (await response.json().catch(() => ({}))) as { error?: string };
                    throw new Error(
                        body.error ?? h("Registration failed (HTTP {status})", { status: response.status }),
                    );
                }
            }
            props.onBusy();
            await props.session.login(homeserverUrl, username, password);
        } catch (caught) {
            setPassword("");
            setError(caught instanceof Error ? caught.message : String(caught));
            setBusy(false);
            props.onFailed();
        }
    };

    return (
        <div className="mx_DevCentered">
            <form
                className="mx_DevForm mx_DevLogin"
                aria-labelledby="mx_dev_login_title"
                onSubmit={(event) => {
                    event.preventDefault();
                    void run(false);
                }}
            >
                <h1 id="mx_dev_login_title">{h("Sign in")}</h1>
                <p className="mx_DevLogin_note">
                    {h(
                        "No Element Web build was found, so this is the development stand-in, not Element (README: “Real Element”).",
                    )}
                </p>
                <label htmlFor="mx_dev_hs">{h("Homeserver")}</label>
                <input
                    id="mx_dev_hs"
                    type="url"
                    value={homeserverUrl}
                    onChange={(e) => setHomeserverUrl(e.target.value)}
                />
                <label htmlFor="mx_dev_username">{h("Username")}</label>
                <input
                    id="mx_dev_username"
                    autoComplete="username"
                    value={username}
                    onChange={(e) => setUsername(e.target.value)}
                />
                <label htmlFor="mx_dev_password">{h("Password")}</label>
                <input
                    id="mx_dev_password"
                    type="password"
                    autoComplete="current-password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                />
                {error && (
                    <p className="mx_DevForm_error" role="alert">
                        {error}
                    </p>
                )}
                <div className="mx_DevForm_buttons">
                    <button
                        type="button"
                        className="mx_DevButton mx_DevButton_secondary"
                        disabled={busy || !username || !password}
                        onClick={() => void run(true)}
                    >
                        {h("Create account")}
                    </button>
                    <button type="submit" className="mx_DevButton" disabled={busy || !username || !password}>
                        {h("Sign in")}
                    </button>
                </div>
            </form>
        </div>
    );
}
