/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/* The posture summary's snapshot and actions (Admin section): what its view renders and may call. */
import type { PostureSummary, Protection } from "../../matrix/admin/posture";
import type { ReportLabels } from "../../matrix/admin/reportLabels";
import type { AdminProblem } from "./types";

export type { PostureSummary, Protection, ReportLabels };

export type PostureStep =
    | { kind: "idle" }
    | { kind: "running"; done: number; total: number | null }
    | { kind: "done"; summary: PostureSummary; stopped: boolean }
    | { kind: "error"; problem: AdminProblem };

export interface PostureSnapshot {
    step: PostureStep;
}

export interface PostureActions {
    start(): Promise<void>;
    /** Stops starting accounts; the summary covers those assessed so far (marked incomplete). */
    stop(): void;
    /** The HTML report of the last finished run (in the words of `labels`, default English), or null. */
    htmlReport(labels?: ReportLabels): string | null;
}
