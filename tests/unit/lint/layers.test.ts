/**
 * @jest-environment node
 */
/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import path from "node:path";

import { ESLint } from "eslint";

// The project's own lint config, on snippets that stand where a real file would: the layering rule
// (build/eslint-layers.mjs) must refuse an import that runs back up, and let the allowed ones through.
const root = path.resolve(__dirname, "../../..");

async function layerErrors(file: string, code: string): Promise<string[]> {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === "layers/imports").map((m) => m.message);
}

describe("layering lint rule", () => {
    it("refuses an import from matrix/ up into nudges/", async () => {
        const errors = await layerErrors(
            "src/matrix/sessions/bad.ts",
            'import { parseDismissals } from "../../nudges/dismissals";\nexport const parse = parseDismissals;\n',
        );
        expect(errors).toEqual([
            expect.stringMatching(/^matrix\/ may not import nudges\/ \(\.\.\/\.\.\/nudges\/dismissals\)/),
        ]);
    });

    it("refuses a view calling the matrix layer, importing a view-model or the panel", async () => {
        const errors = await layerErrors(
            "src/views/email/Bad.tsx",
            [
                'import { addEmail } from "../../matrix/email/operations";',
                'import { EmailViewModel } from "../../viewmodels/EmailViewModel";',
                'import { PanelRoot } from "../../panel/PanelRoot";',
                "export const all = [addEmail, EmailViewModel, PanelRoot];",
                "",
            ].join("\n"),
        );
        expect(errors).toEqual([
            expect.stringMatching(/^views\/ may import only types from matrix\//),
            expect.stringMatching(/^views\/ may not import viewmodels\//),
            expect.stringMatching(/^views\/ may not import panel\//),
        ]);
    });

    it("refuses the panel importing the host, and a dynamic import up", async () => {
        const errors = await layerErrors("src/panel/Bad.ts", 'export const load = () => import("../host/runtime");\n');
        expect(errors).toEqual([expect.stringMatching(/^panel\/ may not import host\//)]);
    });

    it("lets imports that run down through, and tells views/panel/ from src/panel/", async () => {
        expect(
            await layerErrors(
                "src/views/panel/Ok.tsx",
                'import { ShieldIcon } from "./ShieldIcon";\nimport { EntryButton } from "../panel/EntryButton";\nexport const all = [ShieldIcon, EntryButton];\n',
            ),
        ).toEqual([]);
        expect(
            await layerErrors(
                "src/panel/Ok.ts",
                'import { EmailSection } from "../views/email/EmailSection";\nimport { parseConfig } from "../config";\nexport const all = [EmailSection, parseConfig];\n',
            ),
        ).toEqual([]);
    });
});
