import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRun } from '../runtime/runController.js';
import { edge, node, workflow } from '../runtime/testSupport.js';
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

  it('compiles functions and expressions of x and i, and names the node when the code is bad', () => {
    expect(compileUserFunction('x => x + 1', 'n')(1, 0)).toBe(2);
    expect(compileUserFunction('x * 10 + i', 'n')(2, 3)).toBe(23);
    expect(compileUserFunction('function (x) { return -x }', 'n')(2, 0)).toBe(-2);
    expect(() => compileUserFunction('x =>', 'Node "m" (core.map) param "code"')).toThrow(
      /Node "m" \(core.map\) param "code": the code does not compile/,
    );
  });
});
