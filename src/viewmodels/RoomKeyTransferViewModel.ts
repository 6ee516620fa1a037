/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * An offline backup next to the server one: this session's room keys exported to a
 * passphrase-protected file in the format Element's own "Export keys" writes, and such a file (from
 * the module, Element or another client) imported, with progress and the number of keys restored.
 * Everything happens in this browser: the file is made here and handed to the user as a download.
 */
import type { HostClient } from "../matrix/hostClient";

import { KeyFileFormatError, KeyFilePassphraseError } from "../matrix/keys/megolmExport";
import { exportPassphraseProblem, MIN_EXPORT_PASSPHRASE_LENGTH } from "../matrix/keys/exportPassphrase";
import {
    exportRoomKeyFile,
    importRoomKeyFile,
    roomKeysSupported,
    RoomKeysUnsupportedError,
} from "../matrix/keys/roomKeys";
import { readDehydrationSupport } from "../matrix/keys/dehydration";
import type { ImportProblem, RoomKeyTransferActions, RoomKeyTransferSnapshot } from "../views/checkup/types";
import { ViewModel } from "./ViewModel";

const CLOSED: Omit<RoomKeyTransferSnapshot, "supported" | "minPassphraseLength" | "dehydration"> = {
    flow: "none",
    step: "input",
    exportProblem: null,
    importProblem: null,
    file: null,
    progress: null,
    result: null,
};

export class RoomKeyTransferViewModel extends ViewModel<RoomKeyTransferSnapshot> implements RoomKeyTransferActions {
    public constructor(
        private readonly client: HostClient,
        /** PBKDF2 rounds of exported files: Element's 500,000 unless a test asks for fewer. */
        private readonly rounds?: number,
    ) {
        super({
            ...CLOSED,
            supported: roomKeysSupported(client),
            minPassphraseLength: MIN_EXPORT_PASSPHRASE_LENGTH,
            dehydration: null,
        });
    }

    /** Asks whether a dehydrated device is possible here (the homeserver's answer: one GET). */
    public readonly checkDehydration = (): void => {
        if (this.getSnapshot().dehydration !== null) return;
        this.setSnapshot({ dehydration: "checking" });
        void readDehydrationSupport(this.client).then((dehydration) => {
            if (!this.isDisposed) this.setSnapshot({ dehydration });
        });
    };

    public readonly startExport = (): void => {
        this.setSnapshot({ ...CLOSED, flow: "export" });
    };

    public readonly startImport = (): void => {
        this.setSnapshot({ ...CLOSED, flow: "import" });
    };

    /** Closes either flow; the exported file's text leaves the snapshot. */
    public readonly close = (): void => {
        this.setSnapshot({ ...CLOSED });
    };

    /** Encrypts this session's room keys with `passphrase` (typed twice) into a file to save. */
    public readonly exportKeys = async (passphrase: string, again: string): Promise<void> => {
        const { flow, step } = this.getSnapshot();
        if (flow !== "export" || step !== "input") return;
        const weak = exportPassphraseProblem(passphrase);
        if (weak) return this.setSnapshot({ exportProblem: weak });
        if (passphrase !== again) return this.setSnapshot({ exportProblem: "mismatch" });
        this.setSnapshot({ step: "working", exportProblem: null });
        try {
            const { text, count } = await exportRoomKeyFile(this.client, passphrase, this.rounds);
            if (this.getSnapshot().flow !== "export") return;
            const date = new Date().toISOString().slice(0, 10);
            this.setSnapshot({ step: "done", file: { name: `element-keys-${date}.txt`, text, count } });
        } catch (error) {
            if (this.getSnapshot().flow !== "export") return;
            this.setSnapshot({
                step: "input",
                exportProblem: "failed",
                supported: !(error instanceof RoomKeysUnsupportedError),
            });
        }
    };

    /** Decrypts the file's text with `passphrase` and imports its keys into this session. */
    public readonly importKeys = async (fileText: string, passphrase: string): Promise<void> => {
        const { flow, step } = this.getSnapshot();
        if (flow !== "import" || step !== "input") return;
        this.setSnapshot({ step: "working", importProblem: null, progress: null });
        try {
            const result = await importRoomKeyFile(this.client, fileText, passphrase, (progress) => {
                if (this.getSnapshot().flow === "import") this.setSnapshot({ progress });
            });
            if (this.getSnapshot().flow !== "import") return;
            this.setSnapshot({ step: "done", result, progress: null });
        } catch (error) {
            if (this.getSnapshot().flow !== "import") return;
            const importProblem: ImportProblem =
                error instanceof KeyFilePassphraseError
                    ? "wrong_passphrase"
                    : error instanceof KeyFileFormatError
                      ? "not_a_key_file"
                      : "failed";
            this.setSnapshot({ step: "input", importProblem, progress: null });
        }
    };
}

export type * from "../views/checkup/types";
