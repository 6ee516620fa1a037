/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Writes src/passphrase/commonPasswords.json: the COUNT most common passwords of
// @zxcvbn-ts/language-common (MIT), in its order (most common first).
//   node scripts/gen-common-passwords.mjs      (after upgrading @zxcvbn-ts/language-common)
// Why a slice: the package's whole list (49k entries) is ~200 KB gzipped, more than the module's
// entire budget; the head of the list is where guessers start. tests/unit/passphrase/passphrase.test.ts
// fails when this file no longer matches the installed package.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import passwords from "@zxcvbn-ts/language-common/dist/passwords.json.mjs";

export const COUNT = 1000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "src/passphrase/commonPasswords.json");
fs.writeFileSync(out, JSON.stringify(passwords.slice(0, COUNT), null, 4) + "\n");
console.log(`wrote ${COUNT} passwords to ${path.relative(root, out)}`);
