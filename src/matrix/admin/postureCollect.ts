/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * Gathers the posture of many accounts through the Admin API, for the command line and the module
 * alike: the account list (paged), then per account its record (email addresses), devices and
 * account data, `--concurrency` accounts at a time; published keys come from `keys/query`, asked for
 * many accounts in one request. Whatever fails for an account (deleted meanwhile, 403, 5xx, timeout)
 * becomes a failure record that names it: nothing is skipped silently.
 */

import { describeFailure } from "../errors";
import { runPool } from "./pool";
import { assessAccount, type AccountRecord, type UserKeys } from "./posture";
import type { SynapseAdminApi } from "./SynapseAdminApi";

export interface CollectOptions {
    api: SynapseAdminApi;
    staleDays: number;
    /** Accounts at once (each costs three Admin API reads, made in parallel). */
    concurrency: number;
    /** Only these accounts (a file of user ids); otherwise every local, non-deactivated account. */
    userIds?: readonly string[];
    /** Accounts already assessed (a resumed run): not asked again. */
    skip?: ReadonlySet<string>;
    /** Accounts per keys/query request. */
    keysBatchSize?: number;
    /** Accounts per page of the account list. */
    pageSize?: number;
    now?: () => number;
    /** Told how many accounts there are to assess (after listing, minus `skip`). */
    onTotal?: (total: number) => void;
    /** Told about every account the moment it is settled, assessed or failed. */
    onRecord?: (record: AccountRecord) => void;
    /** Checked before each account: true stops starting new ones (the running ones finish). */
    shouldStop?: () => boolean;
}

/** Every local, non-deactivated account, page by page. */
export async function listAllUsers(api: SynapseAdminApi, pageSize = 500): Promise<string[]> {
    const users: string[] = [];
    let from: string | number = 0;
    for (;;) {
        const page = await api.listUsers(from, pageSize);
        for (const user of page.users) if (!user.deactivated && !user.is_guest) users.push(user.name);
        if (page.next_token === undefined || page.next_token === null || page.users.length === 0) break;
        from = page.next_token;
    }
    return users;
}

/** Why an account could not be assessed, in words for the report. */
export function failureReason(error: unknown, stage: string): string {
    const failure = describeFailure(error);
    if (failure.kind === "server" && failure.httpStatus === 404)
        return `the account no longer exists (deleted during the run?): ${stage} answered HTTP 404`;
    if (failure.kind === "server") return `${stage}: ${failure.detail}`;
    return `${stage}: ${failure.kind}`;
}

/**
 * Asks keys/query for many accounts at once: callers ask for one account each, and the batcher sends
 * one request per `size` accounts (or whatever has gathered after a moment).
 */
class KeysBatcher {
    private pending: Array<{ userId: string; resolve: (keys: UserKeys) => void; reject: (e: unknown) => void }> = [];
    private timer: ReturnType<typeof setTimeout> | null = null;

    public constructor(
        private readonly api: SynapseAdminApi,
        private readonly size: number,
    ) {}

    public get(userId: string): Promise<UserKeys> {
        return new Promise((resolve, reject) => {
            this.pending.push({ userId, resolve, reject });
            if (this.pending.length >= this.size) this.flush();
            else this.timer ??= setTimeout(() => this.flush(), 5);
        });
    }

    private flush(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        const batch = this.pending;
        this.pending = [];
        if (batch.length === 0) return;
        this.api.queryKeys(batch.map((b) => b.userId)).then(
            (answer) => {
                for (const { userId, resolve } of batch) {
                    resolve({
                        deviceKeys: answer.device_keys?.[userId] ?? {},
                        masterKey: answer.master_keys?.[userId],
                        selfSigningKey: answer.self_signing_keys?.[userId],
                    });
                }
            },
            (error: unknown) => batch.forEach(({ reject }) => reject(error)),
        );
    }
}

/** Assesses the accounts; returns every record made in this run (also told one by one to `onRecord`). */
export async function collectPosture(options: CollectOptions): Promise<{ records: AccountRecord[]; listed: string[] }> {
    const { api } = options;
    const now = options.now ?? Date.now;
    const listed = options.userIds ? [...new Set(options.userIds)] : await listAllUsers(api, options.pageSize);
    const todo = options.skip ? listed.filter((id) => !options.skip!.has(id)) : listed;
    options.onTotal?.(todo.length);
    const keys = new KeysBatcher(api, options.keysBatchSize ?? 100);
    const records: AccountRecord[] = [];

    const assess = async (userId: string): Promise<AccountRecord> => {
        // Three reads at once; a failure of any names the stage that failed.
        const stage = <T>(name: string, promise: Promise<T>): Promise<T> =>
            promise.catch((error: unknown) => {
                throw new StageError(name, error);
            });
        try {
            const [user, devices, accountData, published] = await Promise.all([
                stage("the account record", api.getUser(userId)),
                stage("the device list", api.getDevices(userId)),
                stage("the account data", api.getGlobalAccountData(userId)),
                stage("keys/query", keys.get(userId)),
            ]);
            if (user === null)
                return {
                    user_id: userId,
                    status: "failed",
                    reason: "the account no longer exists (deleted during the run?): HTTP 404",
                };
            if (user.deactivated)
                return { user_id: userId, status: "failed", reason: "the account was deactivated during the run" };
            return assessAccount({
                userId,
                threepids: user.threepids,
                devices,
                globalAccountData: accountData,
                keys: published,
                now: now(),
                staleDays: options.staleDays,
            });
        } catch (error) {
            const { stage: name, original } =
                error instanceof StageError ? error : { stage: "reading the account", original: error };
            return { user_id: userId, status: "failed", reason: failureReason(original, name) };
        }
    };

    await runPool(
        todo,
        options.concurrency,
        async (userId) => {
            const record = await assess(userId);
            records.push(record);
            options.onRecord?.(record);
        },
        options.shouldStop,
    );
    return { records, listed };
}

class StageError extends Error {
    public constructor(
        public readonly stage: string,
        public readonly original: unknown,
    ) {
        super(stage);
    }
}
