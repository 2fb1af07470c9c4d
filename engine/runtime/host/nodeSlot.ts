// A node's slot in a run (its worker process and status), and what the Run does with all slots at
// once: summarize them and wait for their processes to exit.

import type { ErrorInfo, NodeStatus, RunSummary } from '../../model/run.js';
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
  exitWaiters: Array<() => void>;
}

export function slotSummary(s: NodeSlot): RunSummary['nodes'][string] {
  return {
    status: s.status,
    ...(s.startedAt !== undefined ? { startedAt: s.startedAt } : {}),
    ...(s.endedAt !== undefined ? { endedAt: s.endedAt } : {}),
    ...(s.error ? { error: s.error } : {}),
  };
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
