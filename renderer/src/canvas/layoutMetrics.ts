// Node sizes are known before React Flow measures anything: giving nodes their size up front cut the
// 1,000-node load from 0.7 s to 0.3 s (issue 3's measurements). The CSS uses the same numbers.
export const NODE_WIDTH = 220;
export const HEADER_HEIGHT = 34;
export const PORT_ROW_HEIGHT = 22;
export const STATUS_HEIGHT = 24;
export const BODY_PADDING = 6;

export function nodeHeight(inputs: number, outputs: number): number {
  return (
    2 * NODE_BORDER +
    HEADER_HEIGHT +
    BODY_PADDING * 2 +
    Math.max(inputs, outputs, 1) * PORT_ROW_HEIGHT +
    STATUS_HEIGHT
  );
}

/** Below this zoom node text is unreadable: the graph is drawn on one <canvas> (OverviewCanvas). */
export const SIMPLE_ZOOM = 0.4;

/** Width kept clear on the right of a fitted view: the minimap (200 px and its margin) sits there. */
export const MINIMAP_ROOM = 232;

/**
 * Zoomed out, React Flow's nodes are hidden (drawn on a canvas instead) but still count for fit view.
 * The right padding keeps the fitted graph out from under the minimap.
 */
export const FIT_OPTIONS = {
  padding: { top: '48px', bottom: '48px', left: '64px', right: `${MINIMAP_ROOM}px` },
  duration: 250,
  includeHiddenNodes: true,
} as const;

/** Size of a port handle (CSS `.port-handle`, border-box). */
export const HANDLE_SIZE = 10;
/** The node's own border (CSS `.flow-node`). */
export const NODE_BORDER = 1;

/**
 * Centre of the i-th port handle, relative to the node's top-left corner. Handing React Flow the
 * handles up front spares it rendering every node once just to measure them (with
 * `onlyRenderVisibleElements`, a node is drawn until its handles are known).
 */
export function handleCenter(side: 'in' | 'out', index: number): { x: number; y: number } {
  return {
    x: side === 'in' ? NODE_BORDER : NODE_WIDTH - NODE_BORDER,
    y: NODE_BORDER + HEADER_HEIGHT + BODY_PADDING + index * PORT_ROW_HEIGHT + PORT_ROW_HEIGHT / 2,
  };
}
