/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The Sessions section and the nudge layer working together on real clients: a request from a new
// session reaches the old one while its panel is closed, is accepted from the nudge, and the emoji
// then appear in the panel that the nudge opened. Where the host shows its own request toast, the
// nudge layer stays out of the way.

import type { TestClient } from "../../support/clients";
import { setupSynapse } from "../../support/testbed";
import { cryptoOf, setUpCrossSigning, verifiedAndNewSession, verifyWithSas, waitFor } from "../../support/verification";
import { DEFAULT_CONFIG } from "../../../src/config";
import type { PanelSection, PanelTarget } from "../../../src/panelTargets";
import { IncomingVerifications } from "../../../src/matrix/verification/incoming";
import { AccountSession } from "../../../src/panel/AccountSession";
import { BackupViewModel } from "../../../src/viewmodels/BackupViewModel";
import { NudgeViewModel } from "../../../src/viewmodels/NudgeViewModel";
import { SessionsViewModel } from "../../../src/viewmodels/SessionsViewModel";

/** The account session of a client, as the host adapter keeps one per signed-in account. */
const accounts = new WeakMap<object, AccountSession>();
function accountOf(client: AccountSession["client"]): AccountSession {
    let account = accounts.get(client);
    if (!account) accounts.set(client, (account = new AccountSession(client)));
    return account;
}

const bed = setupSynapse();
const disposables: Array<{ dispose(): void }> = [];
afterEach(() => disposables.splice(0).forEach((d) => d.dispose()));

function track<T extends { dispose(): void }>(thing: T): T {
    disposables.push(thing);
    return thing;
}

/** Polls a view-model's snapshot (tests only; the view-models themselves are event-driven). */
function until<T>(check: () => T, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
    return waitFor(check, { what, timeoutMs });
}

function nudgeLayer(tc: TestClient, hostShowsRequestToasts: boolean, openPanel: (s: PanelSection) => void) {
    return track(
        new NudgeViewModel(tc.client, {
            config: DEFAULT_CONFIG,
            openPanel,
            incoming: track(
                accountOf(tc.client).incomingVerifications(
                    () => new IncomingVerifications(tc.client, !hostShowsRequestToasts),
                )!,
            ),
            hostShowsRequestToasts,
            sessionStartedAt: 0,
        }),
    );
}

