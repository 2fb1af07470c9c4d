// Stop drains, Abort kills, Pause holds (issue 9): real worker processes, values counted end to end.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EdgeCount, RunEvent } from '../../model/run.js';
import { edge, isAlive, node, recordingLauncher, runWorkflow, workflow } from './testSupport.js';

function lastCounts(events: RunEvent[]): Map<string, EdgeCount> {
  const m = new Map<string, EdgeCount>();
  for (const e of events) if (e.kind === 'edge-counts') for (const c of e.counts) m.set(c.edgeId, c);
  return m;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('stop, abort, pause', () => {
  it('stop drains: the source stops, every in-flight item reaches the sink, the others complete', async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 1e9, intervalMs: 1 }),
          node('slow', 'core.delay', { ms: 15 }),
          node('sq', 'core.map', { code: 'x => x * x' }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'slow', { capacity: 40 }), edge('slow', 'sq'), edge('sq', 'sink')],
      ),
    );
    // A backlog builds up in front of the slow node: those are the in-flight items.
    await run.waitFor(
      (e) =>
        e.kind === 'edge-counts' && e.counts.some((c) => c.edgeId === 'src-slow' && c.sent - c.received > 20),
      'a backlog',
    );
    await run.handle.stop();
    const summary = await run.handle.done;
    expect(summary.status).toBe('cancelled');
    expect(summary.nodes.src?.status).toBe('cancelled');
    for (const id of ['slow', 'sq', 'sink'])
      expect([id, summary.nodes[id]?.status]).toEqual([id, 'completed']);
    const sent = lastCounts(run.events).get('src-slow')?.sent ?? 0;
    expect(sent).toBeGreaterThan(20);
    const got = JSON.parse(readFileSync(path.join(run.runDir, 'sink.json'), 'utf8')) as number[];
    expect(got).toEqual(Array.from({ length: sent }, (_, i) => (i + 1) * (i + 1)));
    for (const c of lastCounts(run.events).values())
      expect([c.edgeId, c.sent, c.received]).toEqual([c.edgeId, sent, sent]);
  });

  it('stop right after start, before the source has run: its consumers drain at once and complete', async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 1e9, intervalMs: 1 }),
          node('sq', 'core.map', { code: 'x => x * x' }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'sq'), edge('sq', 'sink')],
      ),
      // A grace longer than the test: only a real drain lets it pass.
      { drainGraceMs: 120_000 },
    );
    await run.handle.stop();
    const summary = await run.handle.done;
    expect(summary.status).toBe('cancelled');
    expect(summary.nodes.src?.status).toBe('cancelled');
    expect(summary.nodes.sq?.status).toBe('completed');
    expect(summary.nodes.sink?.status).toBe('completed');
    // Whatever the source sent before the drain reached it arrived, once.
    const sent = lastCounts(run.events).get('src-sq')?.sent ?? 0;
    const got = JSON.parse(readFileSync(path.join(run.runDir, 'sink.json'), 'utf8')) as number[];
    expect(got).toEqual(Array.from({ length: sent }, (_, i) => (i + 1) * (i + 1)));
  }, 30_000);

  it('stop stops hard after the grace period what does not drain', async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 1e9, intervalMs: 1 }),
          node('stuck', 'core.map', { code: 'x => { for (;;) {} }' }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'stuck'), edge('stuck', 'sink')],
      ),
      { drainGraceMs: 500 },
    );
    await run.waitFor(
      (e) => e.kind === 'edge-counts' && e.counts.some((c) => c.edgeId === 'src-stuck' && c.sent > 0),
    );
    const t0 = Date.now();
    await run.handle.stop();
    expect(Date.now() - t0).toBeLessThan(500 + 1000 + 1000);
    const summary = await run.handle.done;
    expect(summary.status).toBe('cancelled');
    expect(summary.nodes.stuck?.status).toBe('cancelled');
    expect(summary.nodes.sink?.status).toBe('cancelled');
  });

  it('abort kills at once: no process is left and every unfinished node is cancelled', async () => {
    const launcher = recordingLauncher();
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 1e9, intervalMs: 1 }),
          node('stuck', 'core.map', { code: 'x => { for (;;) {} }' }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'stuck'), edge('stuck', 'sink')],
      ),
      { launcher },
    );
    await run.waitFor(
      (e) => e.kind === 'edge-counts' && e.counts.some((c) => c.edgeId === 'src-stuck' && c.sent > 0),
    );
    const t0 = Date.now();
    await run.handle.abort();
    expect(Date.now() - t0).toBeLessThan(800);
    expect(launcher.pids.filter(isAlive)).toEqual([]);
    const summary = await run.handle.done;
    for (const id of ['src', 'stuck', 'sink'])
      expect([id, summary.nodes[id]?.status]).toEqual([id, 'cancelled']);
  });

  it('abort during a drain kills at once: the busy node does not get the drain’s grace period', async () => {
    const launcher = recordingLauncher();
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 1e9, intervalMs: 1 }),
          node('busy', 'core.map', {
            code: 'x => { const end = Date.now() + 60000; while (Date.now() < end); }',
          }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'busy'), edge('busy', 'sink')],
      ),
      { launcher, drainGraceMs: 20_000 },
    );
    await run.waitFor(
      (e) => e.kind === 'edge-counts' && e.counts.some((c) => c.edgeId === 'src-busy' && c.sent > 0),
    );
    let stopped = false;
    const stopping = run.handle.stop().then(() => (stopped = true));
    // Stop drains: the source ends, but the busy node holds the run for the whole grace period.
    await run.waitFor(
      (e) => e.kind === 'node-status' && e.nodeId === 'src' && e.status === 'cancelled',
      'the source to end',
    );
    await sleep(500);
    expect(stopped).toBe(false);
    expect(run.handle.summary().status).toBe('running');
    expect(launcher.pids.filter(isAlive).length).toBeGreaterThanOrEqual(2);

    const t0 = Date.now();
    await run.handle.abort();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(launcher.pids.filter(isAlive)).toEqual([]);
    await stopping;
    const summary = await run.handle.done;
    expect(summary.status).toBe('cancelled');
    for (const id of ['busy', 'sink']) expect([id, summary.nodes[id]?.status]).toEqual([id, 'cancelled']);
  });

  it('pause holds a source’s sent count for 1 s and shows the nodes paused; resume continues it', async () => {
    const N = 3000;
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: N }),
          node('slow', 'core.delay', { ms: 1 }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'slow', { id: 'e1' }), edge('slow', 'sink', { id: 'e2' })],
      ),
    );
    await run.waitFor(
      (e) => e.kind === 'edge-counts' && e.counts.some((c) => c.edgeId === 'e2' && c.received > 10),
    );
    run.handle.pause();
    await run.waitFor((e) => e.kind === 'run-status' && e.status === 'paused');
    const paused = run.events.filter((e) => e.kind === 'node-status' && e.status === 'paused');
    expect(paused.map((e) => (e.kind === 'node-status' ? e.nodeId : '')).sort()).toEqual([
      'sink',
      'slow',
      'src',
    ]);
    // What was already on its way settles (the last counts report), then nothing moves for 1 s.
    await sleep(300);
    const sentNow = (): number => lastCounts(run.events).get('e1')?.sent ?? 0;
    const held = sentNow();
    expect(held).toBeLessThan(N);
    for (let i = 0; i < 10; i++) {
      await sleep(100);
      expect(sentNow()).toBe(held);
    }
    expect(run.handle.summary().nodes.src?.status).toBe('paused');
    run.handle.resume();
    await run.waitFor(
      (e) => e.kind === 'edge-counts' && e.counts.some((c) => c.edgeId === 'e1' && c.sent > held),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    expect(JSON.parse(readFileSync(path.join(run.runDir, 'sink.json'), 'utf8'))).toEqual(
      Array.from({ length: N }, (_, i) => i + 1),
    );
    const running = run.events.filter(
      (e) => e.kind === 'node-status' && e.status === 'running' && e.seq > (paused.at(-1)?.seq ?? 0),
    );
    expect(running.length).toBeGreaterThanOrEqual(1);
  });
});
