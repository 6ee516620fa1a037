/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The server's security posture in the Admin section: the same collection and summary as the
 * command line's `report` (src/matrix/admin/postureCollect.ts, posture.ts), run in the browser with
 * the admin's own client, and the same HTML page to download. It starts on request, never by itself:
 * on a large server it is thousands of Admin API reads.
 */

import { describeFailure, networkProblem } from "../matrix/errors";
import { collectPosture } from "../matrix/admin/postureCollect";
import { summarize, type AccountRecord } from "../matrix/admin/posture";
import { ENGLISH_LABELS, renderHtmlReport, type ReportLabels } from "../matrix/admin/reportHtml";
import type { SynapseAdminApi } from "../matrix/admin/SynapseAdminApi";
import type { PostureActions, PostureSnapshot } from "../views/admin/postureTypes";
import { ViewModel } from "./ViewModel";

/**
 * - `idle`: nothing gathered yet; "Check the server" starts.
 * - `running`: `done` of `total` accounts (total null while the account list is read).
 * - `done`: the summary (with `complete` false when some accounts could not be assessed: named).
 * - `error`: the account list itself could not be read.
 */
export interface PostureViewModelOptions {
    api: SynapseAdminApi;
    /** Named in the report (the homeserver's base URL). */
    homeserver: string;
    staleDays?: number;
    /** Accounts at once; the browser shares the admin's connection with Element, so fewer than the CLI. */
    concurrency?: number;
    labels?: ReportLabels;
    now?: () => number;
}

export class PostureViewModel extends ViewModel<PostureSnapshot> implements PostureActions {
    private stopping = false;
    private records: AccountRecord[] = [];

    public constructor(private readonly options: PostureViewModelOptions) {
        super({ step: { kind: "idle" } });
        this.onDispose(() => {
            this.stopping = true;
        });
    }

    public async start(): Promise<void> {
        if (this.getSnapshot().step.kind === "running") return;
        this.stopping = false;
        this.records = [];
        this.setSnapshot({ step: { kind: "running", done: 0, total: null } });
        let total: number | null = null;
        let done = 0;
        try {
            const { records, listed } = await collectPosture({
                api: this.options.api,
                staleDays: this.options.staleDays ?? 90,
                concurrency: this.options.concurrency ?? 4,
                now: this.options.now,
                onTotal: (n) => {
                    total = n;
                    this.setSnapshot({ step: { kind: "running", done, total } });
                },
                onRecord: () => {
                    done++;
                    // Redraw at most every 1% (and at the end): thousands of snapshots would be wasted renders.
                    if (total === null || done === total || done % Math.max(1, Math.floor(total / 100)) === 0)
                        this.setSnapshot({ step: { kind: "running", done, total } });
                },
                shouldStop: () => this.stopping,
            });
            if (this.isDisposed) return;
            this.records = records;
            const summary = summarize(records, {
                homeserver: this.options.homeserver,
                staleDays: this.options.staleDays ?? 90,
                interrupted: records.length < listed.length,
            });
            this.setSnapshot({ step: { kind: "done", summary, stopped: records.length < listed.length } });
        } catch (error) {
            const failure = describeFailure(error);
            this.setSnapshot({
                step: {
                    kind: "error",
                    problem:
                        networkProblem(failure) ??
                        (failure.httpStatus === 403
                            ? { kind: "forbidden" }
                            : { kind: "unknown", detail: failure.detail }),
                },
            });
        }
    }

    public stop(): void {
        this.stopping = true;
    }

    public htmlReport(labels?: ReportLabels): string | null {
        const step = this.getSnapshot().step;
        if (step.kind !== "done") return null;
        return renderHtmlReport({
            summary: step.summary,
            records: this.records,
            labels: labels ?? this.options.labels ?? ENGLISH_LABELS,
        });
    }
}

export type * from "../views/admin/postureTypes";
