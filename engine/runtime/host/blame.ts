// Which nodes a blamed failure touches: the node at fault (named by the node that found the failure,
// see ErrorInfo.blame) fails, and every node after it is cancelled, finished or not.

import type { Workflow } from '../../model/workflow.js';

/** Ids of the nodes downstream of `nodeId` (not itself), following edges transitively. */
export function downstreamOf(workflow: Workflow, nodeId: string): Set<string> {
  const out = new Set<string>();
  const queue = [nodeId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const e of workflow.edges) {
      if (e.source !== id || out.has(e.target) || e.target === nodeId) continue;
      out.add(e.target);
      queue.push(e.target);
    }
  }
  return out;
}
