/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The bundle re-declares matrix-js-sdk's enums by value (src/matrix/sdkConstants.ts); the tests may
 * import the SDK itself, so they hold the copies to the real enums: an SDK upgrade that renames an
 * event fails here, not silently in the host.
 */

import { ClientEvent } from "matrix-js-sdk/lib/client.js";
import {
    CryptoEvent,
    VerificationPhase,
    VerificationRequestEvent,
    VerifierEvent,
} from "matrix-js-sdk/lib/crypto-api/index.js";
import { RoomEvent } from "matrix-js-sdk/lib/models/room.js";
import { RoomStateEvent } from "matrix-js-sdk/lib/models/room-state.js";

import { ClientEvents, CryptoEvents, Phase, VerificationEvents } from "../../../src/matrix/sdkConstants";

describe("re-declared matrix-js-sdk constants", () => {
    it("CryptoEvents match CryptoEvent, name for name", () => {
        for (const name of Object.keys(CryptoEvents) as Array<keyof typeof CryptoEvents>) {
            expect([name, CryptoEvents[name]]).toEqual([name, CryptoEvent[name]]);
        }
    });

    it("Phase matches VerificationPhase, name for name", () => {
        for (const name of Object.keys(Phase) as Array<keyof typeof Phase>) {
            expect([name, Phase[name]]).toEqual([name, VerificationPhase[name]]);
        }
    });

    it("client, room and verification event names match the SDK's", () => {
        expect(ClientEvents).toEqual({
            Sync: ClientEvent.Sync,
            AccountData: ClientEvent.AccountData,
            Room: ClientEvent.Room,
            RoomMyMembership: RoomEvent.MyMembership,
            RoomStateEvents: RoomStateEvent.Events,
            ToDeviceEvent: ClientEvent.ToDeviceEvent,
        });
        expect(VerificationEvents).toEqual({
            RequestChange: VerificationRequestEvent.Change,
            VerifierCancel: VerifierEvent.Cancel,
            VerifierShowSas: VerifierEvent.ShowSas,
        });
    });
});
