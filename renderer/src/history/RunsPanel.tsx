// The bottom panel's Runs tab: the workspace's run history (runs of the editor, `sluice run` and the
// REST API alike), newest first, filtered by workflow, state and time, paged, and refreshed while it
// is shown. A run opens on the canvas as it ran, runs again, or is compared with another.
import { useCallback, useEffect, useState } from 'react';
import type { HostClient } from '../../../engine/hostApi/api.js';
import { RUN_STATUSES, type RunStatus, type RunSummary } from '../../../engine/model/run.js';
import { formatClock } from '../run/logFilter.js';
import { useRunSession } from '../run/context.js';
import { useRun } from '../run/runStore.js';
import { RUN_LABELS } from '../run/statusLabels.js';
import { useEditor, useEditorStore } from '../store/index.js';
import { openRun } from './openRun.js';
import { RunCompare } from './RunCompare.js';
import {
  DEFAULT_QUERY,
  formatDuration,
  listFilter,
  mergePages,
  nodeTally,
  PAGE_SIZE,
  runDuration,
  SINCE_CHOICES,
  type RunsQuery,
  type SinceChoice,
} from './runList.js';

const REFRESH_MS = 2000;

function startedText(t: number, now: number): string {
  const d = new Date(t);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return sameDay ? formatClock(t).slice(0, 8) : `${d.toLocaleDateString()} ${formatClock(t).slice(0, 5)}`;
}

export function RunsPanel({ host }: { host: HostClient }) {
  const editor = useEditorStore();
  const session = useRunSession();
  const workflowName = useEditor((s) => s.doc.name);
  const shownRun = useRun((s) => s.run?.runId ?? null);
  const [query, setQuery] = useState<RunsQuery>(DEFAULT_QUERY);
  const [first, setFirst] = useState<RunSummary[] | null>(null);
  const [older, setOlder] = useState<RunSummary[]>([]);
  /** The last older page came back short: there is nothing before it. */
  const [oldestLoaded, setOldestLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [comparing, setComparing] = useState<[string, string] | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const refresh = useCallback(async () => {
    const at = Date.now();
    try {
      const runs = await host.call('run:list', listFilter(query, workflowName, at));
      setFirst(runs);
      setNow(at);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [host, query, workflowName]);

  // A new filter starts from its first page.
  useEffect(() => {
    setOlder([]);
    setOldestLoaded(false);
    setPicked([]);
  }, [query, workflowName]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const runs = mergePages(first ?? [], older);
  const hasMore = !oldestLoaded && (older.length > 0 || first?.length === PAGE_SIZE);
  const loadMore = async () => {
    const last = runs[runs.length - 1];
    if (!last) return;
    try {
      const page = await host.call('run:list', listFilter(query, workflowName, now, last));
      setOlder((o) => [...o, ...page]);
      setOldestLoaded(page.length < PAGE_SIZE);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const toggle = (runId: string) =>
    setPicked((p) => (p.includes(runId) ? p.filter((id) => id !== runId) : [...p, runId].slice(-2)));
  const open = (runId: string) => void openRun(host, editor, session, runId);
  const runAgain = (runId: string) => void openRun(host, editor, session, runId, () => void session.start());

  if (comparing) {
    return <RunCompare host={host} runIds={comparing} onBack={() => setComparing(null)} />;
  }
  const set = <K extends keyof RunsQuery>(key: K, value: RunsQuery[K]) =>
    setQuery((q) => ({ ...q, [key]: value }));
  return (
    <div className="runs-panel" data-testid="runs-panel">
      <div className="panel-toolbar">
        <select
          aria-label="Which workflow's runs"
          value={query.scope}
          onChange={(e) => set('scope', e.target.value as RunsQuery['scope'])}
          data-testid="runs-scope"
        >
          <option value="this">This workflow</option>
          <option value="all">All workflows</option>
        </select>
        <select
          aria-label="Run state"
          value={query.status}
          onChange={(e) => set('status', e.target.value as RunStatus | 'any')}
          data-testid="runs-status"
        >
          <option value="any">Any state</option>
          {RUN_STATUSES.filter((s) => s !== 'ready').map((s) => (
            <option key={s} value={s}>
              {RUN_LABELS[s]}
            </option>
          ))}
        </select>
        <select
          aria-label="Started"
          value={query.since}
          onChange={(e) => set('since', e.target.value as SinceChoice)}
          data-testid="runs-since"
        >
          {SINCE_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <span className="panel-meta" data-testid="runs-count">
          {first === null
            ? 'Loading…'
            : `${runs.length}${hasMore ? '+' : ''} run${runs.length === 1 ? '' : 's'}`}
        </span>
        <button
          className="button"
          disabled={picked.length !== 2}
          title="Pick two runs with their boxes to compare them"
          onClick={() => setComparing([picked[0]!, picked[1]!])}
          data-testid="runs-compare"
        >
          Compare
        </button>
      </div>
      {error && (
        <div className="panel-empty run-error-message" role="alert" data-testid="runs-error">
          Cannot list runs: {error}
        </div>
      )}
      {first !== null && runs.length === 0 && !error && (
        <div className="empty-hint panel-empty" data-testid="runs-empty">
          {query.scope === 'this' ? `No runs of “${workflowName}” yet.` : 'No runs yet.'}
        </div>
      )}
      {runs.length > 0 && (
        <div className="runs-scroller">
          <table className="runs-table" data-testid="runs-table">
            <thead>
              <tr>
                <th aria-label="Compare" />
                <th>State</th>
                <th>Workflow</th>
                <th>Started</th>
                <th>Took</th>
                <th>Nodes</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => {
                const tally = nodeTally(r);
                return (
                  <tr
                    key={r.runId}
                    className={r.runId === shownRun ? 'shown' : undefined}
                    data-testid="run-row"
                    data-run-id={r.runId}
                    data-status={r.status}
                    onDoubleClick={() => open(r.runId)}
                  >
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Compare run ${r.runId}`}
                        checked={picked.includes(r.runId)}
                        onChange={() => toggle(r.runId)}
                        data-testid="run-pick"
                      />
                    </td>
                    <td>
                      <span className={`run-state run-state-${r.status}`} data-testid="run-state">
                        {RUN_LABELS[r.status]}
                      </span>
                    </td>
                    <td className="run-workflow" title={r.workflowPath ?? ''}>
                      {r.workflowName}
                    </td>
                    <td className="mono" title={new Date(r.startedAt).toLocaleString()}>
                      {startedText(r.startedAt, now)}
                    </td>
                    <td className="mono">{formatDuration(runDuration(r, now))}</td>
                    <td data-testid="run-tally">
                      {tally.completed}/{tally.total} completed
                      {tally.failed > 0 && <span className="run-failed-count"> · {tally.failed} failed</span>}
                    </td>
                    <td className="run-actions">
                      <button className="link-button" onClick={() => open(r.runId)} data-testid="run-open">
                        Open
                      </button>
                      <button
                        className="link-button"
                        onClick={() => runAgain(r.runId)}
                        data-testid="run-again"
                      >
                        Run again
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {hasMore && (
            <button className="button runs-more" onClick={() => void loadMore()} data-testid="runs-more">
              Load older runs
            </button>
          )}
        </div>
      )}
    </div>
  );
}
