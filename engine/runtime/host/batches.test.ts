// The SDK's batch API (inputs.x.batches(), outputs.y.sendMany()) through real worker processes: order,
// exactly-once delivery, end of stream, fan-out and fan-in, the exact back-pressure bound, and the
// encoding rule of sendMany. The node types are user modules written here, loaded like a user's.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EdgeCount, RunEvent, RunSummary } from '../../model/run.js';
import { createRegistry, type LoadedRegistry } from '../../nodes/registry.js';
import { startRun } from './runController.js';
import type { RunHandle } from './contracts.js';
import { edge, node, workflow } from './testSupport.js';
import type { Workflow } from '../../model/workflow.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-batches-'));
let registry: LoadedRegistry;

// Sends 1..count with sendMany in arrays of the sizes in `sizes` (cycled), then checks the rule:
// values changed after a call that resolved are sent as they were at the call.
const source = `export default {
  type: 'test.manysource', title: 'Many source', category: 'Test', description: '',
  inputs: [], outputs: [{ name: 'out', type: 'json' }],
  params: [{ key: 'count', kind: 'number', default: 100 }, { key: 'sizes', kind: 'json', default: [7] },
           { key: 'objects', kind: 'boolean', default: false }],
  async run({ params, outputs }) {
    const { count, sizes, objects } = params;
    let next = 1;
    for (let k = 0; next <= count; k++) {
      const size = sizes[k % sizes.length];
      const values = [];
      for (let j = 0; j < size && next <= count; j++) values.push(objects ? { n: next++ } : next++);
      await outputs.out.sendMany(values);
      // Ours again once the promise resolved: this must not change what was sent.
      if (objects) for (const v of values) v.n = -1;
      values.length = 0;
    }
  },
};`;

// Reads batches (at most \`max\`, waiting \`ms\` after each) and records each batch's size; forwards
// them with sendMany when its output is connected.
const pass = `import { writeFileSync } from 'node:fs';
import path from 'node:path';
export default {
  type: 'test.batchpass', title: 'Batch pass', category: 'Test', description: '',
  inputs: [{ name: 'in', type: 'json', multi: true }], outputs: [{ name: 'out', type: 'json' }],
  params: [{ key: 'max', kind: 'number', default: 0 }, { key: 'ms', kind: 'number', default: 0 }],
  async run({ params, inputs, outputs, runDir, nodeId }) {
    const sizes = [];
    const values = [];
    const opts = params.max > 0 ? { max: params.max } : undefined;
    for await (const batch of inputs.in.batches(opts)) {
      sizes.push(batch.length);
      values.push(...batch);
      if (outputs.out.connected > 0) await outputs.out.sendMany(batch);
      if (params.ms > 0) await new Promise((r) => setTimeout(r, params.ms));
    }
    writeFileSync(path.join(runDir, nodeId + '.batches.json'), JSON.stringify({ sizes, values }));
  },
};`;

// Mixes the three ways of reading one input: next(), batches() and the iterator.
const mixed = `import { writeFileSync } from 'node:fs';
import path from 'node:path';
export default {
  type: 'test.mixed', title: 'Mixed reader', category: 'Test', description: '',
  inputs: [{ name: 'in', type: 'json' }], outputs: [], params: [],
  async run({ inputs, runDir, nodeId }) {
    const got = [];
    const first = await inputs.in.next();
    got.push(first.value);
    for await (const batch of inputs.in.batches({ max: 5 })) {
      got.push(...batch);
      if (got.length > 50) break;
    }
    for await (const v of inputs.in) got.push(v);
    const after = await inputs.in.next();
    const batchesAfter = [];
    for await (const b of inputs.in.batches()) batchesAfter.push(b);
    writeFileSync(path.join(runDir, nodeId + '.json'),
      JSON.stringify({ got, afterDone: after.done, batchesAfter }));
  },
};`;

beforeAll(async () => {
  writeFileSync(path.join(dir, 'manysource.mjs'), source);
  writeFileSync(path.join(dir, 'batchpass.mjs'), pass);
  writeFileSync(path.join(dir, 'mixed.mjs'), mixed);
  registry = await createRegistry({ userNodesDir: dir });
  expect(registry.loadErrors).toEqual([]);
});

async function run(w: Workflow): Promise<{ handle: RunHandle; events: RunEvent[]; summary: RunSummary }> {
  const handle = await startRun({ workflow: w, baseDir: dir, runsDir: path.join(dir, 'runs'), registry });
  const events: RunEvent[] = [];
  handle.onEvent((e) => events.push(e));
  const summary = await handle.done;
  return { handle, events, summary };
}

