/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Whether a dehydrated device (MSC3814) could keep messages readable that arrive while all of the
 * user's devices are offline: the host's SDK must offer it (CryptoApi.isDehydrationSupported, in
 * matrix-js-sdk 38.3.0 already) and the homeserver must support it (that call asks it: one GET).
 * The module reports this only; it does not create or replace a dehydrated device (yet).
 */
import type { HostClient } from "../hostClient";

import { withTimeout } from "../errors";

export type DehydrationSupport = "supported" | "unsupported_server" | "unsupported_client" | "unknown";

export async function readDehydrationSupport(client: HostClient): Promise<DehydrationSupport> {
    const crypto = client.getCrypto() as { isDehydrationSupported?: () => Promise<boolean> } | undefined;
    if (typeof crypto?.isDehydrationSupported !== "function") return "unsupported_client";
    try {
        return (await withTimeout(crypto.isDehydrationSupported())) ? "supported" : "unsupported_server";
    } catch {
        return "unknown";
    }
}
