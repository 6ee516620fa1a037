/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// What `import { … } from "@vector-im/compound-web"` resolves to in our webpack builds (an alias in
// webpack.config.js; jest and tsc still see the package itself).
//
// compound-web's index re-exports each component from its own file, and webpack drops the unused
// ones (the package is side-effect free) — except `Form`: the index builds it as a runtime object
// holding every form control (EditInPlace, MFA, Toggle, …), which webpack cannot prune. Re-exported
// here as a real namespace from the Form folder's index, `Form.Root`/`Form.Field`/… are tracked
// one by one and only the parts the views use are bundled. The package's "exports" map allows no
// deep import, so the files are named by path. This export shadows the index's `Form`.
export * from "../node_modules/@vector-im/compound-web/dist/index.js";
export * as Form from "../node_modules/@vector-im/compound-web/dist/components/Form/index.js";
