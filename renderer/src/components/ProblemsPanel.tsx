// Problems of the whole-graph check, live on every edit. Clicking one selects its node (or edge)
// and brings it into view.

import { useReactFlow } from '@xyflow/react';
import type { Problem } from '../../../engine/model/problem.js';
import { useEditor, useEditorStore, type EditorState } from '../store/index.js';
import { NODE_WIDTH } from '../canvas/layoutMetrics.js';

const selectProblems = (s: EditorState) => s.problems;

export function ProblemsPanel() {
  const problems = useEditor(selectProblems);
  const flow = useReactFlow();
  const editorStore = useEditorStore();
  const reveal = (p: Problem) => {
    const store = editorStore.getState();
    const nodeId = p.nodeId ?? store.doc.edges.find((e) => e.id === p.edgeId)?.target;
    store.select({ nodes: p.nodeId ? [p.nodeId] : [], edges: p.edgeId ? [p.edgeId] : [], notes: [] });
    const node = store.doc.nodes.find((n) => n.id === nodeId);
    if (node)
      void flow.setCenter(node.position.x + NODE_WIDTH / 2, node.position.y + 40, {
        zoom: Math.max(flow.getZoom(), 0.8),
        duration: 250,
      });
  };
  if (problems.length === 0) {
    return (
      <div className="problems-empty" data-testid="problems-empty">
        ✓ No problems
      </div>
    );
  }
  return (
    <ul className="problems" data-testid="problems">
      {problems.map((p, i) => (
        <li
          key={i}
          className={`problem ${p.severity}`}
          onClick={() => reveal(p)}
          data-testid="problem"
          data-node-id={p.nodeId ?? ''}
        >
          <span className="problem-icon">{p.severity === 'error' ? '●' : '▲'}</span>
          <span className="problem-message">{p.message}</span>
          {p.nodeId && <span className="problem-where mono">{p.nodeId}</span>}
        </li>
      ))}
    </ul>
  );
}
