// Run history rows ↔ the model's RunSummary and RunEvent: the SQL of the history store, kept apart
// from when it is written (runRecording.ts) and from who asks (runStore.ts).

import { createHash } from 'node:crypto';
import type { EdgeCount, ErrorInfo, RunEvent, RunStatus, RunSummary } from '../model/run.js';
import type { ParamOverride } from '../model/paramOverrides.js';
import type { Workflow } from '../model/workflow.js';
import type { HistoryDb } from './historyDb.js';
import { writeTransaction } from './writeTransaction.js';

/** Who started a run. */
export type RunOrigin = 'app' | 'cli' | 'rest' | 'editor' | 'import';

/** A run as the history keeps it: its summary plus what the cap left out and who started it. */
export interface StoredRun extends RunSummary {
  droppedEvents?: { log: number; update: number };
  startedBy?: RunOrigin;
  /** sha256 of the workflow as it ran. */
  workflowHash?: string;
}

/** What is known of a run when it starts. */
export interface RunOrigins {
  workflow?: Workflow;
  startedBy: RunOrigin;
  /** Parameter overrides of this run. */
  params?: readonly ParamOverride[];
}

/** The host writing a live run (so another host can tell whether it still is). */
export interface HostIdentity {
  id: string;
  name: string;
  pid: number;
}

export interface RunRowState {
  summary: StoredRun;
  edgeCounts: EdgeCount[];
}

