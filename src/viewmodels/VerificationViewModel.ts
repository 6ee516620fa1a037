/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import { reportIfBug } from "../matrix/errors";
import type { FlowStep, VerificationFlow } from "../matrix/verification/flow";
import type { VerificationActions, VerificationSnapshot } from "../views/sessions/types";
import { ViewModel } from "./ViewModel";

export type * from "../views/sessions/types";

function fromStep(
    step: FlowStep,
): Pick<VerificationSnapshot, "step" | "emoji" | "silent" | "cancelReason" | "cancelledByMe"> {
    return {
        step: step.step,
        emoji:
            step.step === "compare" || step.step === "confirming"
                ? step.emoji.map(([symbol, name]) => ({ symbol, name }))
                : [],
        silent: step.step === "waiting" && step.silent,
        cancelReason: step.step === "cancelled" ? step.reason : null,
        cancelledByMe: step.step === "cancelled" && step.byMe,
    };
}

/**
 * Presents one VerificationFlow to a view. Owns the flow: disposing the view-model (closing the
 * panel) cancels a verification still in progress, so the other session is not left waiting.
 */
export class VerificationViewModel extends ViewModel<VerificationSnapshot> implements VerificationActions {
    public constructor(
        private readonly flow: VerificationFlow,
        target: VerificationSnapshot["target"],
        /** Turns a device ID into the name the user knows it by (null: not known yet, asked again later). */
        private readonly nameOf: (deviceId: string) => string | null,
        private readonly knownName: string | null = null,
    ) {
        super({
            ...fromStep(flow.getStep()),
            target,
            otherName: knownName ?? (flow.otherDeviceId ? nameOf(flow.otherDeviceId) : null),
            busy: false,
        });
        this.onDispose(flow.subscribe(() => this.update()));
        this.onDispose(() => flow.dispose());
    }

    public async accept(): Promise<void> {
        await this.run(() => this.flow.accept());
    }

    public async confirm(): Promise<void> {
        await this.run(() => this.flow.confirm());
    }

    public mismatch(): void {
        this.flow.mismatch();
    }

    public async cancel(): Promise<void> {
        await this.run(() => this.flow.cancel());
    }

    private update(): void {
        const otherId = this.flow.otherDeviceId;
        const otherName = this.knownName ?? (otherId ? this.nameOf(otherId) : null) ?? this.getSnapshot().otherName;
        this.setSnapshot({ ...fromStep(this.flow.getStep()), otherName });
    }

    private async run(action: () => Promise<void>): Promise<void> {
        this.setSnapshot({ busy: true });
        try {
            await action();
        } catch (error) {
            // A failed send surfaces as the flow's own cancellation; nothing more to show here
            // (a bug, though, goes to the console once).
            reportIfBug(error);
        } finally {
            this.setSnapshot({ busy: false });
        }
    }
}
