/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Sessions' ways out to Secure Backup name the exact step there, not just the section.

import { SessionsViewModel } from "../../../src/viewmodels/SessionsViewModel";
import { fakeClient } from "../panel/stubHost";

describe("Sessions → Secure Backup", () => {
    it("'Use recovery key instead', 'I can't verify — reset' and 'Set up recovery' open their steps", () => {
        const openSection = jest.fn();
        const vm = new SessionsViewModel(fakeClient(), { openSection, incoming: null });
        vm.useRecoveryKey();
        vm.reset();
        vm.setUpRecovery();
        expect(openSection.mock.calls).toEqual([
            [{ section: "backup", step: "enter_key" }],
            [{ section: "backup", step: "reset" }],
            [{ section: "backup", step: "set_up" }],
        ]);
        vm.dispose();
    });
});
