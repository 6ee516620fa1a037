/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Issue 14 part 5, the honest part: the panel says whether a dehydrated device (MSC3814) is possible
// with this homeserver and the host's SDK. Synapse supports it only with an experimental switch.

import { RoomKeyTransferViewModel } from "../../../../src/viewmodels/RoomKeyTransferViewModel";
import { untilObserved } from "../../../support/observe";
import { setupSynapse } from "../../../support/testbed";

async function dehydrationSaid(vm: RoomKeyTransferViewModel): Promise<string | null> {
    const snapshot = await untilObserved(
        vm,
        () => vm.getSnapshot(),
        (s) => s.dehydration !== null,
        10_000,
        () => "no answer about dehydration",
    );
    vm.dispose();
    return snapshot.dehydration;
}

describe("a homeserver without MSC3814", () => {
    const bed = setupSynapse({ email: false });
    it("is reported as not supporting dehydrated devices", async () => {
        const alice = await bed.newClient();
        expect(await dehydrationSaid(new RoomKeyTransferViewModel(alice.client))).toBe("unsupported_server");
    });
});

describe("a homeserver with MSC3814 switched on", () => {
    const bed = setupSynapse({ email: false, extraConfig: { experimental_features: { msc3814_enabled: true } } });
    it("is reported as supporting them", async () => {
        const alice = await bed.newClient();
        expect(await dehydrationSaid(new RoomKeyTransferViewModel(alice.client))).toBe("supported");
    });
});
