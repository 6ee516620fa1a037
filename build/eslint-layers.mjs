// Copyright 2026 The element-account-security authors
// SPDX-License-Identifier: AGPL-3.0-only
//
// The layers of src/ and what each may import (docs/architecture.md draws them). Imports run one way,
// down: host → panel → view-models → nudges → matrix; views own their snapshot and action types, which
// the view-models implement (view-models import views' types, never the other way); the shared leaves
// (config, i18n, panel targets, the page path, the passphrase rules) sit under all of them. A relative
// import is resolved against the importing file, so `views/panel/` is not taken for `src/panel/`.
// ESLint reports the import that runs the other way, naming both layers.
import path from "node:path";

/** The layer of a path relative to src/ ("host/runtime.ts" → "host"), or null outside the layers. */
function layerOf(relative) {
    const [first, second] = relative.split(path.sep);
    if (second === undefined) {
        if (/^(config|panelTargets|pagePath)(\.tsx?)?$/.test(first)) return "shared";
        if (/^(index|legacy)(\.tsx?)?$/.test(first)) return "entry";
        return null;
    }
    return first === "i18n" || first === "passphrase" ? "shared" : first;
}

/**
 * Each layer → the layers it may import. `types` lists layers it may import types from only
 * (erased at build time: they add no code and no load-time edge).
 */
export const LAYERS = {
    entry: { may: ["host", "panel", "views", "viewmodels", "nudges", "matrix", "shared"] },
    host: { may: ["panel", "views", "matrix", "shared"] },
    panel: { may: ["views", "viewmodels", "nudges", "matrix", "shared"] },
    // Views own their snapshot and action types; they may name the matrix layer's data in them, never call it.
    views: { may: ["shared"], types: ["nudges", "matrix"] },
    viewmodels: { may: ["nudges", "matrix", "shared"], types: ["views"] },
    nudges: { may: ["matrix", "shared"] },
    matrix: { may: [] },
    cli: { may: ["matrix", "shared"] },
    shared: { may: [] },
};

function isTypeOnly(node) {
    if (node.importKind === "type" || node.exportKind === "type") return true;
    const specifiers = node.specifiers ?? [];
    return specifiers.length > 0 && specifiers.every((s) => s.importKind === "type" || s.exportKind === "type");
}

const layersRule = {
    meta: {
        type: "problem",
        docs: { description: "Imports between the layers of src/ run one way (build/eslint-layers.mjs)." },
        schema: [],
        messages: {
            forbidden:
                "{{from}}/ may not import {{to}}/ ({{source}}): imports run host → panel → view-models → nudges → matrix, views under panel (docs/architecture.md).",
            typesOnly: "{{from}}/ may import only types from {{to}}/ ({{source}}): write `import type`.",
        },
    },
    create(context) {
        const srcRoot = path.join(context.cwd, "src");
        const from = path.relative(srcRoot, context.filename);
        const fromLayer = from.startsWith("..") ? null : layerOf(from);
        if (!fromLayer || !LAYERS[fromLayer]) return {};
        const rules = LAYERS[fromLayer];

        function check(node, sourceNode, typeOnly) {
            const source = sourceNode?.value;
            if (typeof source !== "string" || !source.startsWith(".")) return;
            const target = path.relative(srcRoot, path.resolve(path.dirname(context.filename), source));
            if (target.startsWith("..")) return;
            const toLayer = layerOf(target);
            if (!toLayer || toLayer === fromLayer || rules.may.includes(toLayer)) return;
            const data = { from: fromLayer, to: toLayer, source };
            if (rules.types?.includes(toLayer)) {
                if (!typeOnly) context.report({ node, messageId: "typesOnly", data });
                return;
            }
            context.report({ node, messageId: "forbidden", data });
        }

        return {
            ImportDeclaration: (node) => check(node, node.source, isTypeOnly(node)),
            ExportNamedDeclaration: (node) => check(node, node.source, isTypeOnly(node)),
            ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === "type"),
            ImportExpression: (node) => check(node, node.source, false),
        };
    },
};

export const layersPlugin = { rules: { imports: layersRule } };
