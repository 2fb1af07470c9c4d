// The runs panel's pure parts: the filter it asks the host with, how a run reads in a row, and the
// side-by-side comparison of two runs.

import type { RunListFilter } from '../../../engine/hostApi/api.js';
import type { NodeStatus, RunStatus, RunSummary } from '../../../engine/model/run.js';

export const PAGE_SIZE = 50;

export type SinceChoice = 'any' | 'hour' | 'day' | 'week';
export const SINCE_CHOICES: ReadonlyArray<{ value: SinceChoice; label: string; ms: number }> = [
  { value: 'any', label: 'Any time', ms: 0 },
  { value: 'hour', label: 'Last hour', ms: 3_600_000 },
  { value: 'day', label: 'Last 24 hours', ms: 86_400_000 },
  { value: 'week', label: 'Last 7 days', ms: 7 * 86_400_000 },
];

export interface RunsQuery {
  /** Only the runs of the open workflow (by its name), or every run of the workspace. */
  scope: 'this' | 'all';
  status: RunStatus | 'any';
  since: SinceChoice;
}

export const DEFAULT_QUERY: RunsQuery = { scope: 'this', status: 'any', since: 'any' };

/** The host's filter for one page; `before` is the last run of the page before. */
export function listFilter(
  query: RunsQuery,
  workflowName: string,
  now: number,
  before?: RunSummary,
): RunListFilter {
  const since = SINCE_CHOICES.find((c) => c.value === query.since)?.ms ?? 0;
  return {
    limit: PAGE_SIZE,
    ...(query.scope === 'this' ? { workflow: workflowName } : {}),
    ...(query.status !== 'any' ? { status: query.status } : {}),
    ...(since > 0 ? { since: now - since } : {}),
    ...(before ? { before: { startedAt: before.startedAt, runId: before.runId } } : {}),
  };
}

/** The fresh first page, then the older pages loaded before it, without a run twice. */
export function mergePages(first: readonly RunSummary[], older: readonly RunSummary[]): RunSummary[] {
  const seen = new Set(first.map((r) => r.runId));
  return [...first, ...older.filter((r) => !seen.has(r.runId))];
}

/** 850 ms, 12.4 s, 3 min 05 s, 2 h 10 min. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** How long a run took, or has taken so far. */
export function runDuration(run: RunSummary, now: number): number {
  return (run.endedAt ?? now) - run.startedAt;
}

/** "4 of 5 nodes completed", with how many failed. */
export function nodeTally(run: RunSummary): { completed: number; failed: number; total: number } {
  const nodes = Object.values(run.nodes);
  return {
    completed: nodes.filter((n) => n.status === 'completed').length,
    failed: nodes.filter((n) => n.status === 'failed').length,
    total: nodes.length,
  };
}

export interface NodeSide {
  status: NodeStatus;
  sent?: number;
  received?: number;
  ms?: number;
  attempt?: number;
}

export interface CompareRow {
  nodeId: string;
  a?: NodeSide;
  b?: NodeSide;
  /** Status, counts or attempts differ (time alone does not count: it always does). */
  differs: boolean;
}

function side(run: RunSummary, nodeId: string): NodeSide | undefined {
  const n = run.nodes[nodeId];
  if (!n) return undefined;
  return {
    status: n.status,
    ...(n.sent !== undefined ? { sent: n.sent } : {}),
    ...(n.received !== undefined ? { received: n.received } : {}),
    ...(n.startedAt !== undefined && n.endedAt !== undefined ? { ms: n.endedAt - n.startedAt } : {}),
    ...(n.attempt !== undefined ? { attempt: n.attempt } : {}),
  };
}

/** Every node of either run: those of `order` (the workflow's order) first, then the rest as listed. */
export function compareRuns(a: RunSummary, b: RunSummary, order: readonly string[] = []): CompareRow[] {
  const all = new Set([...Object.keys(a.nodes), ...Object.keys(b.nodes)]);
  const ids = [...new Set([...order.filter((id) => all.has(id)), ...all])];
  return ids.map((nodeId) => {
    const x = side(a, nodeId);
    const y = side(b, nodeId);
    const differs =
      !x ||
      !y ||
      x.status !== y.status ||
      x.sent !== y.sent ||
      x.received !== y.received ||
      (x.attempt ?? 1) !== (y.attempt ?? 1);
    return { nodeId, ...(x ? { a: x } : {}), ...(y ? { b: y } : {}), differs };
  });
}
