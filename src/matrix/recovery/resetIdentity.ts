/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { MatrixClient } from "matrix-js-sdk/lib/client";

import type { AuthPrompt } from "../uia";
import { cryptoOf } from "./readFacts";
import { uploadAuth } from "./setUpRecovery";

/**
 * The destructive last resort: deletes every key backup and secret storage (the recovery key), makes
 * a new cross-signing identity (replacing keys needs user-interactive auth: `prompt` asks for the
 * password or SSO) and starts a new, empty backup. Other sessions become unverified and messages
 * only the old backup held become unreadable. Afterwards recovery is not set up: the caller offers
 * a new recovery key at once.
 */
export async function resetIdentity(client: MatrixClient, prompt: AuthPrompt): Promise<void> {
    // No timeout around the whole: it waits for the user in the UIA prompt. Each request inside is
    // bounded by the SDK's own HTTP timeouts.
    await cryptoOf(client).resetEncryption(uploadAuth(client, prompt));
}
