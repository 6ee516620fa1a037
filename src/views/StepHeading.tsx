/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

import React, { useEffect, useRef, type ReactNode } from "react";
import { Heading } from "@vector-im/compound-web";

export interface StepHeadingProps {
    id: string;
    children: ReactNode;
    /** Default h2: the panel's tab names the section, steps sit one level below. */
    level?: "h2" | "h3";
    /** Move keyboard focus here when the step appears (false when a field of the step takes it instead). */
    focusOnMount?: boolean;
}

/**
 * The heading of one step of a flow. It takes focus when the step appears, so keyboard and
 * screen-reader users continue from the new step instead of from the top of the page.
 */
export function StepHeading({ id, children, level = "h2", focusOnMount = true }: StepHeadingProps): React.JSX.Element {
    const ref = useRef<HTMLHeadingElement>(null);
    useEffect(() => {
        if (focusOnMount) ref.current?.focus();
    }, [focusOnMount]);
    // compound-web's Heading spreads unknown props onto the element and React 19 passes `ref` as a
    // prop, but its types omit `ref`: hence the untyped spread.
    const refProp = { ref } as Record<string, unknown>;
    return (
        <Heading as={level} size="sm" weight="semibold" id={id} tabIndex={-1} {...refProp}>
            {children}
        </Heading>
    );
}
