/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Helpers for driving the EmailViewModel against the real Synapse the way a user would.

import type { MatrixClient } from "matrix-js-sdk";

import { memoryStorage, type KeyValueStorage } from "../../src/matrix/email/pendingAddStore";
import { EmailViewModel, type EmailStep, type EmailViewModelOptions } from "../../src/viewmodels/EmailViewModel";
import type { MailSink } from "./mailSink";
import { untilObserved } from "./observe";

type Kind = EmailStep["kind"];
export type StepOf<K extends Kind> = Extract<EmailStep, { kind: K }>;

/** A view-model as the panel creates it, with storage the test can hand to a "reloaded" one. */
export function openEmailSection(
    client: MatrixClient,
    options: Partial<Omit<EmailViewModelOptions, "client">> & { storage?: KeyValueStorage } = {},
): EmailViewModel {
    return new EmailViewModel({
        client,
        config: options.config ?? { email: { require_email: false, help_url: null } },
        storage: options.storage ?? memoryStorage(),
        timeoutMs: options.timeoutMs ?? 10_000,
        now: options.now,
        onUserReturn: options.onUserReturn,
        threePidChanges: options.threePidChanges,
    });
}

/** Every step the view-model went through from now on (to assert e.g. "no password was asked"). */
export function recordSteps(vm: EmailViewModel): Kind[] {
    const seen: Kind[] = [];
    vm.subscribe(() => {
        const kind = vm.getSnapshot().step.kind;
        if (seen.at(-1) !== kind) seen.push(kind);
    });
    return seen;
}

/** Resolves with the step once the view-model reaches `kind`; rejects with the step it is stuck in. */
export function waitForStep<K extends Kind>(vm: EmailViewModel, kind: K, timeoutMs = 15_000): Promise<StepOf<K>> {
    const stuck = (): string =>
        `Still at step ${JSON.stringify(vm.getSnapshot().step)} after ${timeoutMs} ms, expected "${kind}"`;
    const step = untilObserved(
        vm,
        () => vm.getSnapshot().step,
        (s) => s.kind === kind,
        timeoutMs,
        stuck,
    );
    return step as Promise<StepOf<K>>;
}

/** Resolves with the first snapshot step (now or later) that satisfies `predicate`. */
export function waitUntil(
    vm: EmailViewModel,
    predicate: (step: EmailStep) => boolean,
    timeoutMs = 15_000,
): Promise<EmailStep> {
    const stuck = (): string =>
        `Condition not met after ${timeoutMs} ms; step: ${JSON.stringify(vm.getSnapshot().step)}`;
    return untilObserved(vm, () => vm.getSnapshot().step, predicate, timeoutMs, stuck);
}

/** The problem shown next to the address field once the server has answered a submitted address. */
export async function addressProblem(vm: EmailViewModel): Promise<unknown> {
    const step = await waitUntil(vm, (s) => s.kind === "entering" && s.problem !== null);
    return step.kind === "entering" ? step.problem : null;
}

/** Types an address into the Add field and submits it, as the user would. */
export async function enterAddress(vm: EmailViewModel, address: string): Promise<void> {
    await waitForStep(vm, "ready");
    vm.startAdd();
    vm.setDraft(address);
    vm.submitAddress();
}

/**
 * "Continue" → the password step → the password, as the user would; resolves with the password step
 * that was shown. `then` is the step to wait for afterwards ("ready": added and back at the list).
 */
export async function continueWithPassword(
    vm: EmailViewModel,
    password: string,
    then: Kind = "ready",
): Promise<StepOf<"auth">> {
    vm.continueAdd();
    const auth = await waitForStep(vm, "auth");
    vm.submitAuth({ kind: "password", password });
    await waitForStep(vm, then);
    return auth;
}

/** Waits for the verification mail to `address` and opens its link like a browser would. */
export async function clickLinkInMail(
    sink: MailSink,
    address: string,
    options: { after?: number } = {},
): Promise<string> {
    const mail = await sink.waitForMail(address, options);
    const link = mail.links.find((l) => l.includes("submit_token"));
    if (!link) throw new Error(`No submit_token link in the mail to ${address}: ${mail.text}`);
    const page = await fetch(link);
    const html = await page.text();
    if (!page.ok) throw new Error(`Opening the link gave HTTP ${page.status}: ${html}`);
    return html;
}

/** Stands in for the browser's "the user came back to this tab": `back()` fires it. */
export function userReturns(): { onUserReturn: (listener: () => void) => () => void; back(): void } {
    const listeners = new Set<() => void>();
    return {
        onUserReturn: (listener) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
        back: () => listeners.forEach((listener) => listener()),
    };
}
