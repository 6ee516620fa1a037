/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Side effect: the Admin section's English strings come with it (see adminStrings.ts).
import "../../i18n/adminStrings";
import type { Translate } from "../../i18n";
import type { AdminAddressProblem, AdminProblem, LookupProblem } from "./types";

/** One plain sentence per thing that can go wrong in the Admin section. */
export function adminProblemText(
    t: Translate,
    problem: AdminProblem | AdminAddressProblem | LookupProblem,
    server = "",
): string {
    switch (problem.kind) {
        case "empty":
            return t("admin.problem_empty");
        case "invalid":
            return t("admin.problem_invalid");
        case "already_there":
            return t("admin.problem_already_there");
        case "owned_by_other":
            return t("admin.problem_owned_by_other", { owner: problem.owner });
        case "invalid_user_id":
            return t("admin.lookup_invalid", { server });
        case "other_server":
            return t("admin.lookup_other_server", { server: problem.serverName });
        case "not_found":
            return t("admin.lookup_not_found", { user: problem.userId });
        case "forbidden":
            return t("admin.problem_forbidden");
        case "changed_meanwhile":
            return t("admin.problem_changed_meanwhile");
        case "unreachable":
            return t("common.error_unreachable");
        case "timeout":
            return t("common.error_timeout");
        case "rate_limited":
            return t("common.error_rate_limited", {
                seconds: Math.max(1, Math.ceil((problem.retryAfterMs ?? 1000) / 1000)),
            });
        case "unknown":
            return t("common.error_unknown", { detail: problem.detail });
        case "bug":
            return t("common.error_bug", { code: problem.code });
    }
}
