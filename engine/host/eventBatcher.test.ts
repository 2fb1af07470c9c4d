import { describe, expect, it } from 'vitest';
import type { RunEvent, RunEventBody } from '../model/run.js';
import { EventBatcher } from './eventBatcher.js';

let seq = 0;
const ev = (body: RunEventBody, runId = 'r1'): RunEvent => ({ runId, seq: seq++, time: Date.now(), ...body });

function collect(options?: ConstructorParameters<typeof EventBatcher>[1]) {
  const batches: Array<{ runId: string; events: RunEvent[]; at: number }> = [];
  const batcher = new EventBatcher(
    (runId, events) => batches.push({ runId, events, at: Date.now() }),
    options,
  );
  return { batches, batcher };
}

describe('EventBatcher', () => {
  it('keeps status events, and the latest progress per node and count per edge, in seq order', () => {
    const { batches, batcher } = collect();
    batcher.push(ev({ kind: 'node-status', nodeId: 'a', status: 'running' }));
    batcher.push(ev({ kind: 'progress', nodeId: 'a', done: 1 }));
    batcher.push(ev({ kind: 'edge-counts', counts: [{ edgeId: 'e1', sent: 1, received: 0, full: false }] }));
    batcher.push(ev({ kind: 'progress', nodeId: 'a', done: 2 }));
    batcher.push(ev({ kind: 'edge-counts', counts: [{ edgeId: 'e2', sent: 5, received: 5, full: true }] }));
    batcher.push(ev({ kind: 'edge-counts', counts: [{ edgeId: 'e1', sent: 9, received: 8, full: false }] }));
    batcher.push(ev({ kind: 'node-status', nodeId: 'a', status: 'completed' }));
    batcher.flush();
    expect(batches).toHaveLength(1);
    const events = batches[0]!.events;
    expect(events.map((e) => e.kind)).toEqual(['node-status', 'progress', 'edge-counts', 'node-status']);
    expect(events[1]).toMatchObject({ done: 2 });
    expect(events[2]).toMatchObject({
      counts: [
        { edgeId: 'e1', sent: 9 },
        { edgeId: 'e2', sent: 5, full: true },
      ],
    });
    const seqs = events.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('flushes at most ~30 times a second however fast events come, and never drops a status', async () => {
    const { batches, batcher } = collect();
    const start = Date.now();
    let statuses = 0;
    while (Date.now() - start < 500) {
      batcher.push(ev({ kind: 'progress', nodeId: 'a', done: seq }));
      if (seq % 7 === 0) {
        batcher.push(ev({ kind: 'node-status', nodeId: 'a', status: 'running' }));
        statuses++;
      }
      await new Promise((r) => setImmediate(r));
    }
    batcher.flush();
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(0.5 * 30) + 2);
    expect(batches.length).toBeGreaterThan(5);
    const gaps = batches.slice(1, -1).map((b, i) => b.at - batches[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(30);
    expect(batches.flatMap((b) => b.events).filter((e) => e.kind === 'node-status')).toHaveLength(statuses);
  });

  it('replaces a flood of log lines in one batch with one line that counts them', () => {
    const { batches, batcher } = collect({ maxLogsPerBatch: 10 });
    for (let i = 0; i < 25; i++) batcher.push(ev({ kind: 'log', level: 'info', message: `line ${i}` }));
    batcher.push(ev({ kind: 'run-status', status: 'completed' }));
    batcher.flush();
    const events = batches[0]!.events;
    expect(events.filter((e) => e.kind === 'log')).toHaveLength(11);
    expect(events.at(-2)).toMatchObject({
      kind: 'log',
      level: 'warn',
      message: expect.stringContaining('15 log lines'),
    });
    expect(events.at(-1)).toMatchObject({ kind: 'run-status' });
  });

  it('keeps runs apart', () => {
    const { batches, batcher } = collect();
    batcher.push(ev({ kind: 'run-status', status: 'running' }, 'r1'));
    batcher.push(ev({ kind: 'run-status', status: 'running' }, 'r2'));
    batcher.flush();
    expect(batches.map((b) => b.runId).sort()).toEqual(['r1', 'r2']);
  });
});
