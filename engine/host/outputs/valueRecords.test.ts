// Recorded stream values (issue 12): a real run of sequence 1..500 → map → collect records, at run
// time and in the run's folder, exactly how many values each stream output sent and the first 100
// of them, which `run:outputs` lists and `run:preview` shows as a table; the consumer still gets
// every value once.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workflow } from '../../model/workflow.js';
import { VALUE_RECORD_LIMIT, VALUE_RECORD_MAX_CHARS } from '../../nodes/data/lib/outputRecords.js';
import { createHostService, type HostService } from '../hostService.js';
import { valuesTable } from './valuesTable.js';

let workspace: string;
let service: HostService;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-values-'));
  service = await createHostService({ workspace, confine: true, usePool: false });
});
afterAll(async () => {
  await service.close();
  await rm(workspace, { recursive: true, force: true });
});

const at = { x: 0, y: 0 };
const workflow: Workflow = {
  sluice: 1,
  name: 'Values',
  nodes: [
    { id: 'seq', type: 'core.sequence', params: { from: 1, to: 500 }, position: at },
    { id: 'half', type: 'core.map', params: { code: 'x => ({ n: x, half: x / 2 })' }, position: at },
    { id: 'all', type: 'core.collect', params: { file: 'all.json' }, position: at },
  ],
  edges: [
    { id: 'e1', source: 'seq', sourcePort: 'out', target: 'half', targetPort: 'in' },
    { id: 'e2', source: 'half', sourcePort: 'out', target: 'all', targetPort: 'in' },
  ],
};

describe('recorded stream values', () => {
  it('records the count and the first 100 values of each stream output, and previews them', async () => {
    expect(VALUE_RECORD_LIMIT).toBe(100);
    const { runId } = await service.call('run:start', { workflow });
    for (let i = 0; i < 400; i++) {
      const run = await service.call('run:get', { runId });
      if (run.status !== 'running' && run.status !== 'ready') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await service.call('run:get', { runId })).status).toBe('completed');
    // The map's error output has no edge: nothing went out there, and nothing is recorded.
    expect(await service.call('run:outputs', { runId })).toEqual([
      { nodeId: 'half', port: 'out', kind: 'values', rowCount: expect.any(Number) },
      { nodeId: 'seq', port: 'out', kind: 'values', rowCount: expect.any(Number) },
    ]);
    const seq = await service.call('run:preview', { runId, nodeId: 'seq', port: 'out' });
    expect(seq).toEqual({
      kind: 'values',
      columns: [{ name: 'value', type: 'integer' }],
      rowCount: 500,
      rows: Array.from({ length: 100 }, (_, i) => ({ value: i + 1 })),
    });
    const half = await service.call('run:preview', { runId, nodeId: 'half', port: 'out' });
    expect(half.columns).toEqual([
      { name: 'n', type: 'integer' },
      { name: 'half', type: 'number' },
    ]);
    expect(half.rowCount).toBe(500);
    expect(half.rows).toEqual(Array.from({ length: 100 }, (_, i) => ({ n: i + 1, half: (i + 1) / 2 })));
    // What the consumer got is untouched by the recording: all 500, each once, in order.
    const runDir = path.join(workspace, '.sluice', 'runs', runId);
    const all = JSON.parse(await readFile(path.join(runDir, 'all.json'), 'utf8')) as Array<{ n: number }>;
    expect(all.map((v) => v.n)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  });
});

describe('recorded stream values of large messages', () => {
  it('keeps no more than about 1 MB of them: the first values in order, and the full count', async () => {
    const big: Workflow = {
      ...workflow,
      nodes: workflow.nodes.map((n) =>
        n.id === 'half' ? { ...n, params: { code: 'x => String(x).padEnd(20000, ".")' } } : n,
      ),
    };
    const { runId } = await service.call('run:start', { workflow: big });
    for (let i = 0; i < 400; i++) {
      const run = await service.call('run:get', { runId });
      if (run.status !== 'running' && run.status !== 'ready') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const preview = await service.call('run:preview', { runId, nodeId: 'half', port: 'out' });
    expect(preview.rowCount).toBe(500);
    const kept = preview.rows.map((r) => r['value'] as string);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(51);
    expect(kept.reduce((n, v) => n + v.length, 0)).toBeLessThanOrEqual(VALUE_RECORD_MAX_CHARS);
    expect(kept.map((v) => Number.parseInt(v, 10))).toEqual(
      Array.from({ length: kept.length }, (_, i) => i + 1),
    );
  });
});

describe('valuesTable', () => {
  it('flattens objects to columns in the order their keys appear, with the type they share', () => {
    expect(valuesTable([{ a: 1 }, { a: 'x', b: true }, { b: false }], 7)).toEqual({
      kind: 'values',
      columns: [
        { name: 'a', type: 'json' },
        { name: 'b', type: 'boolean' },
      ],
      rowCount: 7,
      rows: [{ a: 1 }, { a: 'x', b: true }, { b: false }],
    });
  });

  it('puts anything else in one `value` column', () => {
    expect(valuesTable(['a', null, 'b'], 3).columns).toEqual([{ name: 'value', type: 'string' }]);
    expect(valuesTable([[1, 2], { a: 1 }], 2).columns).toEqual([{ name: 'value', type: 'json' }]);
    expect(valuesTable([], 0)).toEqual({
      kind: 'values',
      columns: [{ name: 'value', type: 'json' }],
      rowCount: 0,
      rows: [],
    });
  });
});
