// Control-channel messages between the host and a node worker process (IPC, JSON-serializable only,
// so Electron's utilityProcess can carry them as well as child_process). Data never goes this way.

import type { NodePolicy } from '../../model/workflow.js';
import type { ErrorInfo, LogLevel, NodeStatus } from '../../model/run.js';

/** Environment variable with the pid of the host that started a worker process (childLauncher.ts). */
export const HOST_PID_ENV = 'SLUICE_HOST_PID';

export interface InputEdgeAssignment {
  edgeId: string;
  port: string;
  capacity: number;
}

export interface OutputEdgeAssignment {
  edgeId: string;
  port: string;
}

export interface NodeAssignment {
  runId: string;
  nodeId: string;
  type: string;
  /** Absolute module path for user node types; undefined for built-ins (found by type id). */
  modulePath?: string;
  params: Record<string, unknown>;
  types: { inputs: Record<string, string>; outputs: Record<string, string> };
  inputs: InputEdgeAssignment[];
  outputs: OutputEdgeAssignment[];
  runDir: string;
  baseDir: string;
  policy: NodePolicy;
  /** What the node's `inferOutputs` shared while the run was checked (`ctx.inferred`). */
  inferred?: unknown;
}

export type HostToWorker =
  /** `prepare`: also set up what the modules are for (a DuckDB database); pooled workers idle anyway. */
  | { type: 'preload'; modules: string[]; prepare?: boolean }
  | { type: 'assign'; assignment: NodeAssignment }
  /** Socket paths of the receivers of this node's output edges, by edge id. */
  | { type: 'start'; targets: Record<string, string> }
  | { type: 'pause' }
  | { type: 'resume' }
  /** The sender of this input edge is gone (a failed allow-fail node): end the edge. */
  | { type: 'edge-closed'; edgeId: string }
  /** Stop draining: a source stops sending and ends its streams normally (its node is cancelled). */
  | { type: 'drain' }
  | { type: 'stop' }
  /** The host has the node's final status: the process may exit. */
  | { type: 'exit' };

export interface EdgeCountReport {
  edgeId: string;
  /** Sender side. */
  sent?: number;
  /** Receiver side: messages the node took. From a sender: the taken count its last window carried. */
  received?: number;
  /** Sender side: waiting for credit. */
  full?: boolean;
}

export type WorkerToHost =
  /** The preload (and its preparation) is done. */
  | { type: 'ready' }
  | { type: 'listening'; socketPath: string }
  /** `pending` and `starting` are the host's to say (before the worker has its node). */
  | {
      type: 'status';
      status: Exclude<NodeStatus, 'pending' | 'starting'>;
      attempt: number;
      error?: ErrorInfo;
    }
  | { type: 'logs'; lines: Array<{ level: LogLevel; message: string }> }
  | { type: 'progress'; fraction?: number; done?: number; total?: number; message?: string }
  | { type: 'counts'; edges: EdgeCountReport[] }
  /** The assignment could not be set up (unknown type, bad module): a node failure. */
  | { type: 'fatal'; error: ErrorInfo };

export function isWorkerMessage(m: unknown): m is WorkerToHost {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}
