/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Recovery (Secure Backup): what state the account's recovery is in, and the actions that fix it.
 * Other features (Sessions & verification, nudges) use these too; the two they need most:
 *   - `enterRecoveryKey(client, keyOrPassphrase)` then `restoreFromBackup(client, onProgress)`:
 *     verify this session with the recovery key and get the message history back;
 *   - `resetIdentity(client, authPrompt)` then `createRecoveryKey` + `setUpRecovery`: start over.
 */
export { type RecoveryState, type RecoveryFacts, type RecoveryStatus, deriveRecoveryState } from "./state";
export { readRecoveryFacts, NoCryptoError } from "./readFacts";
export { isRecoveryAccountData } from "./constants";
export { enterRecoveryKey, type EnterRecoveryKeyResult } from "./enterRecoveryKey";
export { SecretsMissingError } from "./importCrossSigning";
export { restoreFromBackup, type RestoreProgress } from "./restoreFromBackup";
export { WrongRecoveryKeyError, NoRecoveryError, UnsupportedKeyAlgorithmError } from "./secrets";
export { UnusablePassphraseParamsError, SecretDecryptionError } from "./secretStorageCrypto";
export {
    createRecoveryKey,
    forgetRecoveryKey,
    setUpRecovery,
    changeRecoveryKey,
    replaceBackup,
    NotVerifiedHereError,
    type NewRecoveryKey,
} from "./setUpRecovery";
export { turnOffKeyStorage, turnOnKeyStorage } from "./keyStorage";
export { resetIdentity } from "./resetIdentity";
export { startNewBackup, BackupUnknownError } from "./backup";
export { UnsupportedCryptoError } from "./storeSecrets";
export { looksLikeRecoveryKey } from "./secretStorageCrypto";
