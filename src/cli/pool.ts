/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The pool lives with the admin code the module shares (the posture report runs in the browser too).
export { runPool } from "../matrix/admin/pool";
