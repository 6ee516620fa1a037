/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Progress on stderr, so stdout stays clean for results. On a terminal: one line redrawn in place
 * (bar, count, rate, ETA), at most ten times a second. Elsewhere (CI logs, a file): a plain line every
 * ten seconds, so logs stay readable.
 */

export interface ProgressStream {
    isTTY?: boolean;
    columns?: number;
    write(text: string): unknown;
}

export function formatDuration(seconds: number): string {
    if (!Number.isFinite(seconds)) return "?";
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return `${s}s`;
    if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
    return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

export class Progress {
    private done = 0;
    private lastDraw = 0;
    private readonly started: number;

    public constructor(
        private readonly total: number,
        private readonly stream: ProgressStream,
        private readonly enabled: boolean,
        private readonly now: () => number = () => Date.now(),
        /** What is counted ("rows", "accounts"). */
        private readonly unit = "rows",
    ) {
        this.started = now();
    }

    /** Rows per second since the start. */
    public rate(): number {
        const seconds = (this.now() - this.started) / 1000;
        return seconds > 0 ? this.done / seconds : 0;
    }

    public line(): string {
        const rate = this.rate();
        const percent = this.total > 0 ? Math.floor((this.done / this.total) * 100) : 100;
        const eta = rate > 0 ? formatDuration((this.total - this.done) / rate) : "?";
        const stats = `${this.done}/${this.total} ${percent}% ${rate.toFixed(1)} ${this.unit}/s ETA ${eta}`;
        if (!this.stream.isTTY) return stats;
        const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - stats.length - 4));
        const filled = this.total > 0 ? Math.round((this.done / this.total) * width) : width;
        return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${stats}`;
    }

    public advance(rows = 1): void {
        this.done += rows;
        if (!this.enabled) return;
        const now = this.now();
        const interval = this.stream.isTTY ? 100 : 10_000;
        if (now - this.lastDraw < interval && this.done < this.total) return;
        this.lastDraw = now;
        this.stream.write(this.stream.isTTY ? `\r${this.line()}\x1b[K` : `${this.line()}\n`);
    }

    /** Ends the progress line so what follows starts on its own line. */
    public finish(): void {
        if (this.enabled && this.stream.isTTY) this.stream.write(`\r${this.line()}\x1b[K\n`);
    }
}
