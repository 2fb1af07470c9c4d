// Run states and the run event stream. Pure: the renderer, the CLI (--json) and the server share it.

export type RunStatus = 'ready' | 'running' | 'paused' | 'cancelled' | 'failed' | 'completed';

export type NodeStatus =
  | 'pending'
  /** Its process is being launched (or taken from the pool) and given the node; it has not begun. */
  | 'starting'
  | 'running'
  | 'retrying'
  /** The run is paused: the node gets no demand and sends nothing. */
  | 'paused'
  | 'completed'
  | 'failed'
  | 'cancelled'
  /** The node is disabled in the workflow, so it did not run. */
  | 'skipped';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface ErrorInfo {
  message: string;
  stack?: string;
  /**
   * The node at fault when another node found the failure (a composed query that fails where it
   * runs): that node is failed, the nodes after it cancelled.
   */
  blame?: string;
}

export interface EdgeCount {
  edgeId: string;
  /** Messages the source has sent on this edge. */
  sent: number;
  /** Messages the target has taken from this edge. */
  received: number;
  /** The channel is at capacity: the sender waits (back-pressure). */
  full: boolean;
}

/** Fields every event has. `seq` increases by one per event within a run. */
export interface RunEventBase {
  runId: string;
  seq: number;
  /** Milliseconds since the epoch. */
  time: number;
}

export type RunEventBody =
  | { kind: 'run-status'; status: RunStatus; error?: ErrorInfo }
  | { kind: 'node-status'; nodeId: string; status: NodeStatus; attempt?: number; error?: ErrorInfo }
  | {
      kind: 'progress';
      nodeId: string;
      fraction?: number;
      done?: number;
      total?: number;
      message?: string;
    }
  | { kind: 'log'; nodeId?: string; level: LogLevel; message: string }
  | { kind: 'edge-counts'; counts: EdgeCount[] };

export type RunEvent = RunEventBase & RunEventBody;

/** A run's summary as kept in history and listed by the host. */
export interface RunSummary {
  runId: string;
  workflowName: string;
  workflowPath?: string;
  status: RunStatus;
  startedAt: number;
  endedAt?: number;
  nodes: Record<
    string,
    {
      status: NodeStatus;
      startedAt?: number;
      endedAt?: number;
      error?: ErrorInfo;
      /** The attempt the node ended in (1 unless it was retried). */
      attempt?: number;
      /** Messages it sent on all its output edges, and took from its inputs (in the history). */
      sent?: number;
      received?: number;
    }
  >;
  error?: ErrorInfo;
  /** Nodes that failed, also in a run that went on without them (`policy.allowFail`). */
  failedNodes?: string[];
}

/** Every run status, and every node status: for schemas that list them (REST, the host API checks). */
export const RUN_STATUSES = [
  'ready',
  'running',
  'paused',
  'cancelled',
  'failed',
  'completed',
] as const satisfies readonly RunStatus[];
export const NODE_STATUSES = [
  'pending',
  'starting',
  'running',
  'retrying',
  'paused',
  'completed',
  'failed',
  'cancelled',
  'skipped',
] as const satisfies readonly NodeStatus[];
// Each list holds exactly its union: a status added to one and not the other fails to compile.
const _runStatusesComplete: [RunStatus] extends [(typeof RUN_STATUSES)[number]] ? true : never = true;
const _nodeStatusesComplete: [NodeStatus] extends [(typeof NODE_STATUSES)[number]] ? true : never = true;

export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['cancelled', 'failed', 'completed'];

/** The statuses a node ends in; once there, nothing changes it. */
export type TerminalNodeStatus = Extract<NodeStatus, 'completed' | 'failed' | 'cancelled' | 'skipped'>;
export const TERMINAL_NODE_STATUSES: readonly TerminalNodeStatus[] = [
  'completed',
  'failed',
  'cancelled',
  'skipped',
];

export function isTerminalRunStatus(status: RunStatus): boolean {
  return TERMINAL_RUN_STATUSES.includes(status);
}

export function isTerminalNodeStatus(status: NodeStatus): status is TerminalNodeStatus {
  return (TERMINAL_NODE_STATUSES as readonly NodeStatus[]).includes(status);
}
