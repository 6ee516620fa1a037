/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";

import { withTimeout } from "../errors";
import { cryptoOf } from "./readFacts";

/** `done` of `total` keys imported; `total` is null while the keys are still being downloaded. */
export type RestoreProgress = { done: number; total: number | null };

/** How long a restore may run; large backups take a while, but no spinner is unbounded. */
export const RESTORE_TIMEOUT_MS = 10 * 60_000;

/**
 * Downloads the whole key backup and imports it, reporting progress. Needs the backup key cached
 * here (after `enterRecoveryKey`). Safe to repeat after a failure: already-imported keys are skipped.
 */
export async function restoreFromBackup(
    client: HostClient,
    onProgress: (progress: RestoreProgress) => void,
): Promise<{ total: number; imported: number }> {
    const crypto = cryptoOf(client);
    onProgress({ done: 0, total: null });
    return withTimeout(
        crypto.restoreKeyBackup({
            progressCallback: (p) => {
                // ImportRoomKeyStage: "fetch" (downloading) then "load_keys" with counts.
                if (p.stage === ("load_keys" as typeof p.stage) && "total" in p) {
                    onProgress({ done: p.successes + p.failures, total: p.total });
                }
            },
        }),
        RESTORE_TIMEOUT_MS,
    );
}