export function workflowHash(workflow: Workflow): string {
  return createHash('sha256').update(JSON.stringify(workflow)).digest('hex');
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** Creates the run's row (once, when it starts). */
export function insertRun(
  db: HistoryDb,
  summary: RunSummary,
  origins: RunOrigins,
  host: HostIdentity | null,
): void {
  db.prepare(
    `INSERT INTO runs (id, workflow_name, workflow_path, workflow_hash, workflow_json, params_json, state,
       started_by, created_at, started_at, host_id, host_name, host_pid, heartbeat_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    summary.runId,
    summary.workflowName,
    summary.workflowPath ?? null,
    origins.workflow ? workflowHash(origins.workflow) : null,
    json(origins.workflow),
    json(origins.params),
    summary.status,
    origins.startedBy,
    summary.startedAt,
    summary.startedAt,
    host?.id ?? null,
    host?.name ?? null,
    host?.pid ?? null,
    host ? Date.now() : null,
  );
}

/** Node id → messages it sent and took, from the run's edge counts and the workflow's edges. */
function nodeCounters(
  workflow: Workflow | undefined,
  counts: EdgeCount[],
): Map<string, { sent: number; received: number }> {
  const out = new Map<string, { sent: number; received: number }>();
  if (!workflow) return out;
  const edges = new Map(workflow.edges.map((e) => [e.id, e]));
  const of = (id: string) => out.get(id) ?? (out.set(id, { sent: 0, received: 0 }), out.get(id)!);
  for (const c of counts) {
    const e = edges.get(c.edgeId);
    if (!e) continue;
    of(e.source).sent += c.sent;
    of(e.target).received += c.received;
  }
  return out;
}

/** Writes the run's state and its nodes' (one transaction, so readers never see half of it). */
export function updateRun(
  db: HistoryDb,
  state: RunRowState,
  workflow: Workflow | undefined,
  heartbeat: boolean,
): void {
  const s = state.summary;
  const counters = nodeCounters(workflow, state.edgeCounts);
  const node = db.prepare(
    `INSERT INTO run_nodes (run_id, node_id, state, attempts, started_at, ended_at, sent, received, error_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, node_id) DO UPDATE SET state = excluded.state, attempts = excluded.attempts,
       started_at = excluded.started_at, ended_at = excluded.ended_at, sent = excluded.sent,
       received = excluded.received, error_json = excluded.error_json`,
  );
  writeTransaction(db, () => {
    db.prepare(
      `UPDATE runs SET state = ?, ended_at = ?, error_json = ?, failed_nodes_json = ?, edge_counts_json = ?,
         dropped_logs = ?, dropped_updates = ?, heartbeat_at = CASE WHEN ? THEN ? ELSE heartbeat_at END
       WHERE id = ?`,
    ).run(
      s.status,
      s.endedAt ?? null,
      json(s.error),
      json(s.failedNodes),
      JSON.stringify(state.edgeCounts),
      s.droppedEvents?.log ?? 0,
      s.droppedEvents?.update ?? 0,
      heartbeat ? 1 : 0,
      Date.now(),
      s.runId,
    );
    for (const [nodeId, n] of Object.entries(s.nodes)) {
      const c = counters.get(nodeId);
      node.run(
        s.runId,
        nodeId,
        n.status,
        n.attempt ?? 1,
        n.startedAt ?? null,
        n.endedAt ?? null,
        c?.sent ?? 0,
        c?.received ?? 0,
        json(n.error),
      );
    }
  });
}

export function insertEvents(db: HistoryDb, events: readonly RunEvent[]): void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO run_events (run_id, seq, time, kind, node_id, event_json) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  writeTransaction(db, () => {
    for (const e of events)
      insert.run(
        e.runId,
        e.seq,
        e.time,
        e.kind,
        'nodeId' in e ? (e.nodeId ?? null) : null,
        JSON.stringify(e),
      );
  });
}

export function touchRuns(db: HistoryDb, runIds: readonly string[]): void {
  const touch = db.prepare('UPDATE runs SET heartbeat_at = ? WHERE id = ?');
  const now = Date.now();
  writeTransaction(db, () => {
    for (const id of runIds) touch.run(now, id);
  });
}

interface RunRow {
  id: string;
  workflow_name: string;
  workflow_path: string | null;
  workflow_hash: string | null;
  state: string;
  started_by: string;
  started_at: number;
  ended_at: number | null;
  error_json: string | null;
  failed_nodes_json: string | null;
  dropped_logs: number;
  dropped_updates: number;
}

interface NodeRow {
  run_id: string;
  node_id: string;
  state: string;
  attempts: number;
  sent: number;
  received: number;
  started_at: number | null;
  ended_at: number | null;
  error_json: string | null;
}

function toStoredRun(row: RunRow, nodes: NodeRow[]): StoredRun {
  const run: StoredRun = {
    runId: row.id,
    workflowName: row.workflow_name,
    ...(row.workflow_path !== null ? { workflowPath: row.workflow_path } : {}),
    status: row.state as RunStatus,
    startedAt: row.started_at,
    ...(row.ended_at !== null ? { endedAt: row.ended_at } : {}),
    nodes: {},
    ...(row.error_json !== null ? { error: JSON.parse(row.error_json) as ErrorInfo } : {}),
    ...(row.failed_nodes_json !== null ? { failedNodes: JSON.parse(row.failed_nodes_json) as string[] } : {}),
    startedBy: row.started_by as RunOrigin,
    ...(row.workflow_hash !== null ? { workflowHash: row.workflow_hash } : {}),
  };
  if (row.dropped_logs + row.dropped_updates > 0)
    run.droppedEvents = { log: row.dropped_logs, update: row.dropped_updates };
  for (const n of nodes) {
    run.nodes[n.node_id] = {
      status: n.state as StoredRun['nodes'][string]['status'],
      ...(n.started_at !== null ? { startedAt: n.started_at } : {}),
      ...(n.ended_at !== null ? { endedAt: n.ended_at } : {}),
      ...(n.error_json !== null ? { error: JSON.parse(n.error_json) as ErrorInfo } : {}),
      attempt: n.attempts,
      sent: n.sent,
      received: n.received,
    };
  }
  return run;
}

export interface RunFilter {
  workflow?: string;
  state?: RunStatus;
  /** Runs started at or after this (ms since the epoch). */
  since?: number;
  /** Runs started before this one (its start, its id breaking ties): the paging cursor. */
  before?: { startedAt: number; id: string };
  limit?: number;
}

/** Runs newest first, filtered and paged. */
export function selectRuns(db: HistoryDb, filter: RunFilter = {}): StoredRun[] {
  const where: string[] = [];
  const args: Array<string | number> = [];
  const when = (clause: string, ...values: Array<string | number>): void => {
    where.push(clause);
    args.push(...values);
  };
  if (filter.workflow !== undefined) when('workflow_name = ?', filter.workflow);
  if (filter.state !== undefined) when('state = ?', filter.state);
  if (filter.since !== undefined) when('started_at >= ?', filter.since);
  if (filter.before) {
    const { startedAt, id } = filter.before;
    when('(started_at < ? OR (started_at = ? AND id < ?))', startedAt, startedAt, id);
  }
  const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY started_at DESC, id DESC ${filter.limit !== undefined ? 'LIMIT ?' : ''}`;
  if (filter.limit !== undefined) args.push(filter.limit);
  const rows = db.prepare(sql).all(...args) as RunRow[];
  if (rows.length === 0) return [];
  const nodes = db
    .prepare(`SELECT * FROM run_nodes WHERE run_id IN (${rows.map(() => '?').join(',')})`)
    .all(...rows.map((r) => r.id)) as NodeRow[];
  const byRun = new Map<string, NodeRow[]>();
  for (const n of nodes) byRun.set(n.run_id, [...(byRun.get(n.run_id) ?? []), n]);
  return rows.map((r) => toStoredRun(r, byRun.get(r.id) ?? []));
}

export function selectRun(db: HistoryDb, runId: string): StoredRun | undefined {
  const row = db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow | undefined;
  if (!row) return undefined;
  const nodes = db.prepare('SELECT * FROM run_nodes WHERE run_id = ?').all(runId) as NodeRow[];
  return toStoredRun(row, nodes);
}

/** A run's events after `afterSeq`, in order; only those of one kind (and node), when given. */
export function selectEvents(
  db: HistoryDb,
  runId: string,
  afterSeq = -1,
  kind?: RunEvent['kind'],
  nodeId?: string,
): RunEvent[] {
  const where = ['run_id = ?', 'seq > ?'];
  const args: Array<string | number> = [runId, afterSeq];
  if (kind !== undefined) {
    where.push('kind = ?');
    args.push(kind);
  }
  if (nodeId !== undefined) {
    where.push('node_id = ?');
    args.push(nodeId);
  }
  const rows = db
    .prepare(`SELECT event_json FROM run_events WHERE ${where.join(' AND ')} ORDER BY seq`)
    .all(...args) as Array<{ event_json: string }>;
  return rows.map((r) => JSON.parse(r.event_json) as RunEvent);
}

/** The workflow a run ran, as it was. */
export function selectWorkflow(db: HistoryDb, runId: string): Workflow | undefined {
  const row = db.prepare('SELECT workflow_json FROM runs WHERE id = ?').get(runId) as
    { workflow_json: string | null } | undefined;
  return row?.workflow_json ? (JSON.parse(row.workflow_json) as Workflow) : undefined;
}
