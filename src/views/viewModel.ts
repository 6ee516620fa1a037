/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * What a view needs of its view-model (Element's MVVM: the view declares it, the view-model
 * implements it): the current snapshot and a way to hear that it changed, shaped for
 * useSyncExternalStore. Each view adds its own Actions to this.
 */
export interface ViewModelLike<Snapshot> {
    getSnapshot(): Snapshot;
    subscribe(listener: () => void): () => void;
}
