// Node boxes in flow coordinates, computed from the document alone (no DOM measurement), for the
// views that draw the graph on a <canvas>: the zoomed-out overview and the minimap.

import type { Workflow } from '../../../engine/model/workflow.js';
import type { NodeTypeInfo } from '../../../engine/model/nodeTypeInfo.js';
import { resolvePorts } from '../../../engine/model/nodeTypeInfo.js';
import type { NodeStatus } from '../../../engine/model/run.js';
import { NODE_WIDTH, nodeHeight } from './layoutMetrics.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function nodeBoxes(doc: Workflow, types: ReadonlyMap<string, NodeTypeInfo>): Map<string, Box> {
  const out = new Map<string, Box>();
  for (const n of doc.nodes) {
    const info = types.get(n.type);
    const ports = info ? resolvePorts(info, n.params) : { inputs: [], outputs: [] };
    out.set(n.id, {
      x: n.position.x,
      y: n.position.y,
      w: NODE_WIDTH,
      h: nodeHeight(ports.inputs.length, ports.outputs.length),
    });
  }
  return out;
}

/** The box around every box, with `margin` on each side; a unit box when there are none. */
export function boundsOf(boxes: Iterable<Box>, margin = 0): Box {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  if (x0 === Infinity) return { x: 0, y: 0, w: 1, h: 1 };
  return { x: x0 - margin, y: y0 - margin, w: x1 - x0 + 2 * margin, h: y1 - y0 + 2 * margin };
}

/** Flow coordinates ↔ minimap pixels: `px = (x - x0) * scale + ox`. */
export interface Mapping {
  x0: number;
  y0: number;
  scale: number;
  ox: number;
  oy: number;
}

/** Fits the graph and the view into the minimap, centred. */
export function fitMapping(content: Box, width: number, height: number, pad: number): Mapping {
  const scale = Math.min((width - 2 * pad) / content.w, (height - 2 * pad) / content.h);
  return {
    x0: content.x,
    y0: content.y,
    scale,
    ox: (width - content.w * scale) / 2,
    oy: (height - content.h * scale) / 2,
  };
}

/** The part of the graph the canvas shows, in flow coordinates. */
export function viewBox(transform: readonly [number, number, number], width: number, height: number): Box {
  const [tx, ty, zoom] = transform;
  return { x: -tx / zoom, y: -ty / zoom, w: width / zoom, h: height / zoom };
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Below this zoom a graph opened without a saved view is not fitted: its start is shown at 100 %. */
export const FIT_ON_OPEN_MIN_ZOOM = 0.5;

/**
 * How a document opened without a saved view is framed in a `width` × `height` canvas: the whole
 * graph, centred, at 100 % or less when it fits at 50 % or more; a larger graph at 100 % with its
 * top-left corner in view (where a flow starts), rather than shrunk to unreadable boxes.
 */
export function openingViewport(graph: Box | null, width: number, height: number, pad = 40): Viewport {
  if (graph === null || width <= 2 * pad || height <= 2 * pad) return { x: pad, y: pad, zoom: 1 };
  const zoom = Math.min(1, (width - 2 * pad) / graph.w, (height - 2 * pad) / graph.h);
  if (zoom < FIT_ON_OPEN_MIN_ZOOM) return { x: pad - graph.x, y: pad - graph.y, zoom: 1 };
  return {
    x: (width - graph.w * zoom) / 2 - graph.x * zoom,
    y: (height - graph.h * zoom) / 2 - graph.y * zoom,
    zoom,
  };
}

/** The colour variable of each live status, the same as the nodes' status strips (styles/run-nodes.css). */
export const STATUS_COLOURS: Partial<Record<NodeStatus, string>> = {
  pending: '--border-strong',
  starting: '--accent',
  running: '--accent',
  retrying: '--warn',
  paused: '--warn',
  completed: '--ok',
  failed: '--danger',
  cancelled: '--text-3',
  skipped: '--text-3',
};

export type Colour = (cssVariable: string) => string;

/**
 * Reads CSS colour variables off an element, each once until `reset` (call it when the theme
 * changes): reading computed style per frame forces a style recalculation of the page.
 */
export function cssColours(el: Element): { colour: Colour; reset(): void } {
  const cache = new Map<string, string>();
  let css: CSSStyleDeclaration | undefined;
  return {
    colour: (name) => {
      let c = cache.get(name);
      if (c === undefined) {
        css ??= getComputedStyle(el);
        cache.set(name, (c = css.getPropertyValue(name).trim()));
      }
      return c;
    },
    reset: () => {
      cache.clear();
      css = undefined;
    },
  };
}

/** Boxes grouped by the colour variable of their node's live status (few draw calls). */
export function boxesByStatus(
  boxes: ReadonlyMap<string, Box>,
  nodes: Readonly<Record<string, { status: NodeStatus }>>,
): Map<string, Box[]> {
  const byColour = new Map<string, Box[]>();
  for (const [id, info] of Object.entries(nodes)) {
    const name = STATUS_COLOURS[info.status];
    const b = boxes.get(id);
    if (!name || !b) continue;
    const list = byColour.get(name);
    if (list) list.push(b);
    else byColour.set(name, [b]);
  }
  return byColour;
}

/** Calls `redraw` when the theme changes (App sets `data-theme` on <html>): colours are read per draw. */
export function observeTheme(redraw: () => void): () => void {
  const observer = new MutationObserver(redraw);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
