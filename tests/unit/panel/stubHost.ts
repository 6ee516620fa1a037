/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { MatrixClient } from "matrix-js-sdk/lib/client";

import { DEFAULT_CONFIG, type AccountSecurityConfig } from "../../../src/config";
import { AccountSession } from "../../../src/panel/AccountSession";
import type { Host } from "../../../src/panel/Host";
import { createTranslator } from "../../../src/i18n";

export interface StubHost extends Host {
    /** Simulates login (a client), logout (null) or an account switch (another client). */
    setClient(client: MatrixClient | null): void;
    openPanel: jest.Mock;
}

/** A Host for view tests: a language, a config and a client that the test switches. */
export function createStubHost(
    options: { language?: string; config?: AccountSecurityConfig; hasSpacePanelEntry?: boolean } = {},
): StubHost {
    let client: MatrixClient | null = null;
    let account: AccountSession | null = null;
    const listeners = new Set<(client: MatrixClient | null) => void>();
    const language = options.language ?? "en";
    return {
        config: options.config ?? DEFAULT_CONFIG,
        language,
        t: createTranslator(language),
        getClient: () => client,
        getAccount: () => {
            if (account?.client !== client) account = client ? new AccountSession(client) : null;
            return account;
        },
        onClientChange: (listener) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
        openPanel: jest.fn(),
        showsVerificationRequestToasts: true,
        hasSpacePanelEntry: options.hasSpacePanelEntry ?? false,
        setClient(next) {
            client = next;
            listeners.forEach((listener) => listener(next));
        },
    };
}

/**
 * A logged-in client WITHOUT crypto, as matrix-js-sdk makes one when crypto was never initialised:
 * `getCrypto()` exists (Element's client always has it) and returns undefined. Synced, in no room, no
 * account data, listeners accepted; `threepids` is what the homeserver would list.
 */
async function notFound(): Promise<never> {
    throw Object.assign(new Error("Unrecognized request"), {
        name: "MatrixError",
        httpStatus: 404,
        errcode: "M_UNRECOGNIZED",
    });
}

export function fakeClient(
    userId = "@alice:example.org",
    { threepids = [] as Array<{ medium: string; address: string }> } = {},
): MatrixClient {
    return {
        getUserId: () => userId,
        getSafeUserId: () => userId,
        getDeviceId: () => "DEVICE",
        getCrypto: () => undefined,
        getAccountData: () => undefined,
        getRooms: () => [],
        isInitialSyncComplete: () => true,
        isGuest: () => false,
        getThreePids: async () => ({ threepids }),
        getDevices: async () => ({ devices: [] }),
        // No Synapse Admin API and no auth metadata here (404): no Admin section. Without `http` at all,
        // the admin check would be a TypeError, i.e. a bug report in the console.
        http: { authedRequest: notFound, request: notFound },
        on: () => {},
        off: () => {},
        removeListener: () => {},
    } as unknown as MatrixClient;
}
