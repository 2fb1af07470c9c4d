// The node's status strip, keyed by `data-status`: the live run status when there is one (from
// run/nodeStatusStore, filled by the live-run work), else whether the node checks clean.

import { memo } from 'react';
import { useNodeStatus } from '../run/nodeStatusStore.js';

const LABELS: Record<string, string> = {
  idle: 'Ready',
  problem: 'Has problems',
  pending: 'Pending',
  running: 'Running',
  retrying: 'Retrying',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const NodeStatusArea = memo(function NodeStatusArea({
  nodeId,
  faulty,
}: {
  nodeId: string;
  faulty: boolean;
}) {
  const live = useNodeStatus(nodeId);
  const status = live ?? (faulty ? 'problem' : 'idle');
  return (
    <div className="flow-node-status" data-status={status} data-testid={`node-status-${nodeId}`}>
      <span className="status-dot" />
      <span className="status-text">{LABELS[status] ?? status}</span>
    </div>
  );
});
