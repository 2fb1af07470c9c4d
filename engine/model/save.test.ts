import { describe, expect, it } from 'vitest';
import { parseWorkflow } from './load.js';
import { serializeWorkflow } from './save.js';
import type { NodePolicy, Workflow } from './workflow.js';

const workflow: Workflow = {
  sluice: 1,
  name: 'Demo',
  description: 'A demo',
  nodes: [
    {
      id: 'sink',
      type: 'core.collect',
      params: { z: 1, a: { y: [3, { d: 1, c: 2 }], b: null } },
      position: { x: 400.123456, y: -0.001 },
      policy: { allowFail: true, retries: 1 },
    },
    { id: 'src', type: 'core.sequence', label: 'Numbers', params: { count: 10 }, position: { x: 0, y: 0 } },
  ],
  edges: [
    { id: 'e2', source: 'src', sourcePort: 'out', target: 'sink', targetPort: 'in', capacity: 8 },
    { id: 'e1', source: 'src', sourcePort: 'out', target: 'sink', targetPort: 'in' },
  ],
  viewport: { x: 1.005, y: 2, zoom: 0.75 },
};

const expected = `{
  "sluice": 1,
  "name": "Demo",
  "description": "A demo",
  "nodes": [
    {
      "id": "sink",
      "type": "core.collect",
      "params": {
        "a": {
          "b": null,
          "y": [
            3,
            {
              "c": 2,
              "d": 1
            }
          ]
        },
        "z": 1
      },
      "position": {
        "x": 400.12,
        "y": 0
      },
      "policy": {
        "retries": 1,
        "allowFail": true
      }
    },
    {
      "id": "src",
      "type": "core.sequence",
      "label": "Numbers",
      "params": {
        "count": 10
      },
      "position": {
        "x": 0,
        "y": 0
      }
    }
  ],
  "edges": [
    {
      "id": "e1",
      "source": "src",
      "sourcePort": "out",
      "target": "sink",
      "targetPort": "in"
    },
    {
      "id": "e2",
      "source": "src",
      "sourcePort": "out",
      "target": "sink",
      "targetPort": "in",
      "capacity": 8
    }
  ],
  "viewport": {
    "x": 1,
    "y": 2,
    "zoom": 0.75
  }
}
`;

/** The same graph with every list and every object's keys in reverse order. */
function shuffled(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffled).reverse();
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, shuffled(v)]),
  );
}

describe('serializeWorkflow', () => {
  it('writes canonical bytes', () => {
    expect(serializeWorkflow(workflow)).toBe(expected);
  });

  it('gives the same bytes whatever the order of nodes, edges and keys', () => {
    const other = shuffled(workflow) as Workflow;
    // Reversing arrays inside params changes the graph: keep those as they were.
    other.nodes.find((n) => n.id === 'sink')!.params = { z: 1, a: { b: null, y: [3, { c: 2, d: 1 }] } };
    expect(serializeWorkflow(other)).toBe(expected);
  });

  it('is idempotent through parse', () => {
    const once = serializeWorkflow(workflow);
    const parsed = parseWorkflow(once);
    expect(parsed.problems).toEqual([]);
    expect(serializeWorkflow(parsed.workflow!)).toBe(once);
  });

  it('keeps every policy field, and loads it back', () => {
    const policy = {
      allowFail: true,
      memoryLimitMb: 64,
      retries: 2,
      retryBackoffMaxMs: 900,
      retryBackoffMs: 100,
      timeoutMs: 5000,
    } satisfies Required<NodePolicy>;
    const text = serializeWorkflow({
      sluice: 1,
      name: 'x',
      nodes: [{ id: 'a', type: 't', params: {}, position: { x: 0, y: 0 }, policy }],
      edges: [],
    });
    expect((JSON.parse(text) as Workflow).nodes[0]?.policy).toEqual(policy);
    expect(parseWorkflow(text).workflow?.nodes[0]?.policy).toEqual(policy);
  });

  it('omits empty optional fields', () => {
    const text = serializeWorkflow({
      sluice: 1,
      name: 'x',
      nodes: [{ id: 'a', type: 't', params: {}, position: { x: 0, y: 0 }, policy: {} }],
      edges: [],
      notes: [],
    });
    expect(JSON.parse(text)).toEqual({
      sluice: 1,
      name: 'x',
      nodes: [{ id: 'a', type: 't', params: {}, position: { x: 0, y: 0 } }],
      edges: [],
    });
  });
});
