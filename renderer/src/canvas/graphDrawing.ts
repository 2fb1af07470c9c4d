// What the views that draw the graph on a <canvas> (the minimap, the zoomed-out overview) share:
// a redraw at most once a frame whenever what they show changes, and the node boxes of the
// document, worked out again only when the document or its node types change.

import type { useStoreApi, ReactFlowState } from '@xyflow/react';
import type { EditorStore } from '../store/index.js';
import type { RunStore } from '../run/runStore.js';
import { nodeBoxes, observeTheme, type Box } from './graphBoxes.js';

type FlowStore = ReturnType<typeof useStoreApi>;

export interface GraphDrawing {
  /** Asks for a redraw in the next frame (several asks, one draw). */
  schedule(): void;
  dispose(): void;
}

/**
 * Draws now and again on a theme change (after `onTheme`, which drops cached colours), a viewport or
 * size change, a document, type, selection or problem change, and a change of live node statuses
 * (log lines and edge counts do not show on these views).
 */
export function drawOnGraphChanges(
  flowStore: FlowStore,
  { editor, runs }: { editor: EditorStore; runs: RunStore },
  draw: () => void,
  onTheme: () => void,
): GraphDrawing {
  let frame = 0;
  const schedule = () => {
    if (!frame)
      frame = requestAnimationFrame(() => {
        frame = 0;
        draw();
      });
  };
  const unsubscribe = [
    observeTheme(() => {
      onTheme();
      schedule();
    }),
    flowStore.subscribe((s: ReactFlowState, prev: ReactFlowState) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) schedule();
    }),
    editor.subscribe((s, prev) => {
      if (
        s.doc !== prev.doc ||
        s.typesById !== prev.typesById ||
        s.selection !== prev.selection ||
        s.faultyNodes !== prev.faultyNodes
      )
        schedule();
    }),
    runs.subscribe((s, prev) => {
      if (s.run?.nodes !== prev.run?.nodes) schedule();
    }),
  ];
  schedule();
  return {
    schedule,
    dispose() {
      unsubscribe.forEach((u) => u());
      if (frame) cancelAnimationFrame(frame);
    },
  };
}

/** The current document's node boxes, kept while the document and its node types stay the same. */
export function editorBoxes(editor: EditorStore): () => Map<string, Box> {
  let memo: { doc: unknown; types: unknown; boxes: Map<string, Box> } | null = null;
  return () => {
    const { doc, typesById } = editor.getState();
    if (!memo || memo.doc !== doc || memo.types !== typesById)
      memo = { doc, types: typesById, boxes: nodeBoxes(doc, typesById) };
    return memo.boxes;
  };
}
