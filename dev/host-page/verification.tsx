/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Element's answer to an incoming verification request, reduced: a toast ("Verification requested",
 * Ignore / Verify session) over the top of the room list, and a dialog that accepts the request and
 * runs the emoji comparison. The module leaves incoming requests to the host (Element shows these
 * toasts), so the development host must show them too, where Element does.
 */
import React, { useEffect, useReducer, useState, type ReactNode } from "react";
import type { MatrixClient } from "matrix-js-sdk";
import { CryptoEvent } from "matrix-js-sdk/lib/crypto-api/index.js";
import {
    VerificationPhase,
    VerificationRequestEvent,
    VerifierEvent,
    type ShowSasCallbacks,
    type VerificationRequest,
} from "matrix-js-sdk/lib/crypto-api/verification.js";

import type { DialogManager } from "./dialogs";
import { h } from "./strings";

export function VerificationToasts({ client, dialogs }: { client: MatrixClient; dialogs: DialogManager }): ReactNode {
    const [requests, setRequests] = useState<VerificationRequest[]>([]);
    const [names, setNames] = useState<Record<string, string>>({});

    useEffect(() => {
        const onRequest = (request: VerificationRequest): void => {
            if (request.initiatedByMe || request.phase !== VerificationPhase.Requested) return;
            setRequests((list) => [...list, request]);
            const deviceId = request.otherDeviceId;
            if (deviceId) {
                void client
                    .getCrypto()
                    ?.getUserDeviceInfo([request.otherUserId])
                    .then((devices) => {
                        const name = devices.get(request.otherUserId)?.get(deviceId)?.displayName;
                        if (name) setNames((known) => ({ ...known, [deviceId]: `${name} (${deviceId})` }));
                    });
            }
            const onChange = (): void => {
                // The toast goes once the request is answered here, elsewhere, or cancelled.
                if (request.phase !== VerificationPhase.Requested) {
                    request.off(VerificationRequestEvent.Change, onChange);
                    setRequests((list) => list.filter((r) => r !== request));
                }
            };
            request.on(VerificationRequestEvent.Change, onChange);
        };
        client.on(CryptoEvent.VerificationRequestReceived, onRequest);
        return () => {
            client.off(CryptoEvent.VerificationRequestReceived, onRequest);
        };
    }, [client]);

    const request = requests[0];
    if (!request) return null;
    const deviceName =
        (request.otherDeviceId && names[request.otherDeviceId]) ?? request.otherDeviceId ?? request.otherUserId;

    const verify = async (): Promise<void> => {
        setRequests((list) => list.filter((r) => r !== request));
        await request.accept();
        const remove = dialogs.open(
            request.isSelfVerification ? h("Verify other device") : h("Verify user"),
            <SasFlow request={request} onClose={() => remove()} />,
            () => {
                if (request.phase !== VerificationPhase.Done) void request.cancel();
                remove();
            },
        );
    };

    return (
        <div className="mx_DevToastContainer">
            <div
                className="mx_DevToast"
                role="alertdialog"
                aria-labelledby="mx_dev_toast_title"
                aria-describedby="mx_dev_toast_body"
            >
                <h2 id="mx_dev_toast_title">{h("Verification requested")}</h2>
                <p id="mx_dev_toast_body">
                    {request.isSelfVerification
                        ? h("Your other session {name} wants to verify this session.", { name: deviceName })
                        : h("{user} wants to verify you.", { user: request.otherUserId })}
                </p>
                <div className="mx_DevForm_buttons">
                    <button
                        type="button"
                        className="mx_DevButton mx_DevButton_secondary"
                        onClick={() => void request.cancel()}
                    >
                        {h("Ignore")}
                    </button>
                    <button type="button" className="mx_DevButton" onClick={() => void verify()}>
                        {h("Verify session")}
                    </button>
                </div>
            </div>
        </div>
    );
}

/** Accepted request → (the other side starts emoji, or we do) → compare → done. */
function SasFlow({ request, onClose }: { request: VerificationRequest; onClose: () => void }): ReactNode {
    const [, refresh] = useReducer((n: number) => n + 1, 0);
    const [sas, setSas] = useState<ShowSasCallbacks | null>(null);
    const [confirmed, setConfirmed] = useState(false);

    useEffect(() => {
        request.on(VerificationRequestEvent.Change, refresh);
        return () => {
            request.off(VerificationRequestEvent.Change, refresh);
        };
    }, [request]);

    const verifier = request.verifier;
    useEffect(() => {
        if (!verifier) return;
        const onShowSas = (callbacks: ShowSasCallbacks): void => setSas(callbacks);
        verifier.on(VerifierEvent.ShowSas, onShowSas);
        const shown = verifier.getShowSasCallbacks();
        if (shown) setSas(shown);
        verifier.verify().catch(() => undefined); // the outcome arrives as a phase change
        return () => {
            verifier.off(VerifierEvent.ShowSas, onShowSas);
        };
    }, [verifier]);

    if (request.phase === VerificationPhase.Done) {
        return (
            <div className="mx_DevForm">
                <p>
                    {h("Verified! This session and {other} now trust each other.", {
                        other: request.otherDeviceId ?? request.otherUserId,
                    })}
                </p>
                <div className="mx_DevForm_buttons">
                    <button type="button" className="mx_DevButton" onClick={onClose}>
                        {h("Got it")}
                    </button>
                </div>
            </div>
        );
    }
    if (request.phase === VerificationPhase.Cancelled) {
        return (
            <div className="mx_DevForm">
                <p>{h("The verification was cancelled.")}</p>
                <div className="mx_DevForm_buttons">
                    <button type="button" className="mx_DevButton" onClick={onClose}>
                        {h("Close")}
                    </button>
                </div>
            </div>
        );
    }
    if (sas?.sas.emoji) {
        return (
            <div className="mx_DevForm">
                <p>{h("Confirm that the emoji below are displayed on both devices, in the same order:")}</p>
                <ol className="mx_DevSas" aria-label={h("Emoji to compare")}>
                    {sas.sas.emoji.map(([emoji, name], index) => (
                        <li key={index}>
                            <span className="mx_DevSas_emoji" aria-hidden="true">
                                {emoji}
                            </span>
                            <span>{name}</span>
                        </li>
                    ))}
                </ol>
                {confirmed ? (
                    <p role="status">{h("Waiting for the other device to confirm…")}</p>
                ) : (
                    <div className="mx_DevForm_buttons">
                        <button
                            type="button"
                            className="mx_DevButton mx_DevButton_secondary"
                            onClick={() => sas.mismatch()}
                        >
                            {h("They don't match")}
                        </button>
                        <button
                            type="button"
                            className="mx_DevButton"
                            onClick={() => {
                                setConfirmed(true);
                                void sas.confirm();
                            }}
                        >
                            {h("They match")}
                        </button>
                    </div>
                )}
            </div>
        );
    }
    return (
        <div className="mx_DevForm">
            <p role="status">{h("Waiting for the other device to start comparing emoji…")}</p>
            {request.phase === VerificationPhase.Ready && !verifier && (
                <div className="mx_DevForm_buttons">
                    <button
                        type="button"
                        className="mx_DevButton"
                        onClick={() => void request.startVerification("m.sas.v1")}
                    >
                        {h("Verify by emoji")}
                    </button>
                </div>
            )}
        </div>
    );
}
