/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/** The URL path of our full page: Element shows it for `#/account-security`. */
export const PAGE_PATH = "account-security";

export const PAGE_HASH = `#/${PAGE_PATH}`;
