import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRun } from '../runtime/host/runController.js';
import { edge, node, workflow } from '../runtime/host/testSupport.js';
import { compileUserFunction } from './core/compile.js';
import { createRegistry } from './registry.js';

describe('node registry', () => {
  it('lists built-ins sorted by category and title', async () => {
    const registry = await createRegistry();
    const list = registry.list();
    expect(list.map((t) => t.type)).toEqual(
      expect.arrayContaining([
        'core.sequence',
        'core.map',
        'core.filter',
        'core.collect',
        'core.log',
        'core.delay',
        'core.fail',
      ]),
    );
    const sorted = [...list].sort(
      (a, b) => a.category.localeCompare(b.category) || a.title.localeCompare(b.title),
    );
    expect(list.map((t) => t.type)).toEqual(sorted.map((t) => t.type));
  });

  it('loads user node modules from a folder, reports bad ones, and runs them in workers by module path', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-user-nodes-'));
    writeFileSync(
      path.join(dir, 'triple.mjs'),
      `export default { type: 'my.triple', title: 'Triple', category: 'Mine', description: 'x3', params: [],
        inputs: [{ name: 'in', type: 'number' }], outputs: [{ name: 'out', type: 'number' }],
        async run({ inputs, outputs }) { for await (const x of inputs.in) await outputs.out.send(x * 3); } };`,
    );
    writeFileSync(path.join(dir, 'broken.js'), 'export default 42;');
    const registry = await createRegistry({ userNodesDir: dir });
    expect(registry.get('my.triple')?.modulePath).toBe(path.join(dir, 'triple.mjs'));
    expect(registry.loadErrors.map((e) => e.file)).toEqual([path.join(dir, 'broken.js')]);
    expect(registry.loadErrors[0]?.message).toContain('does not default-export a node definition');
    const handle = await startRun({
      workflow: workflow(
        [node('s', 'core.sequence', { from: 1, to: 4 }), node('t', 'my.triple'), node('c', 'core.collect')],
        [edge('s', 't'), edge('t', 'c')],
      ),
      baseDir: dir,
      runsDir: path.join(dir, 'runs'),
      registry,
    });
    expect((await handle.done).status).toBe('completed');
    expect(JSON.parse(readFileSync(path.join(handle.runDir, 'c.json'), 'utf8'))).toEqual([3, 6, 9, 12]);
  });

  it('compiles TypeScript node modules (with helpers and the SDK) to a cache and runs them in a real workflow', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-ts-nodes-'));
    mkdirSync(path.join(dir, 'lib'));
    writeFileSync(
      path.join(dir, 'lib', 'scale.ts'),
      'export function scale(x: number, by: number): number { return x * by; }\n',
    );
    writeFileSync(
      path.join(dir, 'scale.ts'),
      `import { defineNode } from 'sluice/sdk';
import type { InputPort } from 'sluice/sdk';
import { scale } from './lib/scale.js';

interface Params { by: number }

export default defineNode<Params>({
  type: 'my.scale', title: 'Scale', category: 'Mine', description: 'x * by, a batch at a time',
  inputs: [{ name: 'in', type: 'number' }], outputs: [{ name: 'out', type: 'number' }],
  params: [{ key: 'by', kind: 'number', default: 2 }],
  async run({ inputs, outputs, params }) {
    const input = inputs.in as InputPort<number>;
    for await (const batch of input.batches()) await outputs.out!.sendMany(batch.map((x) => scale(x, params.by)));
  },
});
`,
    );
    writeFileSync(path.join(dir, 'types.d.ts'), 'export type Nothing = never;\n');
    writeFileSync(path.join(dir, 'broken.ts'), 'export default { type: "my.broken", run( };\n');
    const registry = await createRegistry({ userNodesDir: dir });
    expect(registry.loadErrors.map((e) => e.file)).toEqual([path.join(dir, 'broken.ts')]);
    expect(registry.loadErrors[0]?.message).toMatch(/broken\.ts: it does not compile: .*broken\.ts:1:\d+: /);
    const scaleNode = registry.get('my.scale');
    expect(registry.list().find((t) => t.type === 'my.scale')).toMatchObject({ title: 'Scale' });
    expect(path.dirname(scaleNode?.modulePath ?? '')).toBe(path.join(dir, '.sluice', 'node-cache'));
    expect(scaleNode?.modulePath).toMatch(/scale\.[0-9a-f]{16}\.mjs$/);
    const handle = await startRun({
      workflow: workflow(
        [
          node('s', 'core.sequence', { from: 1, to: 1000 }),
          node('t', 'my.scale', { by: 3 }),
          node('c', 'core.collect'),
        ],
        [edge('s', 't', { capacity: 16 }), edge('t', 'c')],
      ),
      baseDir: dir,
      runsDir: path.join(dir, 'runs'),
      registry,
    });
    expect((await handle.done).status).toBe('completed');
    expect(JSON.parse(readFileSync(path.join(handle.runDir, 'c.json'), 'utf8'))).toEqual(
      Array.from({ length: 1000 }, (_, i) => 3 * (i + 1)),
    );
    // Loading again reuses the compiled file; a changed source gets a new one beside it.
    expect((await createRegistry({ userNodesDir: dir })).get('my.scale')?.modulePath).toBe(
      scaleNode?.modulePath,
    );
    writeFileSync(
      path.join(dir, 'lib', 'scale.ts'),
      'export const scale = (x: number, by: number) => x + by;\n',
    );
    const again = await createRegistry({ userNodesDir: dir });
    expect(again.get('my.scale')?.modulePath).not.toBe(scaleNode?.modulePath);
    expect(
      readdirSync(path.join(dir, '.sluice', 'node-cache')).filter((f) => f.startsWith('scale.')),
    ).toHaveLength(2);
  });

  it('compiles functions and expressions of x and i, and names the node when the code is bad', () => {
    expect(compileUserFunction('x => x + 1', 'n')(1, 0)).toBe(2);
    expect(compileUserFunction('x * 10 + i', 'n')(2, 3)).toBe(23);
    expect(compileUserFunction('function (x) { return -x }', 'n')(2, 0)).toBe(-2);
    expect(() => compileUserFunction('x =>', 'Node "m" (core.map) param "code"')).toThrow(
      /Node "m" \(core.map\) param "code": the code does not compile/,
    );
  });
});
