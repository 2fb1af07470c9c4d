// Editor commands shared by the toolbar, the keyboard and the desktop menu.
import type { ReactFlowInstance } from '@xyflow/react';
import type { EditorStore } from './store/index.js';
import { autoLayout } from './canvas/layout.js';
import { FIT_OPTIONS } from './canvas/layoutMetrics.js';

export function fitView(flow: Pick<ReactFlowInstance, 'fitView'>): void {
  void flow.fitView(FIT_OPTIONS);
}

/** Arranges the graph with ELK as one undoable edit, then fits it in view. */
export async function runAutoLayout(
  editorStore: EditorStore,
  flow: Pick<ReactFlowInstance, 'fitView'>,
): Promise<void> {
  const { doc, typesById } = editorStore.getState();
  try {
    const positions = await autoLayout(doc, typesById);
    editorStore.getState().applyPositions(positions, 'Auto-layout');
    requestAnimationFrame(() => fitView(flow));
  } catch (err) {
    editorStore
      .getState()
      .notify('error', `Auto-layout failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
