// Integration: what a node's inferOutputs shares while startRun checks the workflow reaches that
// node's run as ctx.inferred (real worker processes, a real user node module), and the check asks
// each node once per distinct input types.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, type LoadedRegistry } from '../../nodes/registry.js';
import { startRun } from './runController.js';
import { edge, node, workflow } from './testSupport.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-shared-'));
const calls = path.join(dir, 'calls.ndjson');
let registry: LoadedRegistry;

// Each inference appends its inputs to `calls.ndjson`; the output table gains a column per node.
const sharing = `import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
export default {
  type: 'test.sharing', title: 'Sharing', category: 'Test', description: '',
  inputs: [{ name: 'in', type: 'table', optional: true }], outputs: [{ name: 'out', type: 'table' }],
  params: [
    { key: 'id', kind: 'string' },
    { key: 'source', kind: 'boolean', default: false },
    { key: 'fail', kind: 'boolean', default: false },
  ],
  async inferOutputs({ params, inputs, share }) {
    appendFileSync(${JSON.stringify(calls)}, JSON.stringify({ id: params.id, inputs }) + '\\n');
    share?.({ id: params.id, inputs });
    if (params.fail) throw new Error('cannot tell');
    if (params.source) return { out: 'table{a:integer}' };
    const input = inputs.in;
    if (input === 'table') return { out: 'table' };
    return { out: input.replace('}', ',' + params.id + ':string}') };
  },
  async run({ inputs, runDir, nodeId, inferred }) {
    writeFileSync(path.join(runDir, nodeId + '.json'), JSON.stringify(inferred ?? null));
    for await (const _ of inputs.in) void _;
  },
};`;

beforeAll(async () => {
  writeFileSync(path.join(dir, 'sharing.mjs'), sharing);
  registry = await createRegistry({ userNodesDir: dir });
  expect(registry.loadErrors).toEqual([]);
});

describe('inference shared with the run', { timeout: 60_000 }, () => {
  it('hands each node what its last inference shared, asking once per distinct input types', async () => {
    writeFileSync(calls, '');
    const w = workflow(
      [
        node('a', 'test.sharing', { id: 'a', source: true }),
        node('b', 'test.sharing', { id: 'b' }),
        node('c', 'test.sharing', { id: 'c' }),
      ],
      [edge('a', 'b'), edge('b', 'c')],
    );
    const handle = await startRun({ workflow: w, baseDir: dir, runsDir: path.join(dir, 'runs'), registry });
    expect((await handle.done).status).toBe('completed');

    const asked = readFileSync(calls, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; inputs: Record<string, string> });
    // The check runs several passes; without the memo the source alone would be asked each time.
    const keys = asked.map((c) => JSON.stringify(c));
    expect(new Set(keys).size).toBe(keys.length);
    expect(asked.filter((c) => c.id === 'a')).toHaveLength(1);

    const inferred = (id: string): unknown =>
      JSON.parse(readFileSync(path.join(handle.runDir, `${id}.json`), 'utf8'));
    expect(inferred('a')).toEqual({ id: 'a', inputs: { in: 'table' } });
    expect(inferred('b')).toEqual({ id: 'b', inputs: { in: 'table{a:integer}' } });
    expect(inferred('c')).toEqual({ id: 'c', inputs: { in: 'table{a:integer,b:string}' } });
  });

  it('a failed inference refuses the run, as validate reports it (behaviour since issue 11)', async () => {
    const w = workflow([node('x', 'test.sharing', { id: 'x', fail: true })], []);
    await expect(
      startRun({ workflow: w, baseDir: dir, runsDir: path.join(dir, 'runs'), registry }),
    ).rejects.toThrow('Node "x" (test.sharing): could not work out its output types: cannot tell');
  });
});
