import { describe, expect, it } from 'vitest';
import { parseWorkflow } from './load.js';

// Loosely typed on purpose: the tests break this document in ways the Workflow type forbids.
const valid: {
  sluice: number;
  name: string;
  nodes: Array<{
    id: string;
    type: string;
    params: Record<string, unknown>;
    position: { x: number; y: number };
  }>;
  edges: Array<Record<string, unknown> & { id: string }>;
} = {
  sluice: 1,
  name: 'Clean orders',
  nodes: [
    { id: 'load', type: 'csv.read', params: { path: 'orders.csv' }, position: { x: 0, y: 0 } },
    { id: 'sum', type: 'sql.query', params: { sql: 'SELECT 1' }, position: { x: 260, y: 0 } },
  ],
  edges: [{ id: 'e1', source: 'load', sourcePort: 'table', target: 'sum', targetPort: 'input' }],
};

function withChange(change: (doc: typeof valid & Record<string, unknown>) => void): string {
  const doc = structuredClone(valid) as typeof valid & Record<string, unknown>;
  change(doc);
  return JSON.stringify(doc, null, 2);
}

describe('parseWorkflow', () => {
  it('loads a valid file', () => {
    const { workflow, problems } = parseWorkflow(JSON.stringify(valid));
    expect(problems).toEqual([]);
    expect(workflow?.nodes.map((n) => n.id)).toEqual(['load', 'sum']);
    expect(workflow?.edges[0]?.targetPort).toBe('input');
  });

  it('accepts every optional field', () => {
    const text = withChange((d) => {
      d.description = 'd';
      Object.assign(d.nodes[0]!, {
        label: 'Load',
        policy: { retries: 2, retryBackoffMs: 100, timeoutMs: 5000, allowFail: true },
      });
      Object.assign(d.edges[0]!, { capacity: 16 });
      d.notes = [{ id: 'n1', text: 'hi', position: { x: 1, y: 2 }, width: 100, height: 50 }];
      d.viewport = { x: 0, y: 0, zoom: 1.5 };
    });
    expect(parseWorkflow(text).problems).toEqual([]);
  });

  it.each([
    ['{\n  "sluice": 1,\n  "name": "x",\n  nodes: []\n}', 4, 3],
    ['{\n  "sluice": 1,\n  "name": }', 3, 11],
    ['{"sluice": 1, "nodes": [1, 2,]}', 1, 30],
    ['{\n  "sluice": 1\n', 3, 1],
    ['', 1, 1],
    ['{"a": "b\nc"}', 1, 9],
    ['{"a": 1} x', 1, 10],
  ])('malformed JSON %j → line %i, column %i', (text, line, column) => {
    const { workflow, problems } = parseWorkflow(text);
    expect(workflow).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'syntax', line, column });
    expect(problems[0]!.message).toContain(`line ${line}, column ${column}`);
  });

  it('refuses a newer version with a clear message', () => {
    const { workflow, problems } = parseWorkflow(withChange((d) => Object.assign(d, { sluice: 3 })));
    expect(workflow).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'version',
        message: 'This file was written by a newer Sluice (version 3); this Sluice reads version 1',
      }),
    ]);
  });

  it('refuses a missing or odd version and non-objects', () => {
    expect(
      parseWorkflow(withChange((d) => delete (d as Partial<typeof d>).sluice)).problems[0],
    ).toMatchObject({
      code: 'version',
      field: 'sluice',
    });
    expect(parseWorkflow(withChange((d) => Object.assign(d, { sluice: '1' }))).problems[0]?.code).toBe(
      'version',
    );
    expect(parseWorkflow(withChange((d) => Object.assign(d, { sluice: 0 }))).problems[0]?.message).toContain(
      'version 0, which this Sluice cannot read or migrate',
    );
    expect(parseWorkflow('[1]').problems[0]?.message).toContain('not an array');
  });

  it('names the field path and the node of schema problems, all at once', () => {
    const text = withChange((d) => {
      (d.nodes[1]!.position as Record<string, unknown>).x = 'left';
      (d.nodes[0] as Record<string, unknown>).colour = 'red';
      (d.edges[0] as Record<string, unknown>).capacity = 0;
      d.nodes.push({ id: '9lives', type: 'x', params: {}, position: { x: 0, y: 0 } });
    });
    const { workflow, problems } = parseWorkflow(text);
    expect(workflow).toBeUndefined();
    const byField = Object.fromEntries(problems.map((p) => [p.field, p]));
    expect(byField['nodes[1].position.x']).toMatchObject({
      code: 'schema',
      nodeId: 'sum',
      message: 'nodes[1].position.x (node "sum"): expected a number',
    });
    expect(byField['nodes[0]']?.message).toBe('nodes[0] (node "load"): unknown field "colour"');
    expect(byField['edges[0].capacity']).toMatchObject({
      edgeId: 'e1',
      message: 'edges[0].capacity (edge "e1"): must be at least 1',
    });
    expect(byField['nodes[2].id']?.message).toContain('"9lives" is not a valid id');
    expect(problems).toHaveLength(4);
  });

  it('reports missing fields and unknown top-level fields by name', () => {
    const { problems } = parseWorkflow(
      withChange((d) => {
        delete (d.nodes[0] as Partial<(typeof d.nodes)[0]>).position;
        Object.assign(d, { layout: 'auto', zoom: 2 });
      }),
    );
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        'nodes[0].position (node "load"): missing (expected an object)',
        expect.stringMatching(/^The file has unknown fields "layout", "zoom" at its top level/),
      ]),
    );
  });

  it('refuses duplicate node and edge ids', () => {
    const { workflow, problems } = parseWorkflow(
      withChange((d) => {
        d.nodes[1]!.id = 'load';
        d.edges.push({ ...d.edges[0]! });
      }),
    );
    expect(workflow).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ code: 'duplicate-id', nodeId: 'load', field: 'nodes[1].id' }),
      expect.objectContaining({ code: 'duplicate-id', edgeId: 'e1', field: 'edges[1].id' }),
    ]);
  });

  it('accepts a byte-order mark', () => {
    expect(parseWorkflow(`\uFEFF${JSON.stringify(valid)}`).problems).toEqual([]);
  });
});
