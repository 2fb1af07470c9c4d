// Two runs side by side: each node's state, counts, attempts and time in either run, and what changed
// in the workflow between them (the older run is A).
import { useEffect, useState } from 'react';
import type { HostClient } from '../../../engine/hostApi/api.js';
import type { RunSummary } from '../../../engine/model/run.js';
import type { Workflow } from '../../../engine/model/workflow.js';
import { describeChange, diffWorkflows } from '../../../engine/model/workflowDiff.js';
import { NODE_LABELS, RUN_LABELS } from '../run/statusLabels.js';
import { compareRuns, formatDuration, runDuration, type NodeSide } from './runList.js';

type Recorded = RunSummary & { workflow?: Workflow };

function Side({ side }: { side: NodeSide | undefined }) {
  if (!side)
    return (
      <td colSpan={3} className="compare-missing">
        not in this run
      </td>
    );
  return (
    <>
      <td>
        <span className={`run-state run-state-${side.status}`}>{NODE_LABELS[side.status]}</span>
        {side.attempt !== undefined && side.attempt > 1 && (
          <span className="panel-meta"> · attempt {side.attempt}</span>
        )}
      </td>
      <td className="mono">
        {side.received ?? '–'} in · {side.sent ?? '–'} out
      </td>
      <td className="mono">{side.ms !== undefined ? formatDuration(side.ms) : '–'}</td>
    </>
  );
}

export function RunCompare({
  host,
  runIds,
  onBack,
}: {
  host: HostClient;
  runIds: [string, string];
  onBack: () => void;
}) {
  const [runs, setRuns] = useState<[Recorded, Recorded] | null>(null);
  const [at, setAt] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all(runIds.map((runId) => host.call('run:get', { runId })))
      .then(([x, y]) => {
        if (!live || !x || !y) return;
        setAt(Date.now());
        setRuns(x.startedAt <= y.startedAt ? [x, y] : [y, x]);
      })
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [host, runIds]);

  const back = (
    <button className="button" onClick={onBack} data-testid="compare-back">
      ← Runs
    </button>
  );
  if (error) {
    return (
      <div className="runs-panel">
        <div className="panel-toolbar">{back}</div>
        <div className="panel-empty" role="alert">
          Cannot compare: {error}
        </div>
      </div>
    );
  }
  if (!runs) return <div className="panel-empty">Loading…</div>;
  const [a, b] = runs;
  const rows = compareRuns(
    a,
    b,
    [...(a.workflow?.nodes ?? []), ...(b.workflow?.nodes ?? [])].map((n) => n.id),
  );
  const changes = a.workflow && b.workflow ? diffWorkflows(a.workflow, b.workflow) : null;
  const head = (label: string, r: Recorded) => (
    <span>
      <b>{label}</b> {r.runId} ·{' '}
      <span className={`run-state run-state-${r.status}`}>{RUN_LABELS[r.status]}</span> ·{' '}
      {formatDuration(runDuration(r, at))}
    </span>
  );
  return (
    <div className="runs-panel" data-testid="run-compare">
      <div className="panel-toolbar">
        {back}
        {head('A', a)}
        {head('B', b)}
      </div>
      <div className="runs-scroller">
        <table className="runs-table compare-table" data-testid="compare-table">
          <thead>
            <tr>
              <th>Node</th>
              <th>A state</th>
              <th>A messages</th>
              <th>A took</th>
              <th>B state</th>
              <th>B messages</th>
              <th>B took</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.nodeId}
                className={row.differs ? 'differs' : undefined}
                data-testid="compare-row"
                data-node-id={row.nodeId}
                data-differs={row.differs}
              >
                <td className="mono">{row.nodeId}</td>
                <Side side={row.a} />
                <Side side={row.b} />
              </tr>
            ))}
          </tbody>
        </table>
        <div className="compare-changes" data-testid="compare-changes">
          <b>Workflow changes from A to B:</b>{' '}
          {changes === null ? (
            'one of the runs has no workflow in the history'
          ) : changes.length === 0 ? (
            'none'
          ) : (
            <ul>
              {changes.map((c, i) => (
                <li key={i} data-testid="compare-change">
                  {describeChange(c)}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}
