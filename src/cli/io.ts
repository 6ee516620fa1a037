/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { ProgressStream } from "./progress";

/** Where a command reads and writes: the real process in the bin, buffers in tests. */
export interface CliIO {
    stdout: { write(text: string): unknown };
    stderr: ProgressStream;
    env: NodeJS.ProcessEnv;
    /** Aborted on Ctrl-C: an import stops starting rows, finishes the running ones and reports. */
    signal?: AbortSignal;
}
