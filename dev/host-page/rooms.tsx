/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Just enough of Element's room list and timeline to prove what the module is about: create an
 * encrypted room, send a message, and see whether a session can read the history
 * ("Unable to decrypt message" until it has the keys, the text once it has them).
 */
import React, { useEffect, useReducer, useState, type ReactNode } from "react";
import {
    ClientEvent,
    EventType,
    MatrixEventEvent,
    RoomEvent,
    type MatrixClient,
    type MatrixEvent,
    type Room,
} from "matrix-js-sdk";
import { h } from "./strings";

/** Re-renders whenever the client reports a change that can affect rooms or their timelines. */
function useClientTick(client: MatrixClient): void {
    const [, tick] = useReducer((n: number) => n + 1, 0);
    useEffect(() => {
        const events = [
            ClientEvent.Room,
            RoomEvent.Timeline,
            RoomEvent.Name,
            RoomEvent.MyMembership,
            MatrixEventEvent.Decrypted,
        ];
        for (const event of events) client.on(event as never, tick as never);
        return () => {
            for (const event of events) client.off(event as never, tick as never);
        };
    }, [client]);
}

export function RoomList({ client, currentRoomId }: { client: MatrixClient; currentRoomId: string | null }): ReactNode {
    useClientTick(client);
    const [busy, setBusy] = useState(false);
    const rooms = client
        .getRooms()
        .filter((room) => ["join", "invite"].includes(room.getMyMembership()))
        .sort((a, b) => b.getLastActiveTimestamp() - a.getLastActiveTimestamp());

    const createRoom = async (): Promise<void> => {
        setBusy(true);
        try {
            const { room_id: roomId } = await client.createRoom({
                name: h("Encrypted room {time}", { time: new Date().toLocaleTimeString() }),
                initial_state: [
                    { type: EventType.RoomEncryption, state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
                ],
            });
            window.location.hash = `#/room/${encodeURIComponent(roomId)}`;
        } finally {
            setBusy(false);
        }
    };

    return (
        <div className="mx_DevRoomList">
            <div className="mx_DevRoomList_header">
                <h2>{h("Rooms")}</h2>
                <button
                    type="button"
                    className="mx_DevButton mx_DevButton_secondary mx_DevButton_small"
                    disabled={busy}
                    onClick={() => void createRoom()}
                >
                    {h("New encrypted room")}
                </button>
            </div>
            <ul>
                {rooms.map((room) => (
                    <li key={room.roomId}>
                        <a
                            href={`#/room/${encodeURIComponent(room.roomId)}`}
                            aria-current={room.roomId === currentRoomId ? "page" : undefined}
                        >
                            {room.name}
                            {room.getMyMembership() === "invite" ? h(" (invited)") : ""}
                        </a>
                    </li>
                ))}
            </ul>
            {rooms.length === 0 && <p className="mx_DevMuted">{h("No rooms yet.")}</p>}
        </div>
    );
}

function describe(event: MatrixEvent): string {
    if (event.isDecryptionFailure()) return h("Unable to decrypt message");
    if (event.isBeingDecrypted() || event.getType() === EventType.RoomMessageEncrypted) return h("Decrypting…");
    const body = event.getContent().body;
    return typeof body === "string" ? body : "";
}

export function RoomView({ client, roomId }: { client: MatrixClient; roomId: string }): ReactNode {
    useClientTick(client);
    const [draft, setDraft] = useState("");
    const room: Room | null = client.getRoom(roomId);
    if (!room) return <p className="mx_DevMuted">{h("Room not found.")}</p>;

    if (room.getMyMembership() === "invite") {
        return (
            <div className="mx_DevRoom">
                <h1>{room.name}</h1>
                <button type="button" className="mx_DevButton" onClick={() => void client.joinRoom(roomId)}>
                    {h("Join")}
                </button>
            </div>
        );
    }

    const messages = room
        .getLiveTimeline()
        .getEvents()
        .filter((event) =>
            [EventType.RoomMessage, EventType.RoomMessageEncrypted].includes(event.getType() as EventType),
        );

    const send = async (event: React.FormEvent): Promise<void> => {
        event.preventDefault();
        const text = draft.trim();
        if (!text) return;
        setDraft("");
        await client.sendTextMessage(roomId, text);
    };

    return (
        <div className="mx_DevRoom">
            <h1>{room.name}</h1>
            <p className="mx_DevMuted">{room.hasEncryptionStateEvent() ? h("Encrypted room") : h("Not encrypted")}</p>
            <ol className="mx_DevTimeline" aria-label={h("Messages")}>
                {messages.map((event) => (
                    <li
                        key={event.getId() ?? event.getTxnId()}
                        className={event.isDecryptionFailure() ? "mx_DevUtd" : undefined}
                    >
                        <span className="mx_DevTimeline_sender">{event.getSender()}</span>
                        <span className="mx_DevTimeline_body">{describe(event)}</span>
                    </li>
                ))}
            </ol>
            <form className="mx_DevComposer" onSubmit={(event) => void send(event)}>
                <label className="mx_DevVisuallyHidden" htmlFor="mx_dev_composer">
                    {h("Message")}
                </label>
                <input
                    id="mx_dev_composer"
                    placeholder={h("Send an encrypted message…")}
                    value={draft}
                    onChange={(event) => setDraft(event.target.value)}
                />
                <button type="submit" className="mx_DevButton">
                    {h("Send")}
                </button>
            </form>
        </div>
    );
}
