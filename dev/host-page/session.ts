/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The logged-in MatrixClient of the development host page: what Element's Lifecycle.ts and
 * MatrixClientPeg.ts do, reduced to what a module can observe. One real matrix-js-sdk client in the
 * browser, rust crypto with its IndexedDB store (initRustCrypto's default), an IndexedDB sync store,
 * credentials in localStorage so a reload resumes the same device, and the client published as
 * `window.mxMatrixClientPeg`.
 */
import { ClientEvent, createClient, IndexedDBStore, SyncState, type MatrixClient } from "matrix-js-sdk";
import type { CryptoCallbacks } from "matrix-js-sdk/lib/crypto-api";

const CREDENTIALS_KEY = "mx_dev_host_credentials";
const SYNC_DB_NAME = "mx-dev-host-sync";

export interface Credentials {
    homeserverUrl: string;
    userId: string;
    deviceId: string;
    accessToken: string;
}

type Listener = (client: MatrixClient | null) => void;

export class Session {
    private client: MatrixClient | null = null;
    private readonly listeners = new Set<Listener>();

    public constructor(private readonly cryptoCallbacks: CryptoCallbacks) {
        // Element's MatrixClientPeg: the only way a module reaches the client.
        (window as unknown as { mxMatrixClientPeg: ClientPeg }).mxMatrixClientPeg = {
            get: () => this.client,
            safeGet: () => {
                if (!this.client) throw new Error("No client: not logged in");
                return this.client;
            },
        };
    }

    public get current(): MatrixClient | null {
        return this.client;
    }

    public onChange(listener: Listener): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    /** Resumes the session saved by a previous login (same device, same crypto store). */
    public async restore(): Promise<boolean> {
        const saved = localStorage.getItem(CREDENTIALS_KEY);
        if (!saved) return false;
        const credentials = JSON.parse(saved) as Credentials;
        // A saved token may belong to a homeserver that is gone (a fresh `npm start` makes a new
        // Synapse): ask the server first instead of syncing forever with a dead token.
        const probe = createClient({ baseUrl: credentials.homeserverUrl, accessToken: credentials.accessToken });
        const whoami = await probe.whoami().catch(() => null);
        if (whoami?.user_id !== credentials.userId || whoami.device_id !== credentials.deviceId) {
            await wipeLocalStores();
            localStorage.removeItem(CREDENTIALS_KEY);
            return false;
        }
        await this.start(credentials);
        return true;
    }

    public async login(homeserverUrl: string, username: string, password: string): Promise<void> {
        const temporary = createClient({ baseUrl: homeserverUrl });
        const response = await temporary.loginRequest({
            type: "m.login.password",
            identifier: { type: "m.id.user", user: username },
            password,
            initial_device_display_name: deviceName(),
        });
        const credentials: Credentials = {
            homeserverUrl,
            userId: response.user_id,
            deviceId: response.device_id,
            accessToken: response.access_token,
        };
        // Like Element's Lifecycle: a new login starts from empty stores (another account's or an
        // older device's crypto store would not match this device).
        await wipeLocalStores();
        localStorage.setItem(CREDENTIALS_KEY, JSON.stringify(credentials));
        await this.start(credentials);
    }

    /** Logs out on the server, stops the client and wipes this device's stores (Element's "Sign out"). */
    public async logout(): Promise<void> {
        const client = this.client;
        if (!client) return;
        this.setClient(null);
        try {
            await client.logout(true);
        } catch (error) {
            console.warn("dev host: logout request failed; clearing the local session anyway", error);
        }
        client.stopClient();
        await client.clearStores();
        localStorage.removeItem(CREDENTIALS_KEY);
    }

    private async start(credentials: Credentials): Promise<void> {
        const store = createSyncStore();
        await store.startup();
        const client = createClient({
            baseUrl: credentials.homeserverUrl,
            userId: credentials.userId,
            deviceId: credentials.deviceId,
            accessToken: credentials.accessToken,
            store,
            timelineSupport: true,
            cryptoCallbacks: this.cryptoCallbacks,
        });
        // Element's default: the rust crypto store lives in IndexedDB, so a reload keeps this device's keys.
        await client.initRustCrypto();
        await client.startClient({ initialSyncLimit: 20, lazyLoadMembers: true });
        await waitForFirstSync(client);
        this.setClient(client);
    }

    private setClient(client: MatrixClient | null): void {
        this.client = client;
        for (const listener of this.listeners) listener(client);
    }
}

function createSyncStore(): IndexedDBStore {
    return new IndexedDBStore({ indexedDB: window.indexedDB, localStorage: window.localStorage, dbName: SYNC_DB_NAME });
}

/** Deletes the sync store and the rust crypto store of this browser profile. */
async function wipeLocalStores(): Promise<void> {
    const client = createClient({ baseUrl: window.location.origin, store: createSyncStore() });
    await client.clearStores();
}

/** Like Element's default device name ("<host>: <browser> on <OS>"), so session lists read naturally. */
function deviceName(): string {
    const ua = navigator.userAgent;
    const browser = /Firefox\//.test(ua) ? "Firefox" : /Chrom(e|ium)\//.test(ua) ? "Chrome" : "Browser";
    const os = /Linux/.test(ua) ? "Linux" : /Mac OS/.test(ua) ? "macOS" : /Windows/.test(ua) ? "Windows" : "";
    return `Development host: ${browser}${os ? ` on ${os}` : ""}`;
}

/** The shape of Element's `window.mxMatrixClientPeg` that modules use. */
interface ClientPeg {
    get(): MatrixClient | null;
    safeGet(): MatrixClient;
}

function waitForFirstSync(client: MatrixClient): Promise<void> {
    return new Promise((resolve) => {
        if (client.isInitialSyncComplete()) return resolve();
        const onSync = (state: SyncState): void => {
            if (state === SyncState.Prepared || state === SyncState.Syncing) {
                client.off(ClientEvent.Sync, onSync);
                resolve();
            }
        };
        client.on(ClientEvent.Sync, onSync);
    });
}
