/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/**
 * Element's containers for what must sit above the app: dialogs, context menus (created lazily and
 * appended to <body>, each `isolation: isolate`). An isolated, unpositioned box is painted at the
 * z-index 0 level of the page, in document order, whatever z-index its children have inside — so
 * Element's dialogs (z-index 4000 inside their container) are above our layer only when our layer is
 * at that same level and comes earlier in the document.
 */
const ELEMENT_OVERLAY_CONTAINERS = [
    "#mx_Dialog_StaticContainer",
    "#mx_Dialog_Container",
    "#mx_ContextualMenu_Container",
];

/**
 * Creates the nudge layer's container: right after Element's app root (`api.rootNode`), and before
 * any of Element's overlay containers that already exist, so every Element dialog and menu is drawn
 * above the layer. Never throws: falls back to the end of <body>.
 */
export function createLayerContainer(rootNode: Element | null | undefined, id: string): HTMLElement {
    const container = document.createElement("div");
    container.id = id;
    try {
        if (rootNode?.parentNode) rootNode.after(container);
        else document.body.append(container);
        const overlays = ELEMENT_OVERLAY_CONTAINERS.map((selector) => document.querySelector(selector)).filter(
            (node): node is Element => node !== null && node.parentNode === container.parentNode,
        );
        const first = overlays.find((node) =>
            overlays.every(
                (other) => other === node || node.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING,
            ),
        );
        if (first && container.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_PRECEDING)
            first.before(container);
    } catch (error) {
        console.error("[account-security] could not place the reminder layer; it goes at the end of the page", error);
        if (!container.isConnected) document.body.append(container);
    }
    return container;
}
