/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { ProgressStream } from "./progress";

/**
 * Characters that must never reach a terminal from the server or an input file: C0 controls but tab
 * and newline (ESC starts terminal escape sequences that can rewrite the screen, set the window title
 * or fake output; CR overwrites a line), DEL, C1 controls, and the bidirectional overrides that make
 * text display in another order than it reads ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
    return text.replace(UNPRINTABLE, "");
}

/**
 * The same IO with every printed text made printable. Progress bars, which are all our own digits,
 * keep their carriage return and erase-line sequence through `rawWrite`.
 */
export function printableIO(io: CliIO): CliIO {
    return {
        ...io,
        stdout: { write: (text: string) => io.stdout.write(printable(text)) },
        stderr: {
            isTTY: io.stderr.isTTY,
            columns: io.stderr.columns,
            write: (text: string) => io.stderr.write(printable(text)),
            rawWrite: (text: string) => io.stderr.write(text),
        },
    };
}

/** Where a command reads and writes: the real process in the bin, buffers in tests. */
export interface CliIO {
    stdout: { write(text: string): unknown };
    stderr: ProgressStream;
    env: NodeJS.ProcessEnv;
    /** Aborted on Ctrl-C: an import stops starting rows, finishes the running ones and reports. */
    signal?: AbortSignal;
}
