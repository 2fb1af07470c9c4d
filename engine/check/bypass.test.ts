// Bypassed nodes (issue 12): which input each output passes on, the run's graph with the edges
// joined around them, and the check's words for it.
import { describe, expect, it } from 'vitest';
import type { NodeTypeInfo } from '../model/nodeTypeInfo.js';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../model/workflow.js';
import { bypassGraph, bypassRoutes } from './bypass.js';
import { checkWorkflow } from './index.js';

const at = { x: 0, y: 0 };
const n = (id: string, type: string, extra: Partial<WorkflowNode> = {}): WorkflowNode => ({
  id,
  type,
  params: {},
  position: at,
  ...extra,
});
const e = (id: string, source: string, target: string, from = 'out', to = 'in'): WorkflowEdge => ({
  id,
  source,
  sourcePort: from,
  target,
  targetPort: to,
});
const wf = (nodes: WorkflowNode[], edges: WorkflowEdge[]): Workflow => ({
  sluice: 1,
  name: 'w',
  nodes,
  edges,
});

describe('bypassRoutes', () => {
  it('gives each output the first free input whose type fits, one input per output', () => {
    expect(bypassRoutes({ inputs: { in: 'number' }, outputs: { out: 'json', error: 'json' } })).toEqual([
      { output: 'out', input: 'in' },
      { output: 'error', input: null },
    ]);
    expect(
      bypassRoutes({
        inputs: { left: 'table', right: 'string' },
        outputs: { text: 'string', rows: 'table' },
      }),
    ).toEqual([
      { output: 'text', input: 'right' },
      { output: 'rows', input: 'left' },
    ]);
  });

  it('leaves an output no input fits without one', () => {
    expect(bypassRoutes({ inputs: { in: 'string' }, outputs: { out: 'number' } })).toEqual([
      { output: 'out', input: null },
    ]);
    expect(bypassRoutes({ inputs: {}, outputs: { out: 'number' } })).toEqual([
      { output: 'out', input: null },
    ]);
  });
});

describe('bypassGraph', () => {
  const ports = {
    src: { inputs: {}, outputs: { out: 'number' } },
    mid: { inputs: { in: 'number' }, outputs: { out: 'number', error: 'json' } },
    mid2: { inputs: { in: 'number' }, outputs: { out: 'number' } },
    sink: { inputs: { in: 'number' }, outputs: {} },
    side: { inputs: { in: 'json' }, outputs: {} },
  };

  it('joins the producer to every consumer of the output its input passes to', () => {
    const w = wf(
      [n('src', 't'), n('mid', 't', { bypassed: true }), n('sink', 't'), n('other', 't')],
      [
        e('e1', 'src', 'mid'),
        { ...e('e2', 'mid', 'sink'), capacity: 8 },
        e('e3', 'mid', 'other'),
        e('e4', 'mid', 'side', 'error'),
      ],
    );
    const g = bypassGraph(w, ports);
    expect(g.workflow.edges).toEqual([
      { id: 'e1+e2', source: 'src', sourcePort: 'out', target: 'sink', targetPort: 'in', capacity: 8 },
      { id: 'e1+e3', source: 'src', sourcePort: 'out', target: 'other', targetPort: 'in' },
    ]);
    // The error output gets no input: its consumer has no edge left, so its input ends at once.
    expect([...g.joined]).toEqual([
      ['e1+e2', ['e1', 'e2']],
      ['e1+e3', ['e1', 'e3']],
    ]);
    expect(g.workflow.nodes).toBe(w.nodes);
  });

  it('joins through a chain of bypassed nodes, and leaves other edges alone', () => {
    const w = wf(
      [n('src', 't'), n('mid', 't', { bypassed: true }), n('mid2', 't', { bypassed: true }), n('sink', 't')],
      [e('a', 'src', 'mid'), e('b', 'mid', 'mid2'), e('c', 'mid2', 'sink'), e('d', 'src', 'sink')],
    );
    const g = bypassGraph(w, ports);
    expect(
      g.workflow.edges.map((x) => `${x.id}:${x.source}.${x.sourcePort}→${x.target}.${x.targetPort}`),
    ).toEqual(['d:src.out→sink.in', 'a+b+c:src.out→sink.in']);
    expect(g.joined.get('a+b+c')).toEqual(['a', 'b', 'c']);
  });

  it('changes nothing without bypassed nodes (a disabled node keeps its edges)', () => {
    const w = wf(
      [n('src', 't'), n('mid', 't', { disabled: true }), n('sink', 't')],
      [e('a', 'src', 'mid'), e('b', 'mid', 'sink')],
    );
    const g = bypassGraph(w, ports);
    expect(g.workflow.edges).toEqual(w.edges);
    expect(g.joined.size).toBe(0);
  });
});

describe('the check on bypassed nodes', () => {
  const info = (type: string, inputs: string[], outputs: Array<[string, string]>): NodeTypeInfo => ({
    type,
    title: type,
    category: 'Test',
    description: type,
    inputs: inputs.map((name) => ({ name, type: 'number' })),
    outputs: outputs.map(([name, type]) => ({ name, type })),
    params: [],
  });
  const types = new Map(
    [
      info('t.src', [], [['out', 'number']]),
      info(
        't.map',
        ['in'],
        [
          ['out', 'number'],
          ['error', 'string'],
        ],
      ),
      info('t.sink', ['in'], []),
      { ...info('t.text', [], []), inputs: [{ name: 'in', type: 'string' }] },
    ].map((t) => [t.type, t]),
  );

  it('says where the input goes and which inputs end, as a warning', () => {
    const w = wf(
      [
        n('src', 't.src'),
        n('double', 't.map', { bypassed: true }),
        n('sink', 't.sink'),
        n('fallback', 't.text'),
      ],
      [
        e('e1', 'src', 'double'),
        e('e2', 'double', 'sink'),
        { ...e('e3', 'double', 'fallback', 'error'), targetPort: 'in' },
      ],
    );
    const { problems } = checkWorkflow(w, types);
    expect(problems).toEqual([
      {
        code: 'bypassed-node',
        severity: 'warning',
        message:
          'Node "double" is bypassed: it does not run; its input "in" goes straight to sink.in; no input fits its output "error", so fallback.in ends without values.',
        nodeId: 'double',
      },
    ]);
  });
});
