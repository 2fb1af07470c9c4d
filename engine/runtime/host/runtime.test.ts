// Integration tests of the runtime with real worker processes (dist/engine/worker.js).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EdgeCount, RunEvent } from '../../model/run.js';
import { createRegistry } from '../../nodes/registry.js';
import { resolveWorkerEntry, startRun, WorkflowInvalidError } from './runController.js';
import { edge, isAlive, node, recordingLauncher, runWorkflow, workflow } from './testSupport.js';
import { WorkerPool } from './workerPool.js';

function readJson<T>(runDir: string, file: string): T {
  return JSON.parse(readFileSync(path.join(runDir, file), 'utf8')) as T;
}

function lastCounts(events: RunEvent[]): Map<string, EdgeCount> {
  const m = new Map<string, EdgeCount>();
  for (const e of events) if (e.kind === 'edge-counts') for (const c of e.counts) m.set(c.edgeId, c);
  return m;
}

describe('runtime', () => {
  it('delivers every message exactly once and in order per channel through a 10-node fan-out/fan-in graph', async () => {
    const N = 2000;
    const w = workflow(
      [
        node('src', 'core.sequence', { from: 1, to: N }),
        node('a', 'core.map', { code: "x => ({ p: 'a', x })" }),
        node('b', 'core.map', { code: "x => ({ p: 'b', x })" }),
        node('c', 'core.map', { code: "x => ({ p: 'c', x })" }),
        node('fa', 'core.filter', { code: 'x => true' }),
        node('fb', 'core.filter', { code: 'x => true' }),
        node('fc', 'core.delay', { ms: 0 }),
        node('all', 'core.collect'),
        node('side', 'core.collect'),
        node('cside', 'core.collect'),
      ],
      [
        edge('src', 'a', { capacity: 7 }),
        edge('src', 'b'),
        edge('src', 'c', { capacity: 64 }),
        edge('src', 'side', { capacity: 2 }),
        edge('a', 'fa'),
        edge('b', 'fb', { capacity: 3 }),
        edge('c', 'fc'),
        edge('c', 'cside'),
        edge('fa', 'all'),
        edge('fb', 'all', { capacity: 5 }),
        edge('fc', 'all'),
      ],
    );
    const run = await runWorkflow(w);
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    const all = readJson<Array<{ p: string; x: number }>>(run.runDir, 'all.json');
    expect(all).toHaveLength(3 * N);
    const expected = Array.from({ length: N }, (_, i) => i + 1);
    for (const p of ['a', 'b', 'c']) expect(all.filter((v) => v.p === p).map((v) => v.x)).toEqual(expected);
    expect(readJson<number[]>(run.runDir, 'side.json')).toEqual(expected);
    expect(readJson<Array<{ x: number }>>(run.runDir, 'cside.json').map((v) => v.x)).toEqual(expected);
    const counts = lastCounts(run.events);
    expect(counts.size).toBe(11);
    for (const c of counts.values()) expect([c.edgeId, c.sent, c.received]).toEqual([c.edgeId, N, N]);
    // Every node completed, and each status event has a strictly increasing seq.
    for (const n of w.nodes) expect(summary.nodes[n.id]?.status).toBe('completed');
    expect(run.events.map((e) => e.seq)).toEqual(run.events.map((_, i) => i + 1));
  });

  it('a slow sink holds a fast source back: sent never runs ahead of received by more than the capacity', async () => {
    const capacity = 10;
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 200 }),
          node('slow', 'core.delay', { ms: 3 }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'slow', { capacity, id: 'e1' }), edge('slow', 'sink', { id: 'e2' })],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    let maxLead = 0;
    let sawFull = false;
    for (const e of run.events) {
      if (e.kind !== 'edge-counts') continue;
      for (const c of e.counts) {
        if (c.edgeId !== 'e1') continue;
        maxLead = Math.max(maxLead, c.sent - c.received);
        sawFull ||= c.full;
      }
    }
    expect(sawFull).toBe(true);
    expect(maxLead).toBeGreaterThan(0);
    expect(maxLead).toBeLessThanOrEqual(capacity);
    expect(lastCounts(run.events).get('e1')).toMatchObject({ sent: 200, received: 200, full: false });
  });

  it('abort mid-run cancels every node and leaves no node process within 2 s, even a node that ignores its signal', async () => {
    const launcher = recordingLauncher();
    const busy = 'x => { const t = Date.now(); while (Date.now() - t < 60000); return x }';
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 1e9, intervalMs: 1 }),
          node('m', 'core.map', { code: 'x => x + 1' }),
          node('sink', 'core.collect'),
          node('stuck', 'core.map', { code: busy }),
        ],
        [edge('src', 'm'), edge('m', 'sink'), edge('src', 'stuck')],
      ),
      { launcher },
    );
    await run.waitFor(
      (e) => e.kind === 'edge-counts' && e.counts.some((c) => c.edgeId === 'm-sink' && c.received > 5),
      'messages at the sink',
    );
    expect(launcher.pids).toHaveLength(4);
    const t0 = Date.now();
    await run.handle.abort();
    const elapsed = Date.now() - t0;
    expect(launcher.pids.filter(isAlive)).toEqual([]);
    expect(elapsed).toBeLessThan(2000);
    const summary = await run.handle.done;
    expect(summary.status).toBe('cancelled');
    for (const id of ['src', 'm', 'sink', 'stuck']) expect(summary.nodes[id]?.status).toBe('cancelled');
  });

  it('SIGKILL of one node process fails the run naming that node', async () => {
    const launcher = recordingLauncher();
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 1e9, intervalMs: 1 }),
          node('dbl', 'core.map', { code: 'x => x * 2' }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'dbl'), edge('dbl', 'sink')],
      ),
      { launcher },
    );
    await run.waitFor(
      (e) => e.kind === 'edge-counts' && e.counts.some((c) => c.edgeId === 'dbl-sink' && c.received > 3),
      'messages at the sink',
    );
    // Workers are launched in the order of workflow.nodes: dbl is the second.
    process.kill(launcher.pids[1] as number, 'SIGKILL');
    const summary = await run.handle.done;
    const message = 'Node "dbl" (core.map): its process was killed by signal SIGKILL';
    expect(summary.status).toBe('failed');
    expect(summary.error?.message).toBe(message);
    expect(summary.nodes.dbl).toMatchObject({ status: 'failed', error: { message } });
    expect(summary.nodes.src?.status).toBe('cancelled');
    expect(launcher.pids.filter(isAlive)).toEqual([]);
  });

  it('a failing node fails the run with its message and stack, and stops the others', async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 1e9, intervalMs: 1 }),
          node('boom', 'core.map', {
            code: "x => { if (x === 5) throw new Error('bad value 5'); return x }",
          }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'boom'), edge('boom', 'sink')],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('failed');
    expect(summary.error?.message).toBe('Node "boom" (core.map) failed: bad value 5');
    expect(summary.nodes.boom?.error?.stack).toContain('bad value 5');
    expect(summary.nodes.src?.status).toBe('cancelled');
  });

  it('passes a burst of log lines whole, and holds a flood to the rate, saying how many were dropped', async () => {
    const logs = async (to: number) => {
      const run = await runWorkflow(
        workflow(
          [node('src', 'core.sequence', { from: 1, to }), node('print', 'core.log', { maxLines: to })],
          [edge('src', 'print')],
        ),
      );
      expect((await run.handle.done).status).toBe('completed');
      return run.events.flatMap((e) => (e.kind === 'log' && e.nodeId === 'print' ? [e.message] : []));
    };
    // 300 lines in one go (more than one 50 ms tick's worth at 2,000 a second): every one arrives.
    const burst = await logs(300);
    expect(burst.filter((m) => /^\d+$/.test(m))).toHaveLength(300);
    expect(burst.some((m) => m.includes('dropped'))).toBe(false);
    // 20,000 lines as fast as they come: about the burst arrives, the rest is counted.
    const flood = await logs(20_000);
    const values = flood.filter((m) => /^\d+$/.test(m)).length;
    const dropped = flood
      .map((m) => /… (\d+) log lines? dropped/.exec(m))
      .reduce((n, m) => n + (m ? Number(m[1]) : 0), 0);
    expect(values).toBeGreaterThanOrEqual(2000);
    expect(values).toBeLessThan(20_000);
    // Every value line either arrived or was counted (the node's closing summary line may be too).
    expect(values + dropped).toBeGreaterThanOrEqual(20_000);
    expect(values + dropped).toBeLessThanOrEqual(20_001);
  });

  it('retries with backoff until an attempt succeeds', async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('f', 'core.fail', { failAttempts: 2, message: 'flaky' }, { retries: 2, retryBackoffMs: 10 }),
          node('sink', 'core.collect'),
        ],
        [edge('f', 'sink')],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    const retrying = run.events.filter((e) => e.kind === 'node-status' && e.status === 'retrying');
    expect(retrying.map((e) => (e.kind === 'node-status' ? [e.attempt, e.error?.message] : []))).toEqual([
      [2, 'flaky'],
      [3, 'flaky'],
    ]);
  });

  it('fails after the last retry, and a timeout fails an attempt', async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 3 }),
          node('slow', 'core.delay', { ms: 60000 }, { timeoutMs: 150, retries: 1, retryBackoffMs: 10 }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'slow'), edge('slow', 'sink')],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('failed');
    expect(summary.nodes.slow?.error?.message).toBe('Node "slow" (core.delay) timed out after 150 ms');
    expect(run.events.some((e) => e.kind === 'node-status' && e.status === 'retrying')).toBe(true);
  });

  it('allowFail: the run goes on and the failed node’s consumers see their input end', async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 50 }),
          node('f', 'core.fail', { after: 3 }, { allowFail: true }),
          node('got', 'core.collect'),
          node('rest', 'core.collect'),
        ],
        [edge('src', 'f'), edge('f', 'got'), edge('src', 'rest')],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    expect(summary.nodes.f?.status).toBe('failed');
    expect(readJson<number[]>(run.runDir, 'got.json')).toEqual([1, 2, 3]);
    expect(readJson<number[]>(run.runDir, 'rest.json')).toHaveLength(50);
  });

  it('pause stops the flow and resume continues it', async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 1000, intervalMs: 0 }),
          node('slow', 'core.delay', { ms: 1 }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'slow', { capacity: 5, id: 'e1' }), edge('slow', 'sink', { capacity: 5, id: 'e2' })],
      ),
    );
    await run.waitFor(
      (e) => e.kind === 'edge-counts' && e.counts.some((c) => c.edgeId === 'e2' && c.received > 10),
      'flow',
    );
    run.handle.pause();
    await run.waitFor((e) => e.kind === 'run-status' && e.status === 'paused');
    // Wait until the counts stop moving, then check that they stay still.
    const receivedNow = (): number => lastCounts(run.events).get('e2')?.received ?? 0;
    let before = -1;
    while (before !== receivedNow()) {
      before = receivedNow();
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(before).toBeLessThan(1000);
    run.handle.resume();
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    expect(readJson<number[]>(run.runDir, 'sink.json')).toHaveLength(1000);
    expect(
      run.events.filter((e) => e.kind === 'run-status').map((e) => (e.kind === 'run-status' ? e.status : '')),
    ).toEqual(['running', 'paused', 'running', 'completed']);
  });

  it('refuses an invalid workflow with every problem', async () => {
    const w = workflow([node('a', 'core.nope'), node('m', 'core.map', { code: 'x => x' })], []);
    const err = await runWorkflow(w).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowInvalidError);
    const problems = (err as WorkflowInvalidError).problems;
    expect(problems.some((p) => p.nodeId === 'a' && p.code === 'unknown-node-type')).toBe(true);
    expect(problems.some((p) => p.nodeId === 'm' && p.port === 'in')).toBe(true);
  });

  it('late listeners get every event replayed in order', async () => {
    const run = await runWorkflow(
      workflow(
        [node('src', 'core.sequence', { from: 1, to: 20 }), node('sink', 'core.log')],
        [edge('src', 'sink')],
      ),
    );
    await run.handle.done;
    const late: RunEvent[] = [];
    run.handle.onEvent((e) => late.push(e));
    expect(late).toEqual(run.events);
    expect(late.filter((e) => e.kind === 'log' && e.nodeId === 'sink')).toHaveLength(21);
  });

  it('runs from a pre-started pool; idle workers are reused once and disposed', async () => {
    const entry = resolveWorkerEntry();
    const launcher = recordingLauncher();
    const pool = new WorkerPool({ launcher, entry, size: 2, refillDelayMs: 10_000 });
    pool.warm();
    expect(pool.idleCount()).toBe(2);
    const pre = [...launcher.pids];
    const baseDir = path.dirname(entry);
    const handle = await startRun({
      workflow: workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 100 }),
          node('m', 'core.map', { code: 'x => -x' }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'm'), edge('m', 'sink')],
      ),
      baseDir,
      runsDir: path.join(await import('node:os').then((os) => os.tmpdir()), 'sluice-pool-runs'),
      registry: await createRegistry(),
      pool,
    });
    const summary = await handle.done;
    expect(summary.status).toBe('completed');
    expect(launcher.pids.slice(0, 2)).toEqual(pre);
    expect(launcher.pids).toHaveLength(3); // two from the pool, one launched
    expect(pool.idleCount()).toBe(0);
    pool.warm();
    const idle = launcher.pids.slice(3);
    expect(idle.filter(isAlive)).toHaveLength(2);
    pool.dispose();
    await new Promise((r) => setTimeout(r, 100));
    expect(idle.filter(isAlive)).toEqual([]);
  });
});
