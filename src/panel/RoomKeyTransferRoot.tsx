/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React from "react";

import type { HostClient } from "../matrix/hostClient";
import { RoomKeyTransferViewModel } from "../viewmodels/RoomKeyTransferViewModel";
import { RoomKeyTransfer } from "../views/checkup/RoomKeyTransfer";
import { useOwnedViewModel } from "../views/useOwnedViewModel";
import { useViewModel } from "../views/useViewModel";

function Transfer({ vm }: { vm: RoomKeyTransferViewModel }): React.JSX.Element {
    return <RoomKeyTransfer snapshot={useViewModel(vm)} vm={vm} />;
}

/**
 * Room keys in a file (export / import), in a chunk of its own: few users open it, and its format
 * code would otherwise weigh on every first open of the panel. One view-model per mount.
 */
export function RoomKeyTransferRoot({ client }: { client: HostClient }): React.JSX.Element | null {
    const vm = useOwnedViewModel(() => new RoomKeyTransferViewModel(client), [client]);
    return vm ? <Transfer vm={vm} /> : null;
}
