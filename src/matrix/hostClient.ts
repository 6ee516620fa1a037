/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * The contract between the module and the host's Matrix client: every MatrixClient, CryptoApi and
 * secret-storage member the module uses, and nothing else. All module code reaches the client through
 * `HostClient`, never through matrix-js-sdk's `MatrixClient` type.
 *
 * Why: the client is Element's own (`window.mxMatrixClientPeg`), and Element pins matrix-js-sdk — 1.12.0
 * hands us 38.3.0, 1.12.10 40.2.0, our own tests run 43. A member that only newer SDKs have is a
 * TypeError in real Element (CryptoApi.getUserCrossSigningKeys, 41.9+, broke recovery-key entry there).
 *
 * How the type check enforces it: the members are picked by name from matrix-js-sdk's own types, and
 * `npm run typecheck` compiles src/ against matrix-js-sdk 38.3.0's and 40.2.0's declarations too
 * (tsconfig.sdk38.json / tsconfig.sdk40.json map `matrix-js-sdk` to the npm aliases). So:
 * - code using a member not named here fails the normal type check (43);
 * - naming here a member that 38.3.0 does not declare fails the sdk38 check (`Pick` of an unknown key);
 * - a member only newer SDKs have is declared by hand below, OPTIONAL, so every use must feature-detect
 *   it and carry a fallback that works on 38.3.0 (tested on the real 38.3.0 client: integration-sdk38).
 */

import type { MatrixClient } from "matrix-js-sdk/lib/client";
import type { CryptoApi, CrossSigningKeyInfo } from "matrix-js-sdk/lib/crypto-api";
import type { ServerSideSecretStorage } from "matrix-js-sdk/lib/secret-storage";

/** MatrixClient members the module uses (all declared by matrix-js-sdk 38.3.0). */
type ClientMembers =
    // who and where
    | "getUserId"
    | "getSafeUserId"
    | "getDeviceId"
    | "getDevices"
    | "getRooms"
    | "isInitialSyncComplete"
    | "getSyncState"
    | "getHomeserverUrl"
    | "downloadKeysForUsers"
    // events (ClientEvent, CryptoEvent)
    | "on"
    | "off"
    // account data
    | "getAccountData"
    | "getAccountDataFromServer"
    | "setAccountData"
    // server capabilities, OIDC metadata, user-interactive auth
    | "getCapabilities"
    | "getCachedCapabilities"
    | "getAuthMetadata"
    | "getFallbackAuthUrl"
    // email addresses
    | "getThreePids"
    | "requestAdd3pidEmailToken"
    | "addThreePidOnly"
    | "deleteThreePid"
    // crypto
    | "getCrypto"
    | "cryptoCallbacks";

/** CryptoApi members the module uses (all declared by matrix-js-sdk 38.3.0). */
type CryptoMembers =
    // identity and sessions
    | "getCrossSigningStatus"
    | "userHasCrossSigningKeys"
    | "bootstrapCrossSigning"
    | "crossSignDevice"
    | "getDeviceVerificationStatus"
    | "getUserDeviceInfo"
    | "resetEncryption"
    | "exportSecretsBundle"
    // recovery key and key backup
    | "createRecoveryKeyFromPassphrase"
    | "checkKeyBackupAndEnable"
    | "getKeyBackupInfo"
    | "isKeyBackupTrusted"
    | "getActiveSessionBackupVersion"
    | "getSessionBackupPrivateKey"
    | "storeSessionBackupPrivateKey"
    | "resetKeyBackup"
    | "deleteKeyBackupVersion"
    | "restoreKeyBackup"
    | "disableKeyStorage"
    // room-key export / import and dehydrated devices
    | "exportRoomKeysAsJson"
    | "importRoomKeysAsJson"
    | "isDehydrationSupported"
    // verification
    | "requestOwnUserVerification"
    | "requestDeviceVerification";

/** ServerSideSecretStorage members the module uses (all declared by matrix-js-sdk 38.3.0). */
type SecretStorageMembers =
    | "getKey"
    | "checkKey"
    | "addKey"
    | "getDefaultKeyId"
    | "setDefaultKeyId"
    | "isStored"
    | "store"
    // only ever answered by us, for the length of one call (see recovery/importCrossSigning.ts)
    | "get";

/** FetchHttpApi members: raw requests for endpoints the client has no method for (room_keys, Synapse admin). */
type HttpMembers = "authedRequest" | "request";

/** Members only newer matrix-js-sdk versions have: optional, so every use must feature-detect them. */
interface NewerCryptoMembers {
    /**
     * matrix-js-sdk >= 41.9. The user's public cross-signing keys as this device's crypto store has them.
     * Fallback (38.3 / 40.2): `downloadKeysForUsers` (see publishedMasterKey in recovery/readFacts.ts).
     */
    getUserCrossSigningKeys?(userId: string): Promise<Partial<Record<string, CrossSigningKeyInfo>> | null>;
}

export type HostSecretStorage = Pick<ServerSideSecretStorage, SecretStorageMembers>;

export interface HostCrypto extends Pick<CryptoApi, CryptoMembers>, NewerCryptoMembers {}

export type HostHttp = Pick<MatrixClient["http"], HttpMembers>;

export interface HostClient extends Omit<Pick<MatrixClient, ClientMembers>, "getCrypto"> {
    getCrypto(): HostCrypto | undefined;
    readonly secretStorage: HostSecretStorage;
    readonly http: HostHttp;
}
