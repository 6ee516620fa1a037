/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { useSyncExternalStore } from "react";

import type { ViewModelLike } from "./viewModel";

/** Renders from a view-model's snapshot and re-renders when it changes. */
export function useViewModel<Snapshot>(vm: ViewModelLike<Snapshot>): Snapshot {
    return useSyncExternalStore(vm.subscribe, vm.getSnapshot);
}
