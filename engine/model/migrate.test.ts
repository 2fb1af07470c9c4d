import { describe, expect, it } from 'vitest';
import { parseWorkflow } from './load.js';
import { MigrationRegistry } from './migrate.js';

describe('migrations', () => {
  // A hypothetical version 0 that called edges "links" and positions "pos".
  const v0 = JSON.stringify({
    sluice: 0,
    name: 'old',
    nodes: [{ id: 'a', type: 'core.sequence', params: {}, pos: [10, 20] }],
    links: [],
  });

  it('runs registered steps before the schema check', () => {
    const registry = new MigrationRegistry().register(0, (doc) => {
      const { links, nodes, ...rest } = doc as { links: unknown; nodes: Array<{ pos: [number, number] }> };
      return {
        ...rest,
        edges: links,
        nodes: nodes.map(({ pos, ...n }) => ({ ...n, position: { x: pos[0], y: pos[1] } })),
      };
    });
    const { workflow, problems } = parseWorkflow(v0, { migrations: registry });
    expect(problems).toEqual([]);
    expect(workflow).toMatchObject({
      sluice: 1,
      edges: [],
      nodes: [{ id: 'a', position: { x: 10, y: 20 } }],
    });
  });

  it('without a step, the old version is refused', () => {
    expect(parseWorkflow(v0).problems[0]).toMatchObject({ code: 'version' });
  });

  it('chains steps and refuses bad registrations', () => {
    const registry = new MigrationRegistry(3)
      .register(1, (d) => ({ ...d, one: true }))
      .register(2, (d) => ({ ...d, two: true }));
    const result = registry.migrate({ sluice: 1 }, 1);
    expect(result).toEqual({ ok: true, doc: { sluice: 3, one: true, two: true }, applied: [1, 2] });
    expect(() => registry.register(1, (d) => d)).toThrow(/already registered/);
    expect(() => registry.register(3, (d) => d)).toThrow(/below 3/);
  });
});
