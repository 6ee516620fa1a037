/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * This session's room keys out of and into the host client's crypto stack, through CryptoApi methods
 * that matrix-js-sdk 38.3.0 (what Element 1.12.0 hands us) already declares: exportRoomKeysAsJson /
 * exportRoomKeys and importRoomKeysAsJson / importRoomKeys with a progress callback. Feature-detected,
 * so a host client without them gets "not supported here" instead of a crash.
 */
import type { HostClient } from "../hostClient";

import { decryptKeyFile, encryptKeyFile } from "./megolmExport";

/** The host client's crypto stack cannot export or import room keys. */
export class RoomKeysUnsupportedError extends Error {
    public constructor() {
        super("This client cannot export or import room keys");
        this.name = "RoomKeysUnsupportedError";
    }
}

interface RoomKeyCrypto {
    exportRoomKeysAsJson?: () => Promise<string>;
    exportRoomKeys?: () => Promise<unknown[]>;
    importRoomKeysAsJson?: (json: string, opts?: { progressCallback?: (p: unknown) => void }) => Promise<void>;
    importRoomKeys?: (keys: unknown[], opts?: { progressCallback?: (p: unknown) => void }) => Promise<void>;
}

function roomKeyCrypto(client: HostClient): RoomKeyCrypto | null {
    return (client.getCrypto() as RoomKeyCrypto | undefined) ?? null;
}

/** Whether this client can export and import room keys. */
export function roomKeysSupported(client: HostClient): boolean {
    const crypto = roomKeyCrypto(client);
    return (
        !!crypto &&
        (typeof crypto.exportRoomKeysAsJson === "function" || typeof crypto.exportRoomKeys === "function") &&
        (typeof crypto.importRoomKeysAsJson === "function" || typeof crypto.importRoomKeys === "function")
    );
}

/** How many sessions a JSON list holds (0 when it is not a list). */
function countOf(json: string): number {
    try {
        const parsed: unknown = JSON.parse(json);
        return Array.isArray(parsed) ? parsed.length : 0;
    } catch {
        return 0;
    }
}

/** Every room key this session holds, encrypted into a key file with `passphrase`. */
export async function exportRoomKeyFile(
    client: HostClient,
    passphrase: string,
    rounds?: number,
): Promise<{ text: string; count: number }> {
    const crypto = roomKeyCrypto(client);
    let json: string;
    if (typeof crypto?.exportRoomKeysAsJson === "function") json = await crypto.exportRoomKeysAsJson();
    else if (typeof crypto?.exportRoomKeys === "function") json = JSON.stringify(await crypto.exportRoomKeys());
    else throw new RoomKeysUnsupportedError();
    const count = countOf(json);
    const text = await encryptKeyFile(json, passphrase, rounds);
    json = "";
    return { text, count };
}

export interface ImportProgress {
    done: number;
    total: number;
}

/**
 * Decrypts a key file and hands its keys to the crypto stack; `onProgress` hears how far it got.
 * Returns how many keys the file held and how many the crypto stack took (keys it already had count
 * as taken). Throws KeyFileFormatError / KeyFilePassphraseError before anything is imported.
 */
export async function importRoomKeyFile(
    client: HostClient,
    text: string,
    passphrase: string,
    onProgress?: (progress: ImportProgress) => void,
): Promise<{ total: number; imported: number }> {
    const crypto = roomKeyCrypto(client);
    if (!crypto || (typeof crypto.importRoomKeysAsJson !== "function" && typeof crypto.importRoomKeys !== "function"))
        throw new RoomKeysUnsupportedError();
    const json = await decryptKeyFile(text, passphrase);
    const total = countOf(json);
    let imported: number | null = null;
    const progressCallback = (progress: unknown): void => {
        const p = progress as { stage?: string; successes?: number; total?: number };
        if (p.stage !== "load_keys" || typeof p.successes !== "number") return;
        const of = typeof p.total === "number" ? p.total : total;
        // The rust crypto stack reports the index of the key it just handled (0 after the first),
        // which matrix-js-sdk passes on as `successes`: the count so far is one more.
        imported = Math.min(p.successes + 1, of);
        onProgress?.({ done: imported, total: of });
    };
    onProgress?.({ done: 0, total });
    if (typeof crypto.importRoomKeysAsJson === "function")
        await crypto.importRoomKeysAsJson(json, { progressCallback });
    else await crypto.importRoomKeys!(JSON.parse(json) as unknown[], { progressCallback });
    // With no progress reported (an older stack, or an empty file) it took all there were.
    return { total, imported: imported ?? total };
}
