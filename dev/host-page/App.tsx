/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The page layout of the development host, laid out like Element: a space panel on the far left
 * (Home plus any module item), the room list, and the main view, which shows a room, a module's
 * page for `#/<path>` (navigation.registerLocationRenderer), or the home page.
 */
import React, { useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import type { MatrixClient } from "matrix-js-sdk";

import type { HostUi } from "./api";
import type { DialogManager } from "./dialogs";
import { InHostForm } from "./hostForm";
import { LoginView } from "./LoginView";
import { RoomList, RoomView } from "./rooms";
import type { Session } from "./session";
import { VerificationToasts } from "./verification";
import { h } from "./strings";

export type SessionState = "restoring" | "logged_out" | "logged_in";

function useHash(): string {
    const [hash, setHash] = useState(window.location.hash);
    useEffect(() => {
        const onChange = (): void => setHash(window.location.hash);
        window.addEventListener("hashchange", onChange);
        return () => window.removeEventListener("hashchange", onChange);
    }, []);
    return hash;
}

export function App(props: {
    session: Session;
    ui: HostUi;
    dialogs: DialogManager;
    initialState: SessionState;
    homeserverUrl: string;
    language: string;
}): ReactNode {
    const { session, ui } = props;
    const [state, setState] = useState<SessionState>(props.initialState);
    const [client, setClient] = useState<MatrixClient | null>(session.current);
    useEffect(
        () =>
            session.onChange((next) => {
                setClient(next);
                setState(next ? "logged_in" : "logged_out");
            }),
        [session],
    );
    useEffect(() => setState(props.initialState), [props.initialState]);

    if (state === "restoring" || (state === "logged_in" && !client)) {
        return (
            <div className="mx_DevCentered" role="status">
                {h("Loading your session…")}
            </div>
        );
    }
    if (!client) {
        return (
            <LoginView
                session={session}
                homeserverUrl={props.homeserverUrl}
                onBusy={() => setState("restoring")}
                onFailed={() => setState("logged_out")}
            />
        );
    }
    return (
        <>
            <LoggedInView client={client} session={session} ui={ui} language={props.language} />
            <VerificationToasts client={client} dialogs={props.dialogs} />
        </>
    );
}

function LoggedInView(props: { client: MatrixClient; session: Session; ui: HostUi; language: string }): ReactNode {
    const { client, ui } = props;
    const hash = useHash();
    const screen = hash.replace(/^#\/?/, "").split("?")[0] ?? "";
    const spaceItems = useSyncExternalStore(ui.spacePanelItems.subscribe, ui.spacePanelItems.getSnapshot);
    const renderers = useSyncExternalStore(ui.locationRenderers.subscribe, ui.locationRenderers.getSnapshot);
    const [activeSpace, setActiveSpace] = useState<string>("home");

    const roomId = screen.startsWith("room/") ? decodeURIComponent(screen.slice("room/".length)) : null;
    const renderer = renderers.find(([path]) => path === screen)?.[1];

    let main: ReactNode;
    if (renderer) {
        main = (
            <div className="mx_DevModulePage">
                <InHostForm>{renderer()}</InHostForm>
            </div>
        );
    } else if (roomId) main = <RoomView key={roomId} client={client} roomId={roomId} />;
    else main = <HomePage client={client} />;

    return (
        <div className="mx_DevApp">
            <nav className="mx_DevSpacePanel" aria-label={h("Spaces")}>
                <button
                    type="button"
                    className="mx_DevSpaceButton"
                    aria-label={h("Home")}
                    title={h("Home")}
                    aria-current={activeSpace === "home" ? "true" : undefined}
                    onClick={() => {
                        setActiveSpace("home");
                        window.location.hash = "#/home";
                    }}
                >
                    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true">
                        <path fill="currentColor" d="M12 3 2 11h3v9h5v-6h4v6h5v-9h3L12 3Z" />
                    </svg>
                </button>
                {spaceItems.map(([key, item]) => (
                    <button
                        key={key}
                        type="button"
                        className={`mx_DevSpaceButton ${item.className ?? ""}`}
                        style={item.style}
                        // As Element's SpaceButton (SpaceTreeLevel.tsx): named by `label` through aria-label,
                        // and in the collapsed panel `label` is also its tooltip (`tooltip` is not shown).
                        // So any visible text inside the icon must be part of `label` (axe checks that).
                        aria-label={item.label}
                        title={item.label}
                        aria-current={activeSpace === key ? "true" : undefined}
                        onClick={() => {
                            // Element makes a clicked item the active space, then calls the module.
                            setActiveSpace(key);
                            item.onSelected();
                        }}
                    >
                        {item.icon}
                    </button>
                ))}
            </nav>
            <aside className="mx_DevLeftPanel" aria-label={h("Rooms")}>
                <UserMenu client={client} session={props.session} language={props.language} />
                {activeSpace === "home" ? <RoomList client={client} currentRoomId={roomId} /> : null}
            </aside>
            <main className="mx_DevMain">{main}</main>
        </div>
    );
}

function UserMenu(props: { client: MatrixClient; session: Session; language: string }): ReactNode {
    const [busy, setBusy] = useState(false);
    return (
        <div className="mx_DevUserMenu">
            <div className="mx_DevUserMenu_id">
                <strong>{props.client.getSafeUserId()}</strong>
                <span>{h("Session {id}", { id: props.client.getDeviceId() ?? "" })}</span>
            </div>
            <div className="mx_DevUserMenu_actions">
                <label className="mx_DevVisuallyHidden" htmlFor="mx_dev_language">
                    {h("Language")}
                </label>
                <select
                    id="mx_dev_language"
                    value={props.language}
                    onChange={(event) => {
                        localStorage.setItem("mx_dev_host_language", event.target.value);
                        window.location.reload();
                    }}
                >
                    <option value="en">English</option>
                    <option value="de">Deutsch</option>
                </select>
                <a href="/mail" target="_blank" rel="noreferrer">
                    {h("Mail")}
                </a>
                <button
                    type="button"
                    className="mx_DevButton mx_DevButton_secondary mx_DevButton_small"
                    disabled={busy}
                    onClick={() => {
                        setBusy(true);
                        window.location.hash = "";
                        void props.session.logout();
                    }}
                >
                    {h("Sign out")}
                </button>
            </div>
        </div>
    );
}

function HomePage({ client }: { client: MatrixClient }): ReactNode {
    return (
        <div className="mx_DevHome">
            <h1>{h("Welcome, {user}", { user: client.getSafeUserId() })}</h1>
            <p>
                {h(
                    "This page is a development stand-in for Element Web. The Account security module is loaded into it through the real module loader, exactly as Element loads it from",
                )}{" "}
                <code>config.json</code>.
            </p>
            <p>
                {h(
                    "Open it from the shield in the space panel on the left, or create an encrypted room to try message history.",
                )}
            </p>
        </div>
    );
}
