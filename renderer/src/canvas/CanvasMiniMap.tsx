// The minimap: every node as a box on one small <canvas>, the visible part of the graph outlined.
// React Flow's own MiniMap renders an SVG element and a store subscription per node; at 1,000
// nodes that took 100 ms of a warm file open and 450 ms of a cold one (bench/canvas.mjs), so this one
// draws imperatively on viewport, document and status changes, never through React renders.
// Click or drag to move the view there; the wheel zooms around the view's centre.

import { useEffect, useRef } from 'react';
import { Panel, useReactFlow, useStoreApi } from '@xyflow/react';
import { useStores } from '../store/context.js';
import { drawOnGraphChanges, editorBoxes } from './graphDrawing.js';
import {
  boundsOf,
  boxesByStatus,
  cssColours,
  fitMapping,
  viewBox,
  type Box,
  type Mapping,
} from './graphBoxes.js';

const WIDTH = 200;
const HEIGHT = 150;
/** Space around the content, in minimap pixels. */
const PAD = 8;
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 2;

export function CanvasMiniMap() {
  const ref = useRef<HTMLCanvasElement>(null);
  const flowStore = useStoreApi();
  const flow = useReactFlow();
  const stores = useStores();

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const palette = cssColours(canvas);
    const boxesNow = editorBoxes(stores.editor);
    let mapping: Mapping | null = null;

    const draw = () => {
      const { selection } = stores.editor.getState();
      const boxes = boxesNow();
      const { transform, width, height } = flowStore.getState();
      const view = viewBox(transform, width, height);
      const graph = boundsOf(boxes.values());
      const content = boxes.size ? boundsOf([graph, view]) : view;
      const m = (mapping = fitMapping(content, WIDTH, HEIGHT, PAD));
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== WIDTH * dpr) {
        canvas.width = WIDTH * dpr;
        canvas.height = HEIGHT * dpr;
      }
      const colour = palette.colour;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, WIDTH, HEIGHT);
      // Flow coordinates from here on.
      ctx.setTransform(
        m.scale * dpr,
        0,
        0,
        m.scale * dpr,
        (m.ox - m.x0 * m.scale) * dpr,
        (m.oy - m.y0 * m.scale) * dpr,
      );
      const fill = (boxes: Iterable<Box>, cssVariable: string) => {
        ctx.beginPath();
        for (const b of boxes) ctx.rect(b.x, b.y, b.w, b.h);
        ctx.fillStyle = colour(cssVariable);
        ctx.fill();
      };
      fill(boxes.values(), '--border-strong');
      for (const [name, list] of boxesByStatus(boxes, stores.runs.getState().run?.nodes ?? {}))
        fill(list, name);
      const selected = selection.nodes.flatMap((id) => boxes.get(id) ?? []);
      if (selected.length) fill(selected, '--accent');
      // Shade what is out of view, then outline the view.
      ctx.beginPath();
      ctx.rect(content.x - PAD / m.scale, content.y - PAD / m.scale, WIDTH / m.scale, HEIGHT / m.scale);
      ctx.rect(view.x, view.y, view.w, view.h);
      ctx.fillStyle = colour('--minimap-mask');
      ctx.fill('evenodd');
      ctx.lineWidth = 1.5 / m.scale;
      ctx.strokeStyle = colour('--accent');
      ctx.strokeRect(view.x, view.y, view.w, view.h);
    };
    const drawing = drawOnGraphChanges(flowStore, stores, draw, palette.reset);

    /** The flow point under a pointer event, by the mapping of the last frame drawn. */
    const flowPoint = (e: { clientX: number; clientY: number }) => {
      const r = canvas.getBoundingClientRect();
      const m = mapping!;
      return {
        x: m.x0 + (e.clientX - r.left - m.ox) / m.scale,
        y: m.y0 + (e.clientY - r.top - m.oy) / m.scale,
      };
    };
    const centreAt = (e: PointerEvent) => {
      if (!mapping) return;
      const p = flowPoint(e);
      void flow.setCenter(p.x, p.y, { zoom: flowStore.getState().transform[2] });
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      canvas.setPointerCapture(e.pointerId);
      centreAt(e);
    };
    const onMove = (e: PointerEvent) => {
      if (canvas.hasPointerCapture(e.pointerId)) centreAt(e);
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const { transform, width, height } = flowStore.getState();
      const view = viewBox(transform, width, height);
      const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, transform[2] * Math.pow(2, -e.deltaY / 500)));
      void flow.setCenter(view.x + view.w / 2, view.y + view.h / 2, { zoom });
    };
    canvas.addEventListener('pointerdown', onDown);
    canvas.addEventListener('pointermove', onMove);
    // Not passive: the wheel zooms the canvas, not the page.
    canvas.addEventListener('wheel', onWheel, { passive: false });

    return () => {
      drawing.dispose();
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('wheel', onWheel);
    };
  }, [flowStore, flow, stores]);

  return (
    <Panel position="bottom-right" className="canvas-minimap">
      <canvas
        ref={ref}
        style={{ width: WIDTH, height: HEIGHT }}
        data-testid="minimap"
        role="img"
        aria-label="Minimap: click or drag to move the view, scroll to zoom"
        title="Click or drag to move the view, scroll to zoom"
      />
    </Panel>
  );
}
