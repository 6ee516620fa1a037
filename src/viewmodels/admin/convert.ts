/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/* From the Admin API's answers to what the Admin section shows. */
import { AccountChangedError } from "../../matrix/admin/provision";
import type { AdminUser } from "../../matrix/admin/types";
import { bugProblem, describeFailure, networkProblem } from "../../matrix/errors";
import type { AdminAccount, AdminProblem } from "../../views/admin/types";

/** The account as the section shows it: only its email addresses among its 3PIDs. */
export function toAccount(user: AdminUser): AdminAccount {
    return {
        userId: user.name,
        displayname: user.displayname ?? null,
        deactivated: user.deactivated === true,
        admin: user.admin === true,
        emails: user.threepids
            .filter((t) => t.medium === "email")
            .map((t) => ({ address: t.address, addedAt: t.added_at ?? null, validatedAt: t.validated_at ?? null })),
    };
}

/** A failure in the terms the view explains. */
export function toProblem(error: unknown): AdminProblem {
    if (error instanceof AccountChangedError) return { kind: "changed_meanwhile" };
    const failure = describeFailure(error);
    return (
        networkProblem(failure) ??
        bugProblem(failure) ??
        (failure.httpStatus === 403 ? { kind: "forbidden" } : { kind: "unknown", detail: failure.detail })
    );
}
