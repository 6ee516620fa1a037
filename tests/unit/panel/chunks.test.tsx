/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

// Issue 16: code fetched ahead of time (the idle-time prefetch) shows in the very first render,
// with no blank frame and no Suspense hold-back; code that is not here yet shows once it arrives,
// mounting once; a chunk that fails to load reaches the error boundary.
import React, { Component, useEffect, type ReactNode } from "react";
import { render, screen } from "@testing-library/react";

import { chunk, useChunk } from "../../../src/panel/useChunk";

function Section({ onMount }: { onMount: () => void }): React.JSX.Element {
    useEffect(onMount, [onMount]);
    return <p>section content</p>;
}

function makeView(source: ReturnType<typeof chunk<typeof Section>>) {
    return function View({ onMount }: { onMount: () => void }): React.JSX.Element | null {
        const Loaded = useChunk(source);
        return Loaded ? <Loaded onMount={onMount} /> : null;
    };
}

class Boundary extends Component<{ children: ReactNode }, { failed: boolean }> {
    public override state = { failed: false };
    public static getDerivedStateFromError(): { failed: boolean } {
        return { failed: true };
    }
    public override render(): ReactNode {
        return this.state.failed ? <p>could not load</p> : this.props.children;
    }
}

describe("lazy chunks of the panel", () => {
    it("a prefetched chunk shows in the first render", async () => {
        const source = chunk(() => Promise.resolve(Section));
        await source.load();
        const View = makeView(source);
        render(<View onMount={() => undefined} />);
        // Synchronously after render: no wait, no empty frame.
        expect(screen.getByText("section content")).toBeInTheDocument();
    });

    it("a chunk that is not here yet shows once it arrives, mounting once; it is fetched once", async () => {
        const loader = jest.fn(() => new Promise<typeof Section>((resolve) => setTimeout(() => resolve(Section), 20)));
        const source = chunk(loader);
        const View = makeView(source);
        const mounted = jest.fn();
        const { rerender } = render(<View onMount={mounted} />);
        expect(screen.queryByText("section content")).toBeNull();
        rerender(<View onMount={mounted} />);
        expect(await screen.findByText("section content")).toBeInTheDocument();
        rerender(<View onMount={mounted} />);
        expect(mounted).toHaveBeenCalledTimes(1);
        expect(loader).toHaveBeenCalledTimes(1);
    });

    it("a chunk that fails to load reaches the error boundary, and a later load tries again", async () => {
        jest.spyOn(console, "error").mockImplementation(() => undefined); // React reports the caught error
        let fail = true;
        const source = chunk(() => (fail ? Promise.reject(new Error("offline")) : Promise.resolve(Section)));
        const View = makeView(source);
        render(
            <Boundary>
                <View onMount={() => undefined} />
            </Boundary>,
        );
        expect(await screen.findByText("could not load")).toBeInTheDocument();
        fail = false;
        await expect(source.load()).resolves.toBe(Section);
    });
});
