/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { Translate } from "../../i18n";
import type { AddressProblem, EmailProblem } from "./types";

/** One plain sentence for each thing that can go wrong; `address` fills messages that name it. */
export function problemText(t: Translate, problem: EmailProblem | AddressProblem, address = ""): string {
    switch (problem.kind) {
        case "empty":
            return t("email.problem_empty");
        case "invalid":
            return t("email.problem_invalid");
        case "already_yours":
            return t("email.problem_already_yours");
        case "in_use":
            return t("email.problem_in_use");
        case "denied":
            return t("email.problem_denied");
        case "not_supported":
            return t("email.problem_not_supported");
        case "changes_disabled":
            return t("email.problem_changes_disabled");
        case "invalid_address":
            return t("email.problem_invalid_address");
        case "not_clicked":
            return t("email.problem_not_clicked", { address });
        case "session_expired":
            return t("email.problem_session_expired");
        case "rate_limited":
            return problem.retryAfterMs === null
                ? t("email.problem_rate_limited_no_wait")
                : t("common.error_rate_limited", { seconds: Math.max(1, Math.ceil(problem.retryAfterMs / 1000)) });
        case "auth_unsupported":
            return t("email.problem_auth_unsupported", { stages: problem.stages.join(", ") });
        case "unreachable":
            return t("common.error_unreachable");
        case "timeout":
            return t("common.error_timeout");
        case "cancelled":
            return t("email.problem_cancelled");
        case "unknown":
            return t("common.error_unknown", { detail: problem.detail });
        case "bug":
            return t("common.error_bug", { code: problem.code });
    }
}
