// The live run as the canvas shows it, and the pure reducer that folds a batch of RunEvents into it.
// Objects are replaced only where an event changed them (one node's entry, one edge's count), so
// per-node and per-edge selectors re-render just what changed. Logs keep the last LOG_CAP lines.

import type {
  EdgeCount,
  ErrorInfo,
  LogLevel,
  NodeStatus,
  RunEvent,
  RunStatus,
  RunSummary,
} from '../../../engine/model/run.js';
import { isTerminalNodeStatus, isTerminalRunStatus } from '../../../engine/model/run.js';

/** Log lines kept in the editor; older ones are dropped (the run's history on the host keeps all). */
export const LOG_CAP = 10_000;

export interface NodeProgress {
  fraction?: number;
  done?: number;
  total?: number;
  message?: string;
}

export interface NodeRunInfo {
  status: NodeStatus;
  attempt?: number;
  /** When the node first ran (ms since the epoch). */
  startedAt?: number;
  /** When it reached completed, failed or cancelled. */
  endedAt?: number;
  error?: ErrorInfo;
  progress?: NodeProgress;
  /** Every status it went through, in order (consecutive repeats folded). */
  timeline: readonly NodeStatus[];
}

export interface LogLine {
  seq: number;
  time: number;
  nodeId?: string;
  level: LogLevel;
  message: string;
}

export interface RunErrorEntry {
  seq: number;
  time: number;
  /** Absent for an error of the whole run. */
  nodeId?: string;
  message: string;
  stack?: string;
}

export interface RunState {
  runId: string;
  status: RunStatus;
  startedAt?: number;
  endedAt?: number;
  error?: ErrorInfo;
  nodes: Readonly<Record<string, NodeRunInfo>>;
  edges: Readonly<Record<string, EdgeCount>>;
  logs: readonly LogLine[];
  /** Lines dropped from the front of `logs` by the cap. */
  droppedLogs: number;
  errors: readonly RunErrorEntry[];
  /** Highest event seq applied: replays (after a reconnect) skip what is already here. */
  lastSeq: number;
}

export const isTerminal = isTerminalRunStatus;

export function emptyRun(runId: string, nodeIds: readonly string[] = [], now?: number): RunState {
  const nodes: Record<string, NodeRunInfo> = {};
  for (const id of nodeIds) nodes[id] = { status: 'pending', timeline: ['pending'] };
  return {
    runId,
    status: 'running',
    ...(now !== undefined ? { startedAt: now } : {}),
    nodes,
    edges: {},
    logs: [],
    droppedLogs: 0,
    errors: [],
    lastSeq: -1,
  };
}

function nextNode(prev: NodeRunInfo | undefined, e: Extract<RunEvent, { kind: 'node-status' }>) {
  const timeline = prev?.timeline ?? [];
  const node: NodeRunInfo = {
    ...prev,
    status: e.status,
    timeline: timeline.at(-1) === e.status ? timeline : [...timeline, e.status],
  };
  if (e.attempt !== undefined) node.attempt = e.attempt;
  if ((e.status === 'running' || e.status === 'retrying') && node.startedAt === undefined)
    node.startedAt = e.time;
  if (isTerminalNodeStatus(e.status)) node.endedAt = e.time;
  else delete node.endedAt;
  if (e.error) node.error = e.error;
  else if (e.status === 'running') delete node.error;
  if (e.status === 'completed' && node.progress?.total !== undefined)
    node.progress = { ...node.progress, fraction: 1 };
  return node;
}

