// The check explains what disabling a node does (issue 12): a warning, never an error.
import { describe, expect, it } from 'vitest';
import type { NodeTypeInfo } from '../model/nodeTypeInfo.js';
import type { Workflow } from '../model/workflow.js';
import { checkWorkflow } from './index.js';

const info = (type: string, inputs: string[], outputs: string[]): NodeTypeInfo => ({
  type,
  title: type,
  category: 'Test',
  description: type,
  inputs: inputs.map((name) => ({ name, type: 'number' })),
  outputs: outputs.map((name) => ({ name, type: 'number' })),
  params: [],
});
const types = new Map(
  [info('t.src', [], ['out']), info('t.double', ['in'], ['out']), info('t.sink', ['in'], [])].map((t) => [
    t.type,
    t,
  ]),
);
const at = { x: 0, y: 0 };

describe('disabled nodes in the check', () => {
  it('warns that a disabled node is skipped and names the inputs it feeds', () => {
    const w: Workflow = {
      sluice: 1,
      name: 'w',
      nodes: [
        { id: 'src', type: 't.src', params: {}, position: at },
        { id: 'double', type: 't.double', params: {}, position: at, disabled: true },
        { id: 'sink', type: 't.sink', params: {}, position: at },
      ],
      edges: [
        { id: 'e1', source: 'src', sourcePort: 'out', target: 'double', targetPort: 'in' },
        { id: 'e2', source: 'double', sourcePort: 'out', target: 'sink', targetPort: 'in' },
      ],
    };
    const { problems } = checkWorkflow(w, types);
    expect(problems).toEqual([
      {
        code: 'disabled-node',
        severity: 'warning',
        message:
          'Node "double" is disabled: it is skipped when the workflow runs; the inputs it feeds end without values (sink.in).',
        nodeId: 'double',
      },
    ]);
  });
});
