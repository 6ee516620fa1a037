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
            request.isSelfVerification ? "Verify other device" : "Verify user",
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
                <h2 id="mx_dev_toast_title">Verification requested</h2>
                <p id="mx_dev_toast_body">
                    {request.isSelfVerification
                        ? `Your other session ${deviceName} wants to verify this session.`
                        : `${request.otherUserId} wants to verify you.`}
                </p>
                <div className="mx_DevForm_buttons">
                    <button
                        type="button"
                        className="mx_DevButton mx_DevButton_secondary"
                        onClick={() => void request.cancel()}
                    >
                        Ignore
                    </button>
                    <button type="button" className="mx_DevButton" onClick={() => void verify()}>
                        Verify session
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
                <p>Verified! This session and {request.otherDeviceId ?? request.otherUserId} now trust each other.</p>
                <div className="mx_DevForm_buttons">
                    <button type="button" className="mx_DevButton" onClick={onClose}>
                        Got it
                    </button>
                </div>
            </div>
        );
    }
    if (request.phase === VerificationPhase.Cancelled) {
        return (
            <div className="mx_DevForm">
                <p>The verification was cancelled.</p>
                <div className="mx_DevForm_buttons">
                    <button type="button" className="mx_DevButton" onClick={onClose}>
                        Close
                    </button>
                </div>
            </div>
        );
    }
    if (sas?.sas.emoji) {
        return (
            <div className="mx_DevForm">
                <p>Confirm that the emoji below are displayed on both devices, in the same order:</p>
                <ol className="mx_DevSas" aria-label="Emoji to compare">
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
                    <p role="status">Waiting for the other device to confirm…</p>
                ) : (
                    <div className="mx_DevForm_buttons">
                        <button
                            type="button"
                            className="mx_DevButton mx_DevButton_secondary"
                            onClick={() => sas.mismatch()}
                        >
                            They don&apos;t match
                        </button>
                        <button
                            type="button"
                            className="mx_DevButton"
                            onClick={() => {
                                setConfirmed(true);
                                void sas.confirm();
                            }}
                        >
                            They match
                        </button>
                    </div>
                )}
            </div>
        );
    }
    return (
        <div className="mx_DevForm">
            <p role="status">Waiting for the other device to start comparing emoji…</p>
            {request.phase === VerificationPhase.Ready && !verifier && (
                <div className="mx_DevForm_buttons">
                    <button
                        type="button"
                        className="mx_DevButton"
                        onClick={() => void request.startVerification("m.sas.v1")}
                    >
                        Verify by emoji
                    </button>
                </div>
            )}
        </div>
    );
}
