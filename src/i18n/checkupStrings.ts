/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The checkup's English strings, added when the code that shows them is loaded (the checkup views
 * import this module), so they travel in the panel's lazy chunk instead of the entry chunk. German
 * comes with the other panel strings (panelStrings.ts).
 */
import enCheckup from "./strings/en/checkup.json";
import { addStrings } from "./index";

addStrings("en", enCheckup);
