/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The heavy part of the passphrase check: zxcvbn-ts with the keyboard layouts of
 * @zxcvbn-ts/language-common and the head of its common-password list. Loaded only through
 * strength.ts's import(), so it is a lazy chunk fetched when a passphrase is first checked
 * (and only where the deployer allows passphrases at all).
 */
import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import { adjacencyGraphs } from "@zxcvbn-ts/language-common";

import commonPasswords from "./commonPasswords.json";

// Feedback comes back as zxcvbn-ts's translation keys (its default "translations" are the keys
// themselves); strength.ts maps them to our own strings.
const zxcvbn = new ZxcvbnFactory({
    graphs: adjacencyGraphs,
    dictionary: { "passwords-common": commonPasswords },
    // Also catches near misses of a whole common password ("passw0rd1").
    useLevenshteinDistance: true,
});

export function estimate(passphrase: string, userInputs: string[]): ZxcvbnResult {
    return zxcvbn.check(passphrase, userInputs);
}
