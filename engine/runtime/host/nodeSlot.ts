// What the host keeps about one node of a run (its process, status, attempt and memory cap).

import type { ErrorInfo, NodeStatus } from '../../model/run.js';
import type { WorkflowNode } from '../../model/workflow.js';
import type { RegisteredNode } from '../../nodes/registry.js';
import { isTerminalNodeStatus } from '../../model/run.js';
import type { WorkerProcess } from './contracts.js';
import type { MemoryWatched } from './memoryLimit.js';

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

/** The live node processes, for the memory watch: one over its cap is killed (once). */
export function* memoryTargets(slots: Iterable<NodeSlot>): Iterable<MemoryWatched> {
  for (const slot of slots) {
    if (!slot.proc || slot.exited || isTerminalNodeStatus(slot.status)) continue;
    yield {
      pid: slot.proc.pid,
      limitMb: slot.memoryLimitMb,
      over: (rssMb) => {
        if (slot.rssMb !== undefined) return;
        slot.rssMb = rssMb;
        slot.proc?.kill('SIGKILL');
      },
    };
  }
}

/** Ends the slot in `status` (with `error` or none); returns the event fields for the error. */
export function endSlot(slot: NodeSlot, status: NodeStatus, error?: ErrorInfo): { error?: ErrorInfo } {
  slot.status = status;
  slot.endedAt = Date.now();
  if (error) slot.error = error;
  else delete slot.error;
  return error ? { error } : {};
}
