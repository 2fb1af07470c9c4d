// The node's status strip, keyed by `data-status`: the live run status when there is one (the run
// slice, run/runStore.ts: icon, label, elapsed time, progress bar, error badge), else whether the
// node checks clean. It subscribes to its own node only, so one node's change re-renders one strip.

import { memo } from 'react';
import { useNodeRun, useRun } from '../run/runStore.js';
import { useNow } from '../run/clock.js';
import { formatCount, formatElapsed } from '../run/runState.js';
import { BYPASSED_LABEL, NODE_ICONS, NODE_LABELS } from '../run/statusLabels.js';

export const NodeStatusArea = memo(function NodeStatusArea({
  nodeId,
  faulty,
  bypassed = false,
}: {
  nodeId: string;
  faulty: boolean;
  /** A skipped node that was bypassed, not disabled: its label says so. */
  bypassed?: boolean;
}) {
  const live = useNodeRun(nodeId);
  const status = live?.status ?? (faulty ? 'problem' : 'idle');
  const ticking = status === 'running' || status === 'retrying';
  const now = useNow(ticking);
  const started = live?.startedAt;
  const end = live?.endedAt ?? (ticking ? now : undefined);
  const elapsed = started !== undefined && end !== undefined ? formatElapsed(end - started) : null;
  const progress = live?.progress;
  const fraction = progress?.fraction;
  const showBar = fraction !== undefined && (status === 'running' || status === 'retrying');
  const attempt = live?.attempt !== undefined && live.attempt > 1 ? ` · try ${live.attempt}` : '';
  const detail =
    status === 'running' && progress?.done !== undefined
      ? progress.total !== undefined
        ? `${formatCount(progress.done)}/${formatCount(progress.total)}`
        : formatCount(progress.done)
      : null;
  return (
    <div
      className="flow-node-status"
      data-status={status}
      data-testid={`node-status-${nodeId}`}
      title={live?.error?.message ?? progress?.message}
    >
      {status === 'running' ? (
        <span className="status-spinner" aria-hidden />
      ) : NODE_ICONS[status] ? (
        <span className="status-icon" aria-hidden>
          {NODE_ICONS[status]}
        </span>
      ) : (
        <span className="status-dot" />
      )}
      <span className="status-text">
        {status === 'skipped' && bypassed ? BYPASSED_LABEL : NODE_LABELS[status]}
        {attempt}
      </span>
      {detail !== null && <span className="status-detail mono">{detail}</span>}
      {elapsed !== null && (
        <span className="status-time mono" data-testid={`node-elapsed-${nodeId}`}>
          {elapsed}
        </span>
      )}
      {showBar && (
        <span className="status-progress" data-testid={`node-progress-${nodeId}`}>
          <span style={{ width: `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%` }} />
        </span>
      )}
    </div>
  );
});

/** The red "!" on a failed node's corner; its tooltip is the error. */
export const NodeErrorBadge = memo(function NodeErrorBadge({ nodeId }: { nodeId: string }) {
  const message = useRun((s) => {
    const n = s.run?.nodes[nodeId];
    return n?.status === 'failed' ? (n.error?.message ?? 'Failed') : null;
  });
  if (message === null) return null;
  return (
    <span className="node-error-badge" data-testid={`node-error-${nodeId}`} title={message}>
      !
    </span>
  );
});
