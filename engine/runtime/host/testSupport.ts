// Helpers for the runtime's integration tests: build workflows tersely, run them with real worker
// processes, and wait on events (not sleeps). Not used by the product code.

import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunEvent } from '../../model/run.js';
import type { NodePolicy, Workflow, WorkflowEdge, WorkflowNode } from '../../model/workflow.js';
import { createRegistry } from '../../nodes/registry.js';
import { createChildLauncher } from './childLauncher.js';
import type { Launcher, RunHandle } from './contracts.js';
import { startRun, type RunOptions } from './runController.js';

export function node(
  id: string,
  type: string,
  params: Record<string, unknown> = {},
  policy?: NodePolicy,
): WorkflowNode {
  return { id, type, params, position: { x: 0, y: 0 }, ...(policy ? { policy } : {}) };
}

/** `edge('a', 'b')` = a.out → b.in; ports and capacity as options. */
export function edge(
  source: string,
  target: string,
  o: { id?: string; from?: string; to?: string; capacity?: number } = {},
): WorkflowEdge {
  return {
    id: o.id ?? `${source}-${target}`,
    source,
    sourcePort: o.from ?? 'out',
    target,
    targetPort: o.to ?? 'in',
    ...(o.capacity !== undefined ? { capacity: o.capacity } : {}),
  };
}

export function workflow(nodes: WorkflowNode[], edges: WorkflowEdge[]): Workflow {
  return { sluice: 1, name: 'test', nodes, edges };
}

/** A real child_process launcher that remembers the pids it started, in launch order. */
export function recordingLauncher(): Launcher & { pids: number[] } {
  const inner = createChildLauncher();
  const pids: number[] = [];
  return {
    pids,
    launch(options) {
      const proc = inner.launch(options);
      if (proc.pid !== undefined) pids.push(proc.pid);
      return proc;
    },
  };
}

/** The process runs: it exists and is not a zombie (dead, waiting for whoever adopted it to reap it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return processState(pid) !== 'Z';
}

/** The state letter in /proc/<pid>/stat (R, S, D, Z, …); undefined where there is no /proc. */
export function processState(pid: number): string | undefined {
  try {
    // "pid (comm) S …": comm may hold spaces and parentheses, the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

export interface TestRun {
  handle: RunHandle;
  events: RunEvent[];
  /** Resolves with the first event matching `pred` (looking at past events too). */
  waitFor(pred: (e: RunEvent) => boolean, what?: string): Promise<RunEvent>;
  runDir: string;
}

export async function runWorkflow(w: Workflow, extra: Partial<RunOptions> = {}): Promise<TestRun> {
  const baseDir = mkdtempSync(path.join(os.tmpdir(), 'sluice-rt-'));
  const handle = await startRun({
    workflow: w,
    baseDir,
    runsDir: path.join(baseDir, 'runs'),
    registry: await createRegistry(),
    ...extra,
  });
  const events: RunEvent[] = [];
  const waiters: Array<{ pred: (e: RunEvent) => boolean; resolve: (e: RunEvent) => void }> = [];
  handle.onEvent((e) => {
    events.push(e);
    for (const w of [...waiters]) {
      if (w.pred(e)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  });
  return {
    handle,
    events,
    runDir: handle.runDir,
    waitFor(pred, what = 'event') {
      const found = events.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        waiters.push({ pred, resolve });
        void handle.done.then(() =>
          setImmediate(() => {
            const i = waiters.findIndex((w) => w.pred === pred);
            if (i >= 0) {
              waiters.splice(i, 1);
              reject(new Error(`run ended before ${what}`));
            }
          }),
        );
      });
    },
  };
}
