// Which nodes a blamed failure touches: the node at fault (named by the node that found the failure,
// see ErrorInfo.blame) fails, and every node after it is cancelled, finished or not.

import type { NodeStatus } from '../../model/run.js';
import { isTerminalNodeStatus } from '../../model/run.js';
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

/**
 * What a blamed failure marks, in order: the blamed node `failed` (even if it had completed), then
 * `cancelled` for every node after it that is still going, has completed, or reported the failure.
 */
export function blameMarks<S extends { status: NodeStatus; node: { id: string } }>(
  workflow: Workflow,
  slots: ReadonlyMap<string, S>,
  blamed: S,
  reporter: S,
): Array<[S, 'failed' | 'cancelled']> {
  const marks: Array<[S, 'failed' | 'cancelled']> = [[blamed, 'failed']];
  for (const id of downstreamOf(workflow, blamed.node.id)) {
    const slot = slots.get(id);
    if (!slot) continue;
    if (slot === reporter || !isTerminalNodeStatus(slot.status) || slot.status === 'completed')
      marks.push([slot, 'cancelled']);
  }
  return marks;
}
