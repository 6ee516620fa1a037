/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Emoji verification between two sessions of one user, driven by the module's own logic
// (src/matrix/verification) on both sides, against a real Synapse.

import { stopWhenSettled, type TestClient } from "../../../support/clients";
import { untilObserved } from "../../../support/observe";
import { setupSynapse } from "../../../support/testbed";
import { isCrossSigningVerified, verifiedAndNewSession, waitFor } from "../../../support/verification";
import type { FlowStep, VerificationFlow } from "../../../../src/matrix/verification/flow";
import { IncomingVerifications } from "../../../../src/matrix/verification/incoming";
import { AccountSession } from "../../../../src/panel/AccountSession";
import { verifyOtherSession, verifyThisSession } from "../../../../src/matrix/verification/start";
import {
    fetchDeviceList,
    ownCryptoDevices,
    readOtherSessions,
    readThisSession,
} from "../../../../src/matrix/sessions/status";

/** The account session of a client, as the host adapter keeps one per signed-in account. */
const accounts = new WeakMap<object, AccountSession>();
function accountOf(client: AccountSession["client"]): AccountSession {
    let account = accounts.get(client);
    if (!account) accounts.set(client, (account = new AccountSession(client)));
    return account;
}

const bed = setupSynapse();

/** Resolves with the flow's step once `predicate` holds (event-driven through flow.subscribe). */
function stepWhere(flow: VerificationFlow, predicate: (step: FlowStep) => boolean, what: string): Promise<FlowStep> {
    const stuck = (): string => `timed out waiting for ${what}; step is ${JSON.stringify(flow.getStep())}`;
    return untilObserved(flow, () => flow.getStep(), predicate, 20_000, stuck);
}

/** The new session asks, the old one accepts from its incoming-request watcher: both reach the emoji. */
async function startSelfVerification(old: TestClient, fresh: TestClient) {
    const incoming = accountOf(old.client).incomingVerifications(() => new IncomingVerifications(old.client, true))!;
    const outgoing = await verifyThisSession(fresh.client);
    await waitFor(() => incoming.getSnapshot().pending, { what: "the request to reach the old session" });
    expect(incoming.getSnapshot().pending).toEqual({ deviceId: fresh.deviceId });
    const answering = (await incoming.accept())!;
    const [a, b] = await Promise.all([
        stepWhere(outgoing, (s) => s.step === "compare", "emoji on the new session"),
        stepWhere(answering, (s) => s.step === "compare", "emoji on the old session"),
    ]);
    return { outgoing, answering, emojiNew: a, emojiOld: b };
}

describe("verification between two sessions of one user", () => {
    it("compares the same 7 emoji and leaves both sessions cross-signing verified", async () => {
        const { old, fresh } = await verifiedAndNewSession(bed);
        expect((await readThisSession(fresh.client)).trust).toBe("unverified");

        const started = Date.now();
        const { outgoing, answering, emojiNew, emojiOld } = await startSelfVerification(old, fresh);
        expect(emojiNew).toEqual(emojiOld);
        expect(emojiNew.step === "compare" && emojiNew.emoji).toHaveLength(7);

        await outgoing.confirm();
        expect(outgoing.getStep().step).toBe("confirming");
        await answering.confirm();
        await Promise.all([
            stepWhere(outgoing, (s) => s.step === "done", "done on the new session"),
            stepWhere(answering, (s) => s.step === "done", "done on the old session"),
        ]);
        if (process.env.TESTBED_TIMINGS) console.info(`module SAS: ${Date.now() - started} ms`);

        await waitFor(
            async () =>
                (await isCrossSigningVerified(old, old.userId, fresh.deviceId)) &&
                (await isCrossSigningVerified(fresh, fresh.userId, fresh.deviceId)) &&
                (await isCrossSigningVerified(fresh, fresh.userId, old.deviceId)),
            { what: "both sessions cross-signing verified", timeoutMs: 15_000 },
        );
        expect(await readThisSession(fresh.client)).toEqual({
            deviceId: fresh.deviceId,
            name: "New phone",
            trust: "verified",
        });
        const others = await readOtherSessions(
            fresh.client,
            "verified",
            await fetchDeviceList(fresh.client),
            await ownCryptoDevices(fresh.client),
        );
        expect(others).toEqual([expect.objectContaining({ deviceId: old.deviceId, trust: "verified" })]);
        outgoing.dispose();
        answering.dispose();
    });

    it("'They don't match' cancels on both sides with the reason, and verifies nothing", async () => {
        const { old, fresh } = await verifiedAndNewSession(bed);
        const { outgoing, answering } = await startSelfVerification(old, fresh);

        outgoing.mismatch();
        expect(await stepWhere(outgoing, (s) => s.step === "cancelled", "cancel on the new session")).toEqual({
            step: "cancelled",
            reason: "mismatch",
            byMe: true,
        });
        expect(await stepWhere(answering, (s) => s.step === "cancelled", "cancel on the old session")).toEqual({
            step: "cancelled",
            reason: "mismatch",
            byMe: false,
        });
        expect(await isCrossSigningVerified(old, old.userId, fresh.deviceId)).toBe(false);
        expect(await isCrossSigningVerified(fresh, fresh.userId, fresh.deviceId)).toBe(false);
        expect((await readThisSession(fresh.client)).trust).toBe("unverified");
    });

    it("cancelling on one side tells the other who cancelled, and verifies nothing", async () => {
        const { old, fresh } = await verifiedAndNewSession(bed);
        const { outgoing, answering } = await startSelfVerification(old, fresh);

        await answering.cancel();
        expect(await stepWhere(answering, (s) => s.step === "cancelled", "cancel on the old session")).toEqual({
            step: "cancelled",
            reason: "cancelled",
            byMe: true,
        });
        expect(await stepWhere(outgoing, (s) => s.step === "cancelled", "cancel on the new session")).toEqual({
            step: "cancelled",
            reason: "cancelled",
            byMe: false,
        });
        expect(await isCrossSigningVerified(old, old.userId, fresh.deviceId)).toBe(false);
        expect((await readThisSession(fresh.client)).trust).toBe("unverified");
    });

    it("says so when the other session does not answer (offline), and cancels cleanly", async () => {
        const { old, fresh } = await verifiedAndNewSession(bed);
        await stopWhenSettled(old); // the verified session is closed: nobody will answer
        const flow = await verifyOtherSession(fresh.client, old.deviceId, { silentAfterMs: 1_500 });
        expect(flow.getStep()).toEqual({ step: "waiting", silent: false });
        await stepWhere(flow, (s) => s.step === "waiting" && s.silent, "the 'no answer' notice");
        await flow.cancel();
        expect(flow.getStep()).toEqual({ step: "cancelled", reason: "cancelled", byMe: true });
        flow.dispose();
    });

    it("a declined incoming request reaches the asking session as a cancellation", async () => {
        const { old, fresh } = await verifiedAndNewSession(bed);
        const incoming = accountOf(old.client).incomingVerifications(
            () => new IncomingVerifications(old.client, true),
        )!;
        const outgoing = await verifyThisSession(fresh.client);
        await waitFor(() => incoming.getSnapshot().pending, { what: "the request" });
        await incoming.decline();
        expect(incoming.getSnapshot().pending).toBeNull();
        expect(await stepWhere(outgoing, (s) => s.step === "cancelled", "cancel")).toMatchObject({
            step: "cancelled",
            byMe: false,
        });
    });
});
