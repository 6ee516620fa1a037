/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Adding an email address when the account confirms with single sign-on instead of a password.
// Synapse's own CAS support (no extra Python packages) is pointed at a tiny CAS server in this test
// process; passwords are off, so user-interactive auth offers only m.login.sso. The test plays the
// popup: it opens the homeserver's fallback page, follows it to "CAS" and back, exactly as a browser
// would, while the view-model waits in its SSO step.

import { completeSsoInPopup, linkToCas, ssoOnlyConfig, startFakeCas } from "../../../support/fakeCas";
import { setupSynapse } from "../../../support/testbed";
import { clickLinkInMail, enterAddress, openEmailSection, waitForStep } from "../../../support/emailFlow";

const cas = startFakeCas();
const bed = setupSynapse({ extraConfig: ssoOnlyConfig(cas) });

describe("Email addresses on an SSO-only account", () => {
    it("confirms the add through the homeserver's SSO fallback page; 'I've finished' too early asks again", async () => {
        const tc = await bed.newClient({ crypto: false });
        const address = `${tc.credentials.username}@example.org`;
        await linkToCas(bed, cas, tc);

        const vm = openEmailSection(tc.client);
        await enterAddress(vm, address);
        await waitForStep(vm, "waiting_for_click");
        await clickLinkInMail(bed.mailSink, address);

        vm.continueAdd();
        const auth = await waitForStep(vm, "auth");
        expect(auth.method.kind).toBe("sso");
        const fallbackUrl = auth.method.kind === "sso" ? auth.method.fallbackUrl : "";
        expect(fallbackUrl).toMatch(
            new RegExp(`^${bed.baseUrl}/_matrix/client/v3/auth/m\\.login\\.sso/fallback/web\\?session=`),
        );

        // "I've finished" before signing in: the homeserver has not seen it; the step says so.
        vm.submitAuth({ kind: "sso_done" });
        await waitForStep(vm, "verifying");
        const again = await waitForStep(vm, "auth");
        expect(again).toMatchObject({ method: { kind: "sso", fallbackUrl }, failed: true });

        const lastPage = await completeSsoInPopup(fallbackUrl);
        expect(lastPage).toContain("authDone"); // the page tells its opener (our AuthStep listens for it)
        expect(cas.validations).toBe(1);

        vm.submitAuth({ kind: "sso_done" });
        await waitForStep(vm, "ready");
        expect(vm.getSnapshot().notice).toEqual({ kind: "added", address });
        const { threepids } = await tc.client.getThreePids();
        expect(threepids).toEqual([expect.objectContaining({ address, validated_at: expect.any(Number) })]);
        vm.dispose();
    });
});
