// The status bar: the run's state, elapsed time and how many nodes are done (`data-testid="run-status"`).
import { useNow } from './clock.js';
import { countStatuses, formatElapsed, isTerminal } from './runState.js';
import { useRun, type RunSlice } from './runStore.js';
import { RUN_LABELS } from './statusLabels.js';

const selectRun = (s: RunSlice) => s.run;
const selectBusy = (s: RunSlice) => s.busy;

export function RunStatusBar() {
  const run = useRun(selectRun);
  const busy = useRun(selectBusy);
  const active = run !== null && !isTerminal(run.status);
  const now = useNow(active && run.status === 'running');
  if (!run) {
    return (
      <footer className="status-bar" data-testid="run-status" data-run-status="none">
        <span className="run-state">
          <span className="run-state-dot" />
          {busy === 'start' ? 'Starting…' : 'No run yet'}
        </span>
        <span className="status-hint">F5 runs the workflow</span>
      </footer>
    );
  }
  const started = run.startedAt;
  const end = run.endedAt ?? (run.status === 'running' ? now : undefined);
  const elapsed = started !== undefined && end !== undefined ? formatElapsed(end - started) : null;
  const counts = countStatuses(run);
  const total = Object.keys(run.nodes).length;
  const done = counts.completed ?? 0;
  return (
    <footer className="status-bar" data-testid="run-status" data-run-status={run.status}>
      <span className={`run-state run-state-${run.status}`}>
        <span className="run-state-dot" />
        {busy === 'stop' ? 'Stopping…' : busy === 'abort' ? 'Aborting…' : RUN_LABELS[run.status]}
      </span>
      {elapsed !== null && (
        <span className="run-elapsed mono" data-testid="run-elapsed" title="Elapsed time">
          {elapsed}
        </span>
      )}
      <span className="run-nodes">
        {done}/{total} nodes completed
        {counts.running ? ` · ${counts.running} running` : ''}
        {counts.failed ? ` · ${counts.failed} failed` : ''}
        {counts.cancelled ? ` · ${counts.cancelled} cancelled` : ''}
        {counts.skipped ? ` · ${counts.skipped} skipped` : ''}
      </span>
      {run.status === 'failed' && run.error && (
        <span className="run-error" title={run.error.message}>
          {run.error.message}
        </span>
      )}
      <span className="spacer" />
      <span className="run-id mono" title="Run id">
        {run.runId}
      </span>
    </footer>
  );
}
