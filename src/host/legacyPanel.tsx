/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// The build-time host's dialog. (In lib/legacy.js this is inlined: Element's own build bundles it.)
import React from "react";
import { DialogContent, type DialogProps } from "@matrix-org/react-sdk-module-api/lib/components/DialogContent";
import type { ModuleApi } from "@matrix-org/react-sdk-module-api/lib/ModuleApi";

import { PanelRoot } from "../panel/PanelRoot";
import type { PanelTarget } from "../panelTargets";
import type { Host } from "../panel/Host";

interface PanelDialogProps extends DialogProps {
    host: Host;
    initialSection?: PanelTarget;
}

/** Element's ModuleUiDialog wants a DialogContent; its "Done" simply closes the panel (nothing to submit). */
class PanelDialogContent extends DialogContent<PanelDialogProps> {
    public constructor(props: PanelDialogProps) {
        super(props);
    }

    public override async trySubmit(): Promise<object> {
        return {};
    }

    public override render(): React.ReactNode {
        return <PanelRoot host={this.props.host} variant="dialog" initialSection={this.props.initialSection} />;
    }
}

export function openLegacyPanelDialog(moduleApi: ModuleApi, host: Host, section?: PanelTarget): void {
    void moduleApi
        .openDialog<object, PanelDialogProps, PanelDialogContent>(
            // Element's module dialog always has its own two buttons (no option removes one); both only
            // close it, as every action in the panel is saved as it happens. Two different words, so
            // they do not read "Close" twice.
            {
                title: host.t("shell.title"),
                actionLabel: host.t("shell.dialog_done"),
                cancelLabel: host.t("common.close"),
            },
            (props, ref) => <PanelDialogContent ref={ref} {...props} />,
            { host, initialSection: section },
        )
        .catch((error) => console.error("[account-security] the panel dialog failed", error));
}