/** Folds a batch of events into the run; returns the same object when nothing changed. */
export function applyEvents(run: RunState, events: readonly RunEvent[]): RunState {
  let nodes: Record<string, NodeRunInfo> | undefined;
  let edges: Record<string, EdgeCount> | undefined;
  const newLogs: LogLine[] = [];
  const newErrors: RunErrorEntry[] = [];
  let next: RunState = run;
  let { lastSeq } = run;
  for (const e of events) {
    if (e.runId !== run.runId || e.seq <= lastSeq) continue;
    lastSeq = e.seq;
    switch (e.kind) {
      case 'run-status': {
        const patch: Partial<RunState> = { status: e.status };
        if (e.status === 'running' && next.startedAt === undefined) patch.startedAt = e.time;
        if (isTerminal(e.status)) patch.endedAt = e.time;
        if (e.error) {
          patch.error = e.error;
          // A run that failed because a node did repeats that node's error: list it once.
          const nodeFailed =
            newErrors.some((x) => x.nodeId !== undefined) || next.errors.some((x) => x.nodeId !== undefined);
          if (!nodeFailed)
            newErrors.push({ seq: e.seq, time: e.time, message: e.error.message, ...stackOf(e.error) });
        }
        next = { ...next, ...patch };
        break;
      }
      case 'node-status': {
        nodes ??= { ...next.nodes };
        nodes[e.nodeId] = nextNode(nodes[e.nodeId], e);
        if (e.error && (e.status === 'failed' || e.status === 'retrying'))
          newErrors.push({
            seq: e.seq,
            time: e.time,
            nodeId: e.nodeId,
            message: e.error.message,
            ...stackOf(e.error),
          });
        break;
      }
      case 'progress': {
        nodes ??= { ...next.nodes };
        const prev = nodes[e.nodeId] ?? { status: 'running' as const, timeline: [] };
        const progress: NodeProgress = {};
        if (e.fraction !== undefined) progress.fraction = e.fraction;
        else if (e.done !== undefined && e.total !== undefined && e.total > 0)
          progress.fraction = e.done / e.total;
        if (e.done !== undefined) progress.done = e.done;
        if (e.total !== undefined) progress.total = e.total;
        if (e.message !== undefined) progress.message = e.message;
        nodes[e.nodeId] = { ...prev, progress };
        break;
      }
      case 'log':
        newLogs.push({
          seq: e.seq,
          time: e.time,
          level: e.level,
          message: e.message,
          ...(e.nodeId !== undefined ? { nodeId: e.nodeId } : {}),
        });
        break;
      case 'edge-counts':
        edges ??= { ...next.edges };
        for (const c of e.counts) {
          const prev = edges[c.edgeId];
          if (!prev || prev.sent !== c.sent || prev.received !== c.received || prev.full !== c.full)
            edges[c.edgeId] = c;
        }
        break;
    }
  }
  if (lastSeq === run.lastSeq) return run;
  next = { ...next, lastSeq };
  if (nodes) next.nodes = nodes;
  if (edges) next.edges = edges;
  if (newErrors.length > 0) next.errors = [...next.errors, ...newErrors];
  if (newLogs.length > 0) {
    const all = next.logs.length === 0 ? newLogs : next.logs.concat(newLogs);
    const over = all.length - LOG_CAP;
    next.logs = over > 0 ? all.slice(over) : all;
    if (over > 0) next.droppedLogs = next.droppedLogs + over;
  }
  // The run ended: nodes the host never reported as ended took the run's fate.
  if (isTerminal(next.status) && !isTerminal(run.status)) next.nodes = settleNodes(next);
  return next;
}

function stackOf(error: ErrorInfo): { stack?: string } {
  return error.stack !== undefined ? { stack: error.stack } : {};
}

function settleNodes(run: RunState): Record<string, NodeRunInfo> {
  const out: Record<string, NodeRunInfo> = { ...run.nodes };
  for (const [id, n] of Object.entries(out)) {
    if (isTerminalNodeStatus(n.status)) continue;
    if (run.status === 'completed') continue;
    out[id] = {
      ...n,
      status: 'cancelled',
      timeline: [...n.timeline, 'cancelled'],
      ...(run.endedAt !== undefined ? { endedAt: run.endedAt } : {}),
    };
  }
  return out;
}

/** A run rebuilt from the host's record (`run:get`), after a reconnect or to show a past run. */
export function runFromHost(summary: RunSummary & { events?: RunEvent[] }): RunState {
  if (summary.events && summary.events.length > 0) {
    const sorted = [...summary.events].sort((a, b) => a.seq - b.seq);
    const replayed = applyEvents(emptyRun(summary.runId), sorted);
    // A run whose host died ends without its last event: the record's verdict stands.
    if (isTerminalRunStatus(summary.status) && !isTerminalRunStatus(replayed.status))
      return {
        ...replayed,
        status: summary.status,
        ...(summary.endedAt !== undefined ? { endedAt: summary.endedAt } : {}),
        ...(summary.error ? { error: summary.error } : {}),
      };
    return replayed;
  }
  const run = emptyRun(summary.runId);
  const nodes: Record<string, NodeRunInfo> = {};
  for (const [id, n] of Object.entries(summary.nodes)) {
    nodes[id] = {
      status: n.status,
      timeline: [n.status],
      ...(n.startedAt !== undefined ? { startedAt: n.startedAt } : {}),
      ...(n.endedAt !== undefined ? { endedAt: n.endedAt } : {}),
      ...(n.error ? { error: n.error } : {}),
    };
  }
  const errors: RunErrorEntry[] = Object.entries(summary.nodes).flatMap(([nodeId, n]) =>
    n.error ? [{ seq: -1, time: n.endedAt ?? summary.startedAt, nodeId, message: n.error.message }] : [],
  );
  return {
    ...run,
    status: summary.status,
    startedAt: summary.startedAt,
    ...(summary.endedAt !== undefined ? { endedAt: summary.endedAt } : {}),
    ...(summary.error ? { error: summary.error } : {}),
    nodes,
    errors,
  };
}

/** Counts of nodes per status, for the status bar. */
export function countStatuses(run: RunState): Partial<Record<NodeStatus, number>> {
  const out: Partial<Record<NodeStatus, number>> = {};
  for (const n of Object.values(run.nodes)) out[n.status] = (out[n.status] ?? 0) + 1;
  return out;
}

/** "0.4 s", "12 s", "3:07", "1:02:03". */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.floor(s)} s`;
  const total = Math.floor(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** "1,234" up to a million, then "1.2M". */
export function formatCount(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)}M`;
  if (n >= 10_000) return `${(n / 1000).toFixed(n >= 100_000 ? 0 : 1)}k`;
  return n.toLocaleString('en-US');
}
