/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { HostClient } from "../hostClient";

import { withTimeout } from "../errors";
import { VerificationFlow, type FlowOptions } from "./flow";

function cryptoOrThrow(client: HostClient): NonNullable<ReturnType<HostClient["getCrypto"]>> {
    const crypto = client.getCrypto();
    if (!crypto) throw new Error("This session runs without encryption");
    return crypto;
}

/**
 * "Verify this session with another device": asks every other session of the account; the first
 * one to accept does the emoji comparison with us.
 */
export async function verifyThisSession(client: HostClient, options?: FlowOptions): Promise<VerificationFlow> {
    const request = await withTimeout(cryptoOrThrow(client).requestOwnUserVerification());
    return new VerificationFlow(request, "outgoing", options);
}

/** "Verify that session": asks one other session of the account, named by its device ID. */
export async function verifyOtherSession(
    client: HostClient,
    deviceId: string,
    options?: FlowOptions,
): Promise<VerificationFlow> {
    const request = await withTimeout(cryptoOrThrow(client).requestDeviceVerification(client.getUserId()!, deviceId));
    return new VerificationFlow(request, "outgoing", options);
}
