// What the host keeps about one node of a run: its process, status, attempt and memory cap.

import type { ErrorInfo, NodeStatus } from '../../model/run.js';
import type { WorkflowNode } from '../../model/workflow.js';
import type { RegisteredNode } from '../../nodes/registry.js';
import type { WorkerProcess } from './contracts.js';

export interface NodeSlot {
  node: WorkflowNode;
  registered: RegisteredNode;
  proc: WorkerProcess | undefined;
  status: NodeStatus;
  attempt: number;
  socketPath: string | undefined;
  startedAt?: number;
  endedAt?: number;
  error?: ErrorInfo;
  exited: boolean;
  /** Listening for its inputs, or failed before that. */
  ready: boolean;
  memoryLimitMb: number;
  /** The end of what its process wrote (stdout, stderr). */
  output: string;
  /** Resident memory when the memory watch killed it. */
  rssMb?: number;
  exitWaiters: Array<() => void>;
}

export function newSlot(node: WorkflowNode, registered: RegisteredNode, memoryLimitMb: number): NodeSlot {
  return {
    node,
    registered,
    proc: undefined,
    status: 'pending',
    attempt: 0,
    socketPath: undefined,
    exited: false,
    ready: false,
    exitWaiters: [],
    memoryLimitMb,
    output: '',
  };
}
