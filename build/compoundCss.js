/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// compound-web ships ONE stylesheet (dist/style.css, ~82 KB) for all of its ~40 components, and the
// panel used to inject all of it on first open. Its components are CSS modules: every class is named
// `_<name>_<hash>_<line>`, where <hash> identifies the component's own `X.module.css`, and each
// component's `X.module.js` (the class-name map) names the same hash. So the stylesheet splits cleanly:
//  - `mode: "module"` (on compound-web's `*.module.js`): adds `import "…/style.css?compound=<hash>"`,
//    so a component's rules travel with the component — into the chunk that needs it, and only when
//    webpack keeps the component (an unused component's class map is never bundled, nor its CSS).
//  - `mode: "stylesheet"` (on style.css, before css-loader): `?compound=<hash>` keeps only the rules
//    that name that hash; the plain import (src/panel/PanelRoot.tsx) keeps only `:root` custom
//    properties. compound-web's rules for `html`/`body`/`input` are dropped: they would restyle
//    Element's own page, and the module's views never rely on them.
const postcss = require("postcss");

const CLASS_HASH = /_[A-Za-z0-9-]+_([a-z0-9]{5})_\d+/g;
const STYLESHEET = require.resolve("@vector-im/compound-web/dist/style.css");

/** The CSS-module hashes named in a piece of CSS or JS. */
function hashesIn(text) {
    return new Set([...text.matchAll(CLASS_HASH)].map((match) => match[1]));
}

/** Keeps the top-level rules of `css` that belong to `hash`, or (hash null) the `:root` rules. */
function filterStylesheet(css, hash) {
    const root = postcss.parse(css);
    root.each((node) => {
        if (node.type === "comment") return void node.remove();
        const hashes = hashesIn(node.toString());
        const keep =
            hash === null ? hashes.size === 0 && node.type === "rule" && node.selector === ":root" : hashes.has(hash);
        if (!keep) node.remove();
    });
    return root.toString();
}

/** @this {import("webpack").LoaderContext<{ mode: "module" | "stylesheet" }>} */
function compoundCssLoader(source) {
    const { mode } = this.getOptions();
    if (mode === "stylesheet") {
        const match = /[?&]compound=([a-z0-9]{5})\b/.exec(this.resourceQuery ?? "");
        return filterStylesheet(String(source), match ? match[1] : null);
    }
    const hashes = [...hashesIn(String(source))];
    if (hashes.length === 0) return source;
    const imports = hashes.map((hash) => `import ${JSON.stringify(`${STYLESHEET}?compound=${hash}`)};`).join("\n");
    return `${imports}\n${source}`;
}

module.exports = compoundCssLoader;
module.exports.filterStylesheet = filterStylesheet;
module.exports.STYLESHEET = STYLESHEET;
