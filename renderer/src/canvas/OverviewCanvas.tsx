// Zoomed out below SIMPLE_ZOOM, node text is unreadable and a DOM node per workflow node costs
// 33–100 ms frames at 1,000 nodes (issue 3's measurements). There the canvas hides React Flow's
// nodes and edges and draws boxes and wires on one <canvas> instead, redrawn imperatively on
// viewport, document and status changes, never through React renders. The wires and boxes are
// drawn once per zoom level into an offscreen bitmap: a pan only copies it; live statuses (which
// change tens of times a second) are painted over it each frame.

import { useEffect, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';
import type { Workflow } from '../../../engine/model/workflow.js';
import type { EditorState } from '../store/index.js';
import type { RunState } from '../run/runState.js';
import { useStores } from '../store/context.js';
import { boundsOf, boxesByStatus, cssColours, type Box, type Colour } from './graphBoxes.js';
import { drawOnGraphChanges, editorBoxes } from './graphDrawing.js';

/** Largest offscreen bitmap side (px); beyond it the graph is drawn directly each frame. */
const MAX_BITMAP = 4096;
/** While zooming, the bitmap is scaled; it is redrawn sharp this long after the last zoom step. */
const ZOOM_SETTLE_MS = 120;

/** Wires and boxes, in flow coordinates (the caller sets the transform). */
function drawGraph(
  ctx: CanvasRenderingContext2D,
  doc: Workflow,
  all: Map<string, Box>,
  zoom: number,
  colour: Colour,
  { selection, faultyNodes }: Pick<EditorState, 'selection' | 'faultyNodes'>,
) {
  ctx.strokeStyle = colour('--text-3');
  ctx.lineWidth = 1.2 / zoom;
  // Far out, curves are not worth their cost (Skia strokes thousands of Béziers slowly in software);
  // paths are stroked in chunks, as one huge path rasterizes slower than several small ones.
  const curves = zoom >= 0.2;
  let inPath = 0;
  ctx.beginPath();
  for (const e of doc.edges) {
    const a = all.get(e.source);
    const b = all.get(e.target);
    if (!a || !b) continue;
    const [x1, y1, x2, y2] = [a.x + a.w, a.y + a.h / 2, b.x, b.y + b.h / 2];
    ctx.moveTo(x1, y1);
    if (curves) {
      const dx = Math.max(40, Math.abs(x2 - x1) / 2);
      ctx.bezierCurveTo(x1 + dx, y1, x2 - dx, y2, x2, y2);
    } else ctx.lineTo(x2, y2);
    if (++inPath === 500) {
      ctx.stroke();
      ctx.beginPath();
      inPath = 0;
    }
  }
  ctx.stroke();
  // Few draw calls: every box in one path, special outlines batched.
  ctx.beginPath();
  for (const b of all.values()) ctx.rect(b.x, b.y, b.w, b.h);
  ctx.fillStyle = colour('--node-bg');
  ctx.fill();
  ctx.lineWidth = 1.5 / zoom;
  ctx.strokeStyle = colour('--border-strong');
  ctx.stroke();
  const marked: Array<[string, readonly string[]]> = [
    ['--danger', [...faultyNodes]],
    ['--accent', selection.nodes],
  ];
  for (const [name, ids] of marked) {
    ctx.beginPath();
    for (const id of ids) {
      const b = all.get(id);
      if (b) ctx.rect(b.x, b.y, b.w, b.h);
    }
    ctx.strokeStyle = colour(name);
    ctx.lineWidth = 3 / zoom;
    ctx.stroke();
  }
}

/** Live statuses: an outline and a bar per node with a status, batched by colour. */
function drawStatuses(
  ctx: CanvasRenderingContext2D,
  all: Map<string, Box>,
  zoom: number,
  colour: Colour,
  run: RunState | null,
) {
  for (const [name, list] of boxesByStatus(all, run?.nodes ?? {})) {
    ctx.fillStyle = ctx.strokeStyle = colour(name);
    ctx.lineWidth = 2 / zoom;
    ctx.beginPath();
    for (const b of list) ctx.rect(b.x, b.y, b.w, b.h);
    ctx.stroke();
    ctx.beginPath();
    for (const b of list) ctx.rect(b.x, b.y + b.h - 10, b.w, 10);
    ctx.fill();
  }
}

export function OverviewCanvas() {
  const ref = useRef<HTMLCanvasElement>(null);
  const flowStore = useStoreApi();
  const stores = useStores();

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const palette = cssColours(canvas);
    const boxesNow = editorBoxes(stores.editor);
    let base: { key: unknown[]; bitmap: HTMLCanvasElement; zoom: number } | null = null;
    let lastZoom = 0;
    let zoomedAt = 0;
    let settle: ReturnType<typeof setTimeout> | undefined;

    const draw = () => {
      const editor = stores.editor.getState();
      const { doc, typesById } = editor;
      const boxes = boxesNow();
      const { transform, width, height } = flowStore.getState();
      const [tx, ty, zoom] = transform;
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
        canvas.width = Math.round(width * dpr);
        canvas.height = Math.round(height * dpr);
      }
      const colour = palette.colour;

      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      const g = boundsOf(boxes.values(), 20);
      const bw = Math.ceil(g.w * zoom * dpr);
      const bh = Math.ceil(g.h * zoom * dpr);
      if (bw <= MAX_BITMAP && bh <= MAX_BITMAP) {
        const key = [
          doc,
          typesById,
          dpr,
          editor.selection,
          editor.faultyNodes,
          document.documentElement.dataset.theme,
        ];
        const sameGraph = base !== null && base.key.every((k, i) => k === key[i]);
        if (zoom !== lastZoom) zoomedAt = performance.now();
        lastZoom = zoom;
        if (sameGraph && base!.zoom !== zoom && performance.now() - zoomedAt < ZOOM_SETTLE_MS) {
          // Mid-zoom: scale the last bitmap (a little blurry) and redraw it sharp once zooming settles.
          clearTimeout(settle);
          settle = setTimeout(() => drawing.schedule(), ZOOM_SETTLE_MS + 10);
        } else if (!sameGraph || base!.zoom !== zoom) {
          const bitmap = base?.bitmap ?? document.createElement('canvas');
          bitmap.width = bw;
          bitmap.height = bh;
          const bctx = bitmap.getContext('2d')!;
          bctx.setTransform(zoom * dpr, 0, 0, zoom * dpr, -g.x * zoom * dpr, -g.y * zoom * dpr);
          drawGraph(bctx, doc, boxes, zoom, colour, editor);
          base = { key, bitmap, zoom };
        }
        const scale = zoom / base!.zoom;
        ctx.drawImage(
          base!.bitmap,
          Math.round((tx + g.x * zoom) * dpr),
          Math.round((ty + g.y * zoom) * dpr),
          base!.bitmap.width * scale,
          base!.bitmap.height * scale,
        );
        ctx.setTransform(zoom * dpr, 0, 0, zoom * dpr, tx * dpr, ty * dpr);
      } else {
        ctx.setTransform(zoom * dpr, 0, 0, zoom * dpr, tx * dpr, ty * dpr);
        drawGraph(ctx, doc, boxes, zoom, colour, editor);
      }
      drawStatuses(ctx, boxes, zoom, colour, stores.runs.getState().run);
    };
    const drawing = drawOnGraphChanges(flowStore, stores, draw, palette.reset);
    return () => {
      drawing.dispose();
      clearTimeout(settle);
    };
  }, [flowStore, stores]);

  return <canvas ref={ref} className="overview-canvas" data-testid="overview-canvas" aria-hidden />;
}
