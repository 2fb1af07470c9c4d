// A run's summary (engine/model/run.ts RunSummary) from the host's view of its nodes.

import type { ErrorInfo, NodeStatus, RunSummary } from '../../model/run.js';

export interface NodeView {
  id: string;
  status: NodeStatus;
  startedAt?: number;
  endedAt?: number;
  error?: ErrorInfo;
  attempt: number;
}

export function buildSummary(
  run: Omit<RunSummary, 'nodes' | 'failedNodes'> & { nodes: readonly NodeView[] },
): RunSummary {
  const nodes: RunSummary['nodes'] = {};
  const failedNodes: string[] = [];
  for (const s of run.nodes) {
    nodes[s.id] = {
      status: s.status,
      ...(s.startedAt !== undefined ? { startedAt: s.startedAt } : {}),
      ...(s.endedAt !== undefined ? { endedAt: s.endedAt } : {}),
      ...(s.error ? { error: s.error } : {}),
      ...(s.attempt ? { attempt: s.attempt } : {}),
    };
    // Also when the run went on without it (allowFail): the summary says it failed.
    if (s.status === 'failed') failedNodes.push(s.id);
  }
  return { ...run, nodes, ...(failedNodes.length > 0 ? { failedNodes } : {}) };
}
