/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import type { MatrixClient } from "matrix-js-sdk/lib/client";

import { DEFAULT_CONFIG, type AccountSecurityConfig } from "../../../src/config";
import { AccountSession } from "../../../src/panel/AccountSession";
import { EmailSectionRoot } from "../../../src/panel/EmailSectionRoot";
import { SECTION_LOADERS, SECTIONS } from "../../../src/panel/sections";

function contextWith(email: boolean) {
    const config: AccountSecurityConfig = { ...DEFAULT_CONFIG, sections: { ...DEFAULT_CONFIG.sections, email } };
    const client = {} as MatrixClient;
    return { client, account: new AccountSession(client), config, openSection: jest.fn() };
}

describe("the email entry of the section registry", () => {
    const email = SECTIONS.find((section) => section.id === "email");

    it("renders the Email addresses section through its glue, loaded as a chunk of its own", async () => {
        expect(email?.titleKey).toBe("shell.section_email");
        expect(email?.render?.(contextWith(true))).not.toBeNull();
        await expect(SECTION_LOADERS.email()).resolves.toBe(EmailSectionRoot);
    });

    it("renders nothing when the deployer switched the section off", () => {
        expect(email?.render?.(contextWith(false))).toBeNull();
    });
});
