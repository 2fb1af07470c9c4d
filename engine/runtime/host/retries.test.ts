// Retries that lose nothing and repeat nothing (issue 9): real worker processes, values counted end to
// end, final states and edge counts checked.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EdgeCount, RunEvent } from '../../model/run.js';
import { createRegistry } from '../../nodes/registry.js';
import { edge, node, runWorkflow, workflow } from './testSupport.js';

// A whole-input node: all() of its input, changes the objects it got, fails on its first attempt.
const wholeNode = `export default {
  type: 'test.whole', title: 'Whole', category: 'Test', description: '',
  inputs: [{ name: 'in', type: 'json' }], outputs: [{ name: 'out', type: 'json' }], params: [],
  async run({ inputs, outputs, attempt }) {
    const all = await inputs.in.all();
    for (const v of all) v.seen = (v.seen ?? 0) + 1;
    if (attempt === 1) {
      await outputs.out.sendMany(all.slice(0, 3));
      throw new Error('first attempt fails');
    }
    await outputs.out.sendMany(all);
  },
};`;

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

function readJson<T>(runDir: string, file: string): T {
  return JSON.parse(readFileSync(path.join(runDir, file), 'utf8')) as T;
}

function lastCounts(events: RunEvent[]): Map<string, EdgeCount> {
  const m = new Map<string, EdgeCount>();
  for (const e of events) if (e.kind === 'edge-counts') for (const c of e.counts) m.set(c.edgeId, c);
  return m;
}

/** Map code that throws on `x === at` in its first `times` calls with that value (counted in a file). */
function flakyAt(at: number, times: number): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'sluice-flaky-')), 'calls');
  return `x => {
    if (x === ${at}) {
      const fs = process.getBuiltinModule('node:fs');
      const n = fs.existsSync(${JSON.stringify(file)}) ? Number(fs.readFileSync(${JSON.stringify(file)}, 'utf8')) : 0;
      fs.writeFileSync(${JSON.stringify(file)}, String(n + 1));
      if (n < ${times}) throw new Error('flaky at ${at}');
    }
    return x;
  }`;
}

function statusEvents(events: RunEvent[], nodeId: string): Array<[string, number | undefined]> {
  return events.flatMap((e) =>
    e.kind === 'node-status' && e.nodeId === nodeId
      ? [[e.status, e.attempt] as [string, number | undefined]]
      : [],
  );
}

describe('retries', () => {
  it('core.map throwing on x = 5 in its first two calls delivers 1..10 exactly once, attempts = 3', async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 10 }),
          node('m', 'core.map', { code: flakyAt(5, 2) }, { retries: 3, retryBackoffMs: 10 }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'm'), edge('m', 'sink')],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    expect(readJson<number[]>(run.runDir, 'sink.json')).toEqual(range(1, 10));
    expect(summary.nodes.m?.status).toBe('completed');
    expect(statusEvents(run.events, 'm').at(-1)).toEqual(['completed', 3]);
    const counts = lastCounts(run.events);
    expect(counts.get('src-m')).toMatchObject({ sent: 10, received: 10 });
    expect(counts.get('m-sink')).toMatchObject({ sent: 10, received: 10 });
  });

  it('core.fail (after 3, first attempt fails) with one retry delivers every value once', async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 10 }),
          node('f', 'core.fail', { after: 3, failAttempts: 1 }, { retries: 1, retryBackoffMs: 10 }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'f'), edge('f', 'sink')],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    expect(readJson<number[]>(run.runDir, 'sink.json')).toEqual(range(1, 10));
    expect(statusEvents(run.events, 'f').at(-1)).toEqual(['completed', 2]);
    expect(lastCounts(run.events).get('f-sink')).toMatchObject({ sent: 10, received: 10 });
  });

  it('a map failing mid-stream over 5,000 values in many batches, twice, delivers each exactly once', async () => {
    const N = 5000;
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: N }),
          node('m', 'core.map', { code: flakyAt(3777, 2) }, { retries: 2, retryBackoffMs: 10 }),
          node('d', 'core.map', { code: 'x => ({ x })' }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'm', { capacity: 7 }), edge('m', 'd', { capacity: 100 }), edge('d', 'sink')],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    expect(readJson<Array<{ x: number }>>(run.runDir, 'sink.json').map((v) => v.x)).toEqual(range(1, N));
    const counts = lastCounts(run.events);
    for (const id of ['src-m', 'm-d', 'd-sink'])
      expect(counts.get(id)).toMatchObject({ sent: N, received: N });
  });

  it('a whole-input node (all()) gets every value again, as it arrived, and its earlier sends are not repeated', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-whole-'));
    writeFileSync(path.join(dir, 'whole.mjs'), wholeNode);
    const registry = await createRegistry({ userNodesDir: dir });
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 1000 }),
          node('obj', 'core.map', { code: 'x => ({ x })' }),
          node('w', 'test.whole', {}, { retries: 1, retryBackoffMs: 10 }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'obj'), edge('obj', 'w', { capacity: 16 }), edge('w', 'sink')],
      ),
      { registry },
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    expect(readJson<unknown[]>(run.runDir, 'sink.json')).toEqual(range(1, 1000).map((x) => ({ x, seen: 1 })));
    expect(lastCounts(run.events).get('obj-w')).toMatchObject({ sent: 1000, received: 1000 });
    expect(lastCounts(run.events).get('w-sink')).toMatchObject({ sent: 1000, received: 1000 });
  });
});