function readJson<T>(handle: RunHandle, file: string): T {
  return JSON.parse(readFileSync(path.join(handle.runDir, file), 'utf8')) as T;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

function countsOf(events: RunEvent[], edgeId: string): EdgeCount[] {
  return events.flatMap((e) => (e.kind === 'edge-counts' ? e.counts.filter((c) => c.edgeId === edgeId) : []));
}

describe('batch API', () => {
  it('delivers every value once, in order, through sendMany and batches(), with fan-out to channels of different capacities', async () => {
    const N = 5000;
    const { handle, events, summary } = await run(
      workflow(
        [
          // Arrays larger than a channel's capacity, of one value, and in between.
          node('src', 'test.manysource', { count: N, sizes: [1, 700, 3, 64, 1500] }),
          node('p', 'test.batchpass'),
          node('small', 'test.batchpass', { max: 4 }),
          node('all', 'core.collect'),
        ],
        [
          edge('src', 'p', { id: 'e-p' }),
          edge('src', 'small', { id: 'e-small', capacity: 3 }),
          edge('p', 'all', { id: 'e-all', capacity: 50 }),
        ],
      ),
    );
    expect(summary.status).toBe('completed');
    expect(readJson<number[]>(handle, 'all.json')).toEqual(range(N));
    const p = readJson<{ sizes: number[]; values: number[] }>(handle, 'p.batches.json');
    expect(p.values).toEqual(range(N));
    // The default channel (512) never holds more than its capacity, so no batch can be larger.
    expect(Math.max(...p.sizes)).toBeLessThanOrEqual(512);
    expect(p.sizes.length).toBeLessThan(N / 2);
    const small = readJson<{ sizes: number[]; values: number[] }>(handle, 'small.batches.json');
    expect(small.values).toEqual(range(N));
    expect(Math.max(...small.sizes)).toBeLessThanOrEqual(3);
    expect(Math.min(...small.sizes)).toBeGreaterThanOrEqual(1);
    for (const id of ['e-p', 'e-small', 'e-all'])
      expect(countsOf(events, id).at(-1)).toMatchObject({ sent: N, received: N, full: false });
  });

  it('keeps the back-pressure bound exact: sent never runs ahead of taken by more than the capacity', async () => {
    const capacity = 10;
    const { events, summary } = await run(
      workflow(
        [
          node('src', 'test.manysource', { count: 300, sizes: [100] }),
          node('slow', 'test.batchpass', { max: 3, ms: 2 }),
        ],
        [edge('src', 'slow', { id: 'e1', capacity })],
      ),
    );
    expect(summary.status).toBe('completed');
    const counts = countsOf(events, 'e1');
    expect(counts.some((c) => c.full)).toBe(true);
    const maxLead = Math.max(...counts.map((c) => c.sent - c.received));
    expect(maxLead).toBeGreaterThan(0);
    expect(maxLead).toBeLessThanOrEqual(capacity);
    expect(counts.at(-1)).toMatchObject({ sent: 300, received: 300 });
  });

  it('fan-in: batches() ends once every sender has finished, each edge in its order', async () => {
    const { handle, summary } = await run(
      workflow(
        [
          node('a', 'test.manysource', { count: 1000, sizes: [33] }),
          node('b', 'core.sequence', { from: 5001, to: 6000 }),
          node('m', 'test.batchpass'),
        ],
        [edge('a', 'm', { capacity: 16 }), edge('b', 'm')],
      ),
    );
    expect(summary.status).toBe('completed');
    const { values } = readJson<{ values: number[] }>(handle, 'm.batches.json');
    expect(values).toHaveLength(2000);
    expect(values.filter((v) => v <= 1000)).toEqual(range(1000));
    expect(values.filter((v) => v > 5000)).toEqual(range(1000).map((v) => v + 5000));
  });

  it('next(), batches() and iteration read one stream; after the end both report done', async () => {
    const { handle, summary } = await run(
      workflow(
        [node('src', 'core.sequence', { from: 1, to: 300 }), node('r', 'test.mixed')],
        [edge('src', 'r', { capacity: 8 })],
      ),
    );
    expect(summary.status).toBe('completed');
    const r = readJson<{ got: number[]; afterDone: boolean; batchesAfter: unknown[] }>(handle, 'r.json');
    expect(r.got).toEqual(range(300));
    expect(r.afterDone).toBe(true);
    expect(r.batchesAfter).toEqual([]);
  });

  it('sendMany: values changed after its promise resolved are sent as they were', async () => {
    const { handle, summary } = await run(
      workflow(
        [
          node('src', 'test.manysource', { count: 600, sizes: [50, 200], objects: true }),
          // A small window: most calls wait for credit and encode their chunks late.
          node('out', 'core.collect'),
          node('fast', 'core.collect'),
        ],
        [edge('src', 'out', { capacity: 7 }), edge('src', 'fast')],
      ),
    );
    expect(summary.status).toBe('completed');
    const expected = range(600).map((n) => ({ n }));
    expect(readJson<unknown[]>(handle, 'out.json')).toEqual(expected);
    expect(readJson<unknown[]>(handle, 'fast.json')).toEqual(expected);
  });

  it('core.map sends a result object returned again as it was each time, and results before a failure', async () => {
    const { handle, summary } = await run(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 2000 }),
          // Keeps and changes one object: each result must carry the count at its return.
          node('acc', 'core.map', {
            code: '(() => { const s = { n: 0 }; return x => { s.n = x; return s } })()',
          }),
          node(
            'fail',
            'core.map',
            { code: "x => { if (x === 1500) throw new Error('at 1500'); return x }" },
            {
              allowFail: true,
            },
          ),
          node('a', 'core.collect'),
          node('f', 'core.collect'),
        ],
        [edge('src', 'acc'), edge('acc', 'a'), edge('src', 'fail'), edge('fail', 'f')],
      ),
    );
    expect(summary.status).toBe('completed');
    expect(summary.nodes.fail?.status).toBe('failed');
    expect(readJson<unknown[]>(handle, 'a.json')).toEqual(range(2000).map((n) => ({ n })));
    expect(readJson<number[]>(handle, 'f.json')).toEqual(range(1499));
  });
});
