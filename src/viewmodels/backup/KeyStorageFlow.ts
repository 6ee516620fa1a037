/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { turnOffKeyStorage, turnOnKeyStorage } from "../../matrix/recovery";
import { NO_FLOW, problemOf, type BackupSection } from "./section";

/** Key storage on (a quick action) and off (after a plain-words confirmation). */
export class KeyStorageFlow {
    public constructor(private readonly section: BackupSection) {}

    public askTurnOffKeyStorage(): void {
        this.section.update({ flow: { kind: "confirm_key_storage_off", problem: null }, problem: null });
    }

    public async confirmTurnOffKeyStorage(): Promise<void> {
        const section = this.section;
        // Only from its confirmation step, and once (a double click or stale button changes nothing).
        if (section.getSnapshot().flow.kind !== "confirm_key_storage_off" || section.getSnapshot().busy) return;
        section.update({ busy: true });
        await section.runAction(async () => {
            try {
                await turnOffKeyStorage(section.client);
                section.update({ flow: NO_FLOW });
            } catch (error) {
                section.update({ flow: { kind: "confirm_key_storage_off", problem: problemOf(error) } });
            }
        });
        section.update({ busy: false });
    }

    public async turnOnKeyStorage(): Promise<void> {
        const section = this.section;
        section.update({ busy: true, problem: null });
        await section.runAction(async () => {
            try {
                await turnOnKeyStorage(section.client);
            } catch (error) {
                section.update({ problem: problemOf(error) });
            }
        });
        section.update({ busy: false });
    }
}
