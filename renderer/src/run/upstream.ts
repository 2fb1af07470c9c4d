// "Run to here": the chosen node and everything it depends on, as a workflow of its own.
import type { Workflow } from '../../../engine/model/workflow.js';

export function upstreamWorkflow(w: Workflow, nodeId: string): Workflow {
  const keep = new Set([nodeId]);
  const stack = [nodeId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const e of w.edges)
      if (e.target === id && !keep.has(e.source)) {
        keep.add(e.source);
        stack.push(e.source);
      }
  }
  return {
    ...w,
    nodes: w.nodes.filter((n) => keep.has(n.id)),
    edges: w.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
}
