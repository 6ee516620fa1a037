/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { renderHook, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk/lib/client";

import { DEFAULT_CONFIG } from "../../../src/config";
import { AccountSession } from "../../../src/panel/AccountSession";
import { enabledSections } from "../../../src/panel/enabledSections";
import type { SectionDefinition } from "../../../src/panel/sections";
import { useAvailableSections } from "../../../src/panel/useAvailableSections";

const account = new AccountSession({} as MatrixClient);
const plain: SectionDefinition = { id: "email", titleKey: "shell.section_email", render: null };
const admin = (answer: Promise<boolean>): SectionDefinition => ({
    id: "admin",
    titleKey: "shell.section_admin",
    render: null,
    isAvailable: () => answer,
});

describe("sections only some users get", () => {
    it("shows the Admin tab only once the check says yes", async () => {
        let resolve!: (yes: boolean) => void;
        const sections = [plain, admin(new Promise<boolean>((r) => (resolve = r)))];
        const { result } = renderHook(() => useAvailableSections(sections, account));
        expect(result.current.map((s) => s.id)).toEqual(["email"]);
        resolve(true);
        await waitFor(() => expect(result.current.map((s) => s.id)).toEqual(["email", "admin"]));
    });

    it("keeps it hidden for a non-admin, on a failed check and without a client", async () => {
        for (const answer of [Promise.resolve(false), Promise.reject(new Error("offline"))]) {
            const sections = [plain, admin(answer)];
            const { result } = renderHook(() => useAvailableSections(sections, account));
            await answer.catch(() => undefined);
            await new Promise((r) => setTimeout(r, 0));
            expect(result.current.map((s) => s.id)).toEqual(["email"]);
        }
        const { result } = renderHook(() => useAvailableSections([plain, admin(Promise.resolve(true))], null));
        expect(result.current.map((s) => s.id)).toEqual(["email"]);
    });

    it("is switched off entirely by config sections.admin: false", () => {
        const config = { ...DEFAULT_CONFIG, sections: { ...DEFAULT_CONFIG.sections, admin: false } };
        expect(enabledSections(config).map((s) => s.id)).not.toContain("admin");
        // Off unless the deployer turns it on (issue 13: no failing admin request for non-admins).
        expect(enabledSections(DEFAULT_CONFIG).map((s) => s.id)).not.toContain("admin");
        expect(
            enabledSections({ ...config, sections: { ...config.sections, admin: true } }).map((s) => s.id),
        ).toContain("admin");
    });
});
