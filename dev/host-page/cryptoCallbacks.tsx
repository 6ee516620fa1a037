/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The crypto callbacks Element gives its client (SecurityManager.ts): when the SDK needs the
 * secret-storage key, Element asks the user for the recovery key (or passphrase) in a dialog.
 * Like Element outside its own "access secret storage" flows, nothing is cached between requests:
 * a module that wants to avoid a second prompt must handle that itself, as it would in Element.
 */
import React, { useState, type ReactNode } from "react";
import type { MatrixClient } from "matrix-js-sdk";
import {
    decodeRecoveryKey,
    deriveRecoveryKeyFromPassphrase,
    type CryptoCallbacks,
} from "matrix-js-sdk/lib/crypto-api/index.js";
import type { SecretStorageKeyDescription } from "matrix-js-sdk/lib/secret-storage.js";

import type { DialogManager } from "./dialogs";
import { h } from "./strings";

export function createCryptoCallbacks(dialogs: DialogManager, getClient: () => MatrixClient | null): CryptoCallbacks {
    return {
        getSecretStorageKey: async ({ keys }) => {
            const client = getClient();
            if (!client) throw new Error("dev host: secret storage requested without a client");
            const defaultKeyId = await client.secretStorage.getDefaultKeyId();
            const keyId = defaultKeyId && keys[defaultKeyId] ? defaultKeyId : Object.keys(keys)[0];
            const keyInfo = keyId ? keys[keyId] : undefined;
            if (!keyId || !keyInfo) throw new Error("dev host: no usable secret storage key");
            const key = await promptForKey(dialogs, async (input) => {
                const candidate = await keyFromInput(input, keyInfo);
                return candidate && (await client.secretStorage.checkKey(candidate, keyInfo)) ? candidate : null;
            });
            if (!key) throw new Error("Secret storage access cancelled by the user");
            return [keyId, key];
        },
        cacheSecretStorageKey: () => {
            // Element caches only inside its own accessSecretStorage() flows; see the comment above.
        },
    };
}

async function keyFromInput(
    input: string,
    keyInfo: SecretStorageKeyDescription,
): Promise<Uint8Array<ArrayBuffer> | null> {
    try {
        return decodeRecoveryKey(input.trim());
    } catch {
        if (!keyInfo.passphrase) return null;
        return deriveRecoveryKeyFromPassphrase(
            input,
            keyInfo.passphrase.salt,
            keyInfo.passphrase.iterations,
            keyInfo.passphrase.bits,
        );
    }
}

function promptForKey(
    dialogs: DialogManager,
    check: (input: string) => Promise<Uint8Array<ArrayBuffer> | null>,
): Promise<Uint8Array<ArrayBuffer> | null> {
    return new Promise((resolve) => {
        const done = (key: Uint8Array<ArrayBuffer> | null): void => {
            remove();
            resolve(key);
        };
        const remove = dialogs.open(h("Enter your recovery key"), <RecoveryKeyForm check={check} onDone={done} />, () =>
            done(null),
        );
    });
}

function RecoveryKeyForm(props: {
    check: (input: string) => Promise<Uint8Array<ArrayBuffer> | null>;
    onDone: (key: Uint8Array<ArrayBuffer> | null) => void;
}): ReactNode {
    const [value, setValue] = useState("");
    const [error, setError] = useState(false);
    const [busy, setBusy] = useState(false);

    const onSubmit = async (event: React.FormEvent): Promise<void> => {
        event.preventDefault();
        setBusy(true);
        const key = await props.check(value);
        setBusy(false);
        if (key) {
            setValue("");
            props.onDone(key);
        } else {
            setError(true);
        }
    };

    return (
        <form className="mx_DevForm" onSubmit={(event) => void onSubmit(event)}>
            <p>{h("Your encrypted data is locked. Enter your recovery key (or recovery passphrase) to unlock it.")}</p>
            <label htmlFor="mx_dev_recovery_key">{h("Recovery key")}</label>
            <input
                id="mx_dev_recovery_key"
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={value}
                aria-invalid={error}
                aria-describedby={error ? "mx_dev_recovery_key_error" : undefined}
                onChange={(event) => {
                    setValue(event.target.value);
                    setError(false);
                }}
            />
            {error && (
                <p id="mx_dev_recovery_key_error" className="mx_DevForm_error" role="alert">
                    {h("That is not the recovery key of this account.")}
                </p>
            )}
            <div className="mx_DevForm_buttons">
                <button
                    type="button"
                    className="mx_DevButton mx_DevButton_secondary"
                    onClick={() => props.onDone(null)}
                >
                    {h("Cancel")}
                </button>
                <button type="submit" className="mx_DevButton" disabled={busy || value.trim() === ""}>
                    {h("Continue")}
                </button>
            </div>
        </form>
    );
}
