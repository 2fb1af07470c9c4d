// Selects a node and brings it into view (from a log line or an error).
import type { ReactFlowInstance } from '@xyflow/react';
import type { EditorStore } from '../store/index.js';
import { NODE_WIDTH } from '../canvas/layoutMetrics.js';

export function revealNode(
  editor: EditorStore,
  flow: Pick<ReactFlowInstance, 'setCenter' | 'getZoom'>,
  nodeId: string,
): void {
  const store = editor.getState();
  const node = store.doc.nodes.find((n) => n.id === nodeId);
  if (!node) return;
  store.select({ nodes: [nodeId], edges: [], notes: [] });
  void flow.setCenter(node.position.x + NODE_WIDTH / 2, node.position.y + 40, {
    zoom: Math.max(flow.getZoom(), 0.8),
    duration: 250,
  });
}
