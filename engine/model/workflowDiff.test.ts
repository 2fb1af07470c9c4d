import { describe, expect, it } from 'vitest';
import type { Workflow } from './workflow.js';
import { describeChange, diffWorkflows } from './workflowDiff.js';

const base: Workflow = {
  sluice: 1,
  name: 'Flow',
  nodes: [
    { id: 'a', type: 'core.sequence', params: { from: 1, to: 5 }, position: { x: 0, y: 0 } },
    { id: 'b', type: 'core.map', params: { code: 'x => x' }, position: { x: 100, y: 0 } },
  ],
  edges: [{ id: 'e1', source: 'a', sourcePort: 'out', target: 'b', targetPort: 'in' }],
};

describe('diffWorkflows', () => {
  it('finds nothing between a workflow and itself moved around the canvas', () => {
    const moved = {
      ...base,
      nodes: base.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 9 } })),
    };
    expect(diffWorkflows(base, moved)).toEqual([]);
  });

  it('names added, removed and changed nodes, their changed fields, and edges', () => {
    const after: Workflow = {
      ...base,
      name: 'Flow 2',
      nodes: [
        { ...base.nodes[0]!, params: { from: 1, to: 50 }, policy: { retries: 2 } },
        { id: 'c', type: 'core.log', params: {}, position: { x: 0, y: 0 } },
      ],
      edges: [{ id: 'e9', source: 'a', sourcePort: 'out', target: 'c', targetPort: 'in' }],
    };
    const changes = diffWorkflows(base, after);
    expect(changes.map(describeChange)).toEqual([
      'renamed “Flow” → “Flow 2”',
      'node a: policy, params.to changed',
      'node b removed',
      'node c added',
      'edge a.out → b.in removed',
      'edge a.out → c.in added',
    ]);
  });
});
