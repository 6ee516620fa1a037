/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The Admin section's English, which arrives with its views (the admin chunk, loaded only where the
 * deployer turned the section on and the user is a server admin) instead of in the entry chunk.
 * Imported for its side effect, like checkupStrings.ts.
 */
import enAdmin from "./strings/en/admin.json";
import { addStrings } from "./index";

addStrings("en", enAdmin);