describe("sessions panel and nudge layer together", () => {
    it("a request accepted from the nudge continues in the panel it opens, to both sessions verified", async () => {
        const { old, fresh } = await verifiedAndNewSession(bed);
        let oldPanel: SessionsViewModel | null = null;
        const opened: PanelSection[] = [];
        const nudges = nudgeLayer(old, false, (section) => {
            opened.push(section);
            // What the host does: open the panel, whose Sessions section creates its view-model.
            oldPanel = track(
                new SessionsViewModel(old.client, {
                    openSection: () => undefined,
                    incoming: accountOf(old.client).incomingVerifications(),
                }),
            );
        });

        const freshPanel = track(new SessionsViewModel(fresh.client, { openSection: () => undefined, incoming: null }));
        await until(() => freshPanel.getSnapshot().state === "ready", "the new session's panel");
        expect(freshPanel.getSnapshot().thisSession).toMatchObject({ name: "New phone", trust: "unverified" });
        expect(freshPanel.getSnapshot().otherSessions).toEqual([
            expect.objectContaining({ deviceId: old.deviceId, trust: "unknown" }),
        ]);

        await freshPanel.verifyThisSession();
        const outgoing = freshPanel.getSnapshot().verification!;
        expect(outgoing.getSnapshot()).toMatchObject({ target: "this", step: "waiting" });

        // The old session's panel is closed: the nudge layer offers the request, naming the new session.
        const request = await until(
            () => (nudges.getSnapshot().requestDeviceName ? nudges.getSnapshot() : null),
            "the request in the nudge layer",
        );
        expect(request).toMatchObject({
            state: "request",
            requestDeviceId: fresh.deviceId,
            requestDeviceName: "New phone",
        });

        await nudges.acceptRequest();
        expect(opened).toEqual(["sessions"]);
        const panel = oldPanel as unknown as SessionsViewModel;
        const answering = await until(() => panel.getSnapshot().verification, "the flow in the old session's panel");
        expect(answering.getSnapshot().target).toBe("incoming");
        await until(() => nudges.getSnapshot().state !== "request", "the nudge to step back");

        await until(() => answering.getSnapshot().step === "compare", "emoji in the old session");
        await until(() => outgoing.getSnapshot().step === "compare", "emoji in the new session");
        expect(answering.getSnapshot().emoji).toEqual(outgoing.getSnapshot().emoji);
        expect(answering.getSnapshot().emoji).toHaveLength(7);
        expect(answering.getSnapshot().otherName).toBe("New phone");

        await Promise.all([answering.confirm(), outgoing.confirm()]);
        await until(() => answering.getSnapshot().step === "done", "done in the old session");
        await until(() => outgoing.getSnapshot().step === "done", "done in the new session");

        // Live from trust events: the new session's panel now says it is verified, and trusts the old one.
        freshPanel.closeVerification();
        await until(
            () => freshPanel.getSnapshot().thisSession?.trust === "verified",
            "the new session to show itself verified",
        );
        await until(
            () => freshPanel.getSnapshot().otherSessions[0]?.trust === "verified",
            "the old session to show as verified",
        );
    });

    it("where the host shows its own request toast, the nudge layer neither offers the request nor covers it", async () => {
        const { old, fresh } = await verifiedAndNewSession(bed);
        const opened: PanelSection[] = [];
        const nudges = nudgeLayer(old, true, (section) => opened.push(section));
        const watcher = accountOf(old.client).incomingVerifications()!;
        expect(watcher.offerToUser).toBe(false);

        // Before the request: the old session reminds the user of the new, unverified one.
        await until(() => nudges.getSnapshot().nudge?.kind === "unverified_sessions", "the sessions reminder");

        const freshPanel = track(new SessionsViewModel(fresh.client, { openSection: () => undefined, incoming: null }));
        await until(() => freshPanel.getSnapshot().state === "ready", "the panel");
        await freshPanel.verifyThisSession();
        await until(() => watcher.getSnapshot().pending, "the request to arrive");

        // Our reminder (unverified session) is hidden while the host's toast is up; nothing is offered.
        expect(nudges.getSnapshot().state).toBe("hidden");
        await nudges.acceptRequest();
        expect(opened).toEqual([]);
        expect(watcher.getSnapshot().accepted).toBeNull();
        // The old session's panel does not offer it either.
        const oldPanel = track(new SessionsViewModel(old.client, { openSection: () => undefined, incoming: watcher }));
        await until(() => oldPanel.getSnapshot().state === "ready", "the old panel");
        expect(oldPanel.getSnapshot().incoming).toBeNull();
        await freshPanel.getSnapshot().verification!.cancel();
    });
    it("Secure Backup's 'Verify with another device' opens Sessions with the request under way; the list is read after", async () => {
        const proxy = await bed.faultProxy();
        const old = await bed.newClient();
        await setUpCrossSigning(old);
        const fresh = await bed.newDevice(old, { deviceName: "New phone", baseUrl: proxy.baseUrl });
        await until(async () => (await cryptoOf(fresh).getCrossSigningStatus()).publicKeysOnDevice, "the identity");
        const listReads = (): number =>
            proxy.requests.filter((r) => r.method === "GET" && r.url.split("?")[0]!.endsWith("/devices")).length;

        // Secure Backup on the new session: another session could verify it, so the button is there.
        const opened: PanelTarget[] = [];
        const backup = track(new BackupViewModel(fresh.client, DEFAULT_CONFIG, (target) => opened.push(target)));
        await until(() => backup.getSnapshot().canVerifyWithOtherSession || null, "the offer in Secure Backup");
        backup.verifyWithOtherSession();
        expect(opened).toEqual([{ section: "sessions", step: "verify_this" }]);
        // Where Sessions is switched off, there is nowhere to go: no offer.
        const noSessions = { ...DEFAULT_CONFIG, sections: { ...DEFAULT_CONFIG.sections, sessions: false } };
        const without = track(new BackupViewModel(fresh.client, noSessions, () => undefined));
        await until(() => without.getSnapshot().state !== "checking" || null, "the state without Sessions");
        expect(without.getSnapshot().canVerifyWithOtherSession).toBe(false);

        // The old session has its panel open (where its request offer shows).
        const oldPanel = track(
            new SessionsViewModel(old.client, {
                openSection: () => undefined,
                incoming: track(
                    accountOf(old.client).incomingVerifications(() => new IncomingVerifications(old.client, true))!,
                ),
            }),
        );

        // The panel opens Sessions with that step: the request goes out at once.
        const panel = track(
            new SessionsViewModel(fresh.client, {
                openSection: () => undefined,
                incoming: null,
                startWith: "verify_this",
            }),
        );
        const outgoing = await until(() => panel.getSnapshot().verification, "the request under way");
        expect(outgoing.getSnapshot().target).toBe("this");
        await until(() => oldPanel.getSnapshot().incoming, "the request in the old session");
        await oldPanel.acceptIncoming();
        const answering = await until(() => oldPanel.getSnapshot().verification, "the flow in the old session");
        await until(() => answering.getSnapshot().step === "compare", "emoji in the old session");
        await until(() => outgoing.getSnapshot().step === "compare", "emoji in the new session");
        await Promise.all([answering.confirm(), outgoing.confirm()]);
        await until(() => outgoing.getSnapshot().step === "done", "done in the new session");
        // The verification filled the section: the homeserver's list was not needed yet.
        expect(listReads()).toBe(0);
        await until(() => !backup.getSnapshot().canVerifyWithOtherSession || null, "no offer once verified");

        // Closed: now the list is on screen, read once, with this session verified.
        panel.closeVerification();
        await until(() => panel.getSnapshot().state === "ready" || null, "the list");
        expect(panel.getSnapshot().thisSession?.trust).toBe("verified");
        expect(panel.getSnapshot().otherSessions).toEqual([expect.objectContaining({ deviceId: old.deviceId })]);
        expect(listReads()).toBe(1);
    });

    it("asks the homeserver for the device list when a session comes, not on every trust change", async () => {
        const proxy = await bed.faultProxy();
        const old = await bed.newClient();
        await setUpCrossSigning(old);
        const panelClient = await bed.newDevice(old, { deviceName: "Laptop", baseUrl: proxy.baseUrl });
        const listReads = (): number =>
            proxy.requests.filter((r) => r.method === "GET" && r.url.split("?")[0]!.endsWith("/devices")).length;
        const panel = track(
            new SessionsViewModel(panelClient.client, { openSection: () => undefined, incoming: null }),
        );
        await until(() => panel.getSnapshot().state === "ready", "the panel");
        await until(() => panel.getSnapshot().otherSessions.length === 1 || null, "the old session listed");
        const afterOpen = listReads();
        expect(afterOpen).toBe(1);

        // This session gets verified: its trust and the others' change, the devices do not.
        await verifyWithSas(old, panelClient);
        await until(() => panel.getSnapshot().thisSession?.trust === "verified", "this session verified");
        await until(() => panel.getSnapshot().otherSessions[0]?.trust === "verified", "the old session verified");
        expect(listReads()).toBe(afterOpen);

        // A new session signs in: the panel lists it, with one more read of the list.
        const phone = await bed.newDevice(old, { deviceName: "Phone" });
        await until(
            () => panel.getSnapshot().otherSessions.some((s) => s.deviceId === phone.deviceId) || null,
            "the new session listed",
        );
        expect(panel.getSnapshot().otherSessions.find((s) => s.deviceId === phone.deviceId)).toMatchObject({
            name: "Phone",
            trust: "unverified",
        });
        expect(listReads()).toBe(afterOpen + 1);
    });
});
