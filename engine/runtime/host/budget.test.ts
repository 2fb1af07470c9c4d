// The process budget, the run time limit and process titles (issue 9): real worker processes.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Launcher } from './contracts.js';
import { createChildLauncher } from './childLauncher.js';
import { WorkflowInvalidError } from './runController.js';
import { edge, isAlive, node, runWorkflow, workflow } from './testSupport.js';

/** A real launcher that tracks how many of its processes are alive at once. */
function countingLauncher(): Launcher & { peak: () => number; pids: number[] } {
  const inner = createChildLauncher();
  let alive = 0;
  let peak = 0;
  const pids: number[] = [];
  return {
    pids,
    peak: () => peak,
    launch(options) {
      const proc = inner.launch(options);
      if (proc.pid !== undefined) pids.push(proc.pid);
      peak = Math.max(peak, ++alive);
      proc.onExit(() => alive--);
      return proc;
    },
  };
}

const chain = (prefix: string, to: number) =>
  workflow(
    [
      node(`${prefix}src`, 'core.sequence', { from: 1, to, intervalMs: 1 }),
      node(`${prefix}m`, 'core.map', { code: 'x => x + 1' }),
      node(`${prefix}sink`, 'core.collect'),
    ],
    [edge(`${prefix}src`, `${prefix}m`), edge(`${prefix}m`, `${prefix}sink`)],
  );

describe('process budget', () => {
  it('refuses a run that needs more processes than the limit, naming the limit', async () => {
    const err = await runWorkflow(chain('', 10), { maxProcesses: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowInvalidError);
    expect((err as WorkflowInvalidError).problems.map((p) => p.message)).toEqual([
      'The workflow has 3 nodes, one process each: more than the limit of 2 node processes at once (SLUICE_MAX_PROCESSES)',
    ]);
  });

  it('a run waits for room in the budget: never more processes alive than the limit, both complete', async () => {
    const launcher = countingLauncher();
    const a = await runWorkflow(chain('a', 200), { maxProcesses: 4, launcher });
    const b = await runWorkflow(chain('b', 50), { maxProcesses: 4, launcher });
    const [sa, sb] = await Promise.all([a.handle.done, b.handle.done]);
    expect([sa.status, sb.status]).toEqual(['completed', 'completed']);
    expect(launcher.peak()).toBeLessThanOrEqual(4);
    // b's nodes started only once a's processes were gone.
    const firstRunningB = b.events.find((e) => e.kind === 'node-status' && e.status === 'running');
    expect(firstRunningB?.time).toBeGreaterThanOrEqual(sa.endedAt ?? Infinity);
  });
});

describe('run time limit and process titles', () => {
  it('a run over its time limit fails saying so, and its nodes are stopped', async () => {
    const run = await runWorkflow(chain('', 1e9), { timeLimitMs: 700 });
    const summary = await run.handle.done;
    expect(summary.status).toBe('failed');
    expect(summary.error?.message).toBe('The run took longer than its time limit of 700 ms');
    for (const id of ['src', 'm', 'sink']) expect(summary.nodes[id]?.status).toBe('cancelled');
    expect((summary.endedAt ?? 0) - summary.startedAt).toBeLessThan(700 + 2500);
  });

  it('ps shows the run and the node of each worker process', async () => {
    const launcher = countingLauncher();
    const run = await runWorkflow(chain('', 1e9), { launcher });
    await run.waitFor((e) => e.kind === 'edge-counts' && e.counts.some((c) => c.received > 2));
    const titles = launcher.pids.map((pid) =>
      spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim(),
    );
    await run.handle.abort();
    expect(titles.sort()).toEqual([
      `sluice ${run.handle.runId} m`,
      `sluice ${run.handle.runId} sink`,
      `sluice ${run.handle.runId} src`,
    ]);
    expect(launcher.pids.filter(isAlive)).toEqual([]);
  });
});
