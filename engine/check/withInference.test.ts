import { describe, expect, it } from 'vitest';
import type { NodeTypeInfo } from '../model/nodeTypeInfo.js';
import type { Workflow } from '../model/workflow.js';
import { checkWithInference } from './withInference.js';

const info = (type: string, inputs: string[], output: string): NodeTypeInfo => ({
  type,
  title: type,
  category: 'Test',
  description: '',
  inputs: inputs.map((name) => ({ name, type: 'table' })),
  outputs: [{ name: 'out', type: output }],
  params: [],
});

const types = new Map<string, NodeTypeInfo>([
  ['t.src', info('t.src', [], 'table')],
  ['t.pass', info('t.pass', ['in'], 'table')],
  ['t.num', { ...info('t.num', [], 'number'), outputs: [{ name: 'out', type: 'number' }] }],
]);

const at = { x: 0, y: 0 };
const chain: Workflow = {
  sluice: 1,
  name: 'chain',
  nodes: [
    { id: 'c', type: 't.pass', params: {}, position: at },
    { id: 'b', type: 't.pass', params: {}, position: at },
    { id: 'a', type: 't.src', params: {}, position: at },
  ],
  edges: [
    { id: 'e1', source: 'a', sourcePort: 'out', target: 'b', targetPort: 'in' },
    { id: 'e2', source: 'b', sourcePort: 'out', target: 'c', targetPort: 'in' },
  ],
};

describe('checkWithInference', () => {
  it('feeds inferred outputs downstream until the whole chain is known', async () => {
    // The source knows its columns; each pass node adds one column to what it receives.
    const result = await checkWithInference(chain, types, (node, inputs) => {
      if (node.type === 't.src') return Promise.resolve({ out: 'table{id:integer}' });
      const input = inputs.in;
      if (!input || input === 'table') return Promise.resolve({ out: 'table' });
      return Promise.resolve({ out: input.replace('}', `,${node.id}:string}`) });
    });
    expect(result.problems).toEqual([]);
    expect(result.portTypes.c?.inputs.in).toBe('table{id:integer,b:string}');
    expect(result.portTypes.c?.outputs.out).toBe('table{id:integer,b:string,c:string}');
  });

  it('reports a failed inference on its node and still checks the rest', async () => {
    const result = await checkWithInference(chain, types, (node) =>
      node.id === 'b' ? Promise.reject(new Error('no such file')) : undefined,
    );
    expect(result.inferenceProblems).toHaveLength(1);
    expect(result.problems.map((p) => [p.nodeId, p.message])).toEqual([
      ['b', 'Node "b" (t.pass): could not work out its output types: no such file'],
    ]);
  });
});
