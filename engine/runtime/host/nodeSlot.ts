// A node's slot in a run (its worker process and status), and waiting for all slots' processes to
// exit at the end of a run.

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

/** Waits for every process, killing those still alive after `graceMs`. */
export async function waitForExits(slots: NodeSlot[], graceMs: number): Promise<void> {
  const all = slots.filter((s) => s.proc && !s.exited);
  if (all.length === 0) return;
  const exited = Promise.all(
    all.map((s) => new Promise<void>((r) => (s.exited ? r() : s.exitWaiters.push(r)))),
  );
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((r) => (timer = setTimeout(r, graceMs)));
  await Promise.race([exited, grace]);
  clearTimeout(timer);
  for (const s of all) if (!s.exited) s.proc?.kill('SIGKILL');
  await exited;
}
