import { describe, expect, it } from 'vitest';
import type { NodeTypeInfo, PortSpec } from '../model/nodeTypeInfo.js';
import type { Workflow, WorkflowEdge } from '../model/workflow.js';
import { parseWorkflow } from '../model/load.js';
import { checkConnection, checkWorkflow } from './index.js';

function nodeType(
  type: string,
  inputs: PortSpec[],
  outputs: PortSpec[],
  extra: Partial<NodeTypeInfo> = {},
): NodeTypeInfo {
  return { type, title: type, category: 'Test', description: type, inputs, outputs, params: [], ...extra };
}

const typeList: NodeTypeInfo[] = [
  nodeType('test.orders', [], [{ name: 'out', type: 'table{id:number,name:string}' }]),
  nodeType('test.numbers', [], [{ name: 'out', type: 'number' }], {
    params: [{ key: 'count', kind: 'number', integer: true, min: 0, required: true }],
  }),
  nodeType('test.filter', [{ name: 'in', type: 'T' }], [{ name: 'out', type: 'T' }]),
  nodeType('test.batch', [{ name: 'in', type: 'T' }], [{ name: 'out', type: 'array<T>' }]),
  nodeType('test.first', [{ name: 'in', type: 'array<Row>' }], [{ name: 'out', type: 'Row' }]),
  nodeType(
    'test.merge',
    [
      { name: 'a', type: 'T' },
      { name: 'b', type: 'T' },
    ],
    [{ name: 'out', type: 'T' }],
  ),
  nodeType('test.collect', [{ name: 'in', type: 'T', multi: true }], []),
  nodeType(
    'test.sum',
    [
      { name: 'in', type: 'number' },
      { name: 'weights', type: 'number', optional: true },
    ],
    [{ name: 'out', type: 'number' }],
  ),
  nodeType(
    'test.loop',
    [
      { name: 'in', type: 'number' },
      { name: 'again', type: 'number', optional: true, multi: true },
    ],
    [{ name: 'out', type: 'number' }],
    { allowsCycles: true },
  ),
  nodeType('test.sql', [], [{ name: 'out', type: 'table' }], {
    params: [{ key: 'inputs', kind: 'ports', direction: 'input', default: [] }],
  }),
  nodeType('test.broken', [{ name: 'in', type: 'tabel{id:number}' }], []),
];
const types = new Map(typeList.map((t) => [t.type, t]));

/** A workflow from `id:type` nodes and `e1 a.out -> b.in` edges. */
function graph(
  nodes: Record<string, string>,
  edges: string[],
  params: Record<string, Record<string, unknown>> = {},
): Workflow {
  return {
    sluice: 1,
    name: 'test',
    nodes: Object.entries(nodes).map(([id, type], i) => ({
      id,
      type,
      params: params[id] ?? (type === 'test.numbers' ? { count: 3 } : {}),
      position: { x: i * 200, y: 0 },
    })),
    edges: edges.map((line): WorkflowEdge => {
      const m = /^(\S+) (\S+)\.(\S+) -> (\S+)\.(\S+)$/.exec(line);
      if (!m) throw new Error(`bad edge ${line}`);
      return { id: m[1]!, source: m[2]!, sourcePort: m[3]!, target: m[4]!, targetPort: m[5]! };
    }),
  };
}

describe('checkWorkflow', () => {
  it('accepts a good graph and resolves generics through a chain', () => {
    const w = graph(
      {
        src: 'test.orders',
        keep: 'test.filter',
        batch: 'test.batch',
        first: 'test.first',
        sink: 'test.collect',
      },
      [
        'e1 src.out -> keep.in',
        'e2 keep.out -> batch.in',
        'e3 batch.out -> first.in',
        'e4 first.out -> sink.in',
      ],
    );
    const { problems, portTypes } = checkWorkflow(w, types);
    expect(problems).toEqual([]);
    const table = 'table{id:number,name:string}';
    expect(portTypes.keep).toEqual({ inputs: { in: table }, outputs: { out: table } });
    expect(portTypes.batch).toEqual({ inputs: { in: table }, outputs: { out: `array<${table}>` } });
    expect(portTypes.first?.outputs.out).toBe(table);
    expect(portTypes.sink?.inputs.in).toBe(table);
  });

  it('gives each node instance its own type variables', () => {
    const w = graph(
      { src: 'test.orders', nums: 'test.numbers', f1: 'test.filter', f2: 'test.filter', sink: 'test.sum' },
      ['e1 src.out -> f1.in', 'e2 nums.out -> f2.in', 'e3 f2.out -> sink.in'],
    );
    const { problems, portTypes } = checkWorkflow(w, types);
    expect(problems).toEqual([]); // f1.out unused is fine
    expect(portTypes.f1?.outputs.out).toBe('table{id:number,name:string}');
    expect(portTypes.f2?.outputs.out).toBe('number');
  });

  it('propagates whatever the order of the edges in the file', () => {
    const w = graph(
      { src: 'test.orders', f1: 'test.filter', f2: 'test.filter', f3: 'test.filter', sink: 'test.sum' },
      ['e4 f3.out -> sink.in', 'e3 f2.out -> f3.in', 'e2 f1.out -> f2.in', 'e1 src.out -> f1.in'],
    );
    const { problems } = checkWorkflow(w, types);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'incompatible-types',
        edgeId: 'e4',
        message: 'Edge e4 from "f3.out" to "sink.in": table{id:number,name:string} does not fit number',
      }),
    ]);
  });

  it('reports a type variable bound two incompatible ways, naming the nodes', () => {
    const w = graph({ src: 'test.orders', nums: 'test.numbers', m: 'test.merge', sink: 'test.collect' }, [
      'e1 src.out -> m.a',
      'e2 nums.out -> m.b',
      'e3 m.out -> sink.in',
    ]);
    const { problems } = checkWorkflow(w, types);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'incompatible-types', nodeId: 'm', edgeId: 'e2', port: 'b' });
    expect(problems[0]!.message).toBe(
      'Node "m": type variable T is table{id:number,name:string} from "src.out" (edge e1) but number from "nums.out" (edge e2); neither fits the other',
    );
  });

  it('blames the node whose variable conflicts, whatever the order of the edges', () => {
    const w = graph(
      { src: 'test.orders', nums: 'test.numbers', f: 'test.filter', m: 'test.merge', sink: 'test.collect' },
      ['e3 f.out -> m.a', 'e4 nums.out -> m.b', 'e1 src.out -> f.in', 'e5 m.out -> sink.in'],
    );
    const { problems, portTypes } = checkWorkflow(w, types);
    expect(problems).toEqual([expect.objectContaining({ code: 'incompatible-types', nodeId: 'm' })]);
    expect(problems[0]!.message).toContain('type variable T is number from "nums.out" (edge e4)');
    expect(portTypes.f?.outputs.out).toBe('table{id:number,name:string}');
  });

  it('widens a variable bound by compatible types', () => {
    const w = graph(
      { nums: 'test.numbers', f: 'test.first', batch: 'test.batch', m: 'test.merge', sink: 'test.sum' },
      [
        'e1 nums.out -> batch.in',
        'e2 batch.out -> f.in',
        'e3 f.out -> m.a',
        'e4 nums.out -> m.b',
        'e5 m.out -> sink.in',
      ],
    );
    expect(checkWorkflow(w, types).problems).toEqual([]);
  });

  it('reports three distinct problems at once, each naming node and port', () => {
    const w = graph(
      {
        src: 'test.orders',
        mystery: 'test.nope',
        sum: 'test.sum',
        nums: 'test.numbers',
        sink: 'test.collect',
      },
      ['e1 src.out -> sum.in', 'e2 nums.out -> sink.in'],
      { nums: {} },
    );
    const { problems } = checkWorkflow(w, types);
    expect(problems.map((p) => [p.code, p.nodeId, p.port ?? p.field])).toEqual(
      expect.arrayContaining([
        ['unknown-node-type', 'mystery', undefined],
        ['incompatible-types', 'sum', 'in'],
        ['bad-param', 'nums', 'count'],
      ]),
    );
    expect(problems).toHaveLength(3);
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        'Node "mystery": unknown node type "test.nope"',
        'Edge e1 from "src.out" to "sum.in": table{id:number,name:string} does not fit number',
        'Node "nums": parameter "count" is required',
      ]),
    );
  });

  it('reports unconnected required inputs, too many edges, unknown nodes and ports', () => {
    const w = graph({ a: 'test.numbers', b: 'test.numbers', sum: 'test.sum', f: 'test.filter' }, [
      'e1 a.out -> sum.in',
      'e2 b.out -> sum.in',
      'e3 a.out -> ghost.in',
      'e4 a.result -> f.in',
      'e5 b.out -> f.input',
    ]);
    const { problems } = checkWorkflow(w, types);
    expect(problems.map((p) => p.message).sort()).toEqual(
      [
        'Edge e3: its target node "ghost" does not exist',
        'Edge e4: node "a" (test.numbers) has no output "result" (its outputs: out)',
        'Edge e5: node "f" (test.filter) has no input "input" (its inputs: in)',
        'Node "sum": input "in" takes one edge but has 2 (e1, e2)',
      ].sort(),
    );
    const alone = checkWorkflow(graph({ f: 'test.filter' }, []), types).problems;
    expect(alone).toEqual([
      expect.objectContaining({
        code: 'unconnected-input',
        nodeId: 'f',
        port: 'in',
        message: 'Node "f": required input "in" (any) is not connected',
      }),
    ]);
  });

  it('reports a port type that does not parse', () => {
    const { problems } = checkWorkflow(
      graph({ o: 'test.orders', b: 'test.broken' }, ['e1 o.out -> b.in']),
      types,
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'bad-type', nodeId: 'b', port: 'in' })]);
    expect(problems[0]!.message).toContain(
      'input "in" has type "tabel{id:number}" that does not parse: unknown type "tabel"',
    );
  });

  it('refuses cycles unless a node on them allows cycles', () => {
    const plain = graph({ n: 'test.numbers', s: 'test.merge', f1: 'test.filter', f2: 'test.filter' }, [
      'e1 n.out -> s.a',
      'e2 s.out -> f1.in',
      'e3 f1.out -> f2.in',
      'e4 f2.out -> s.b',
    ]);
    const { problems } = checkWorkflow(plain, types);
    expect(problems).toEqual([expect.objectContaining({ code: 'cycle', nodeId: 'f1' })]);
    expect(problems[0]!.message).toContain('Cycle "f1" → "f2" → "s" → "f1"');

    const looped = graph({ n: 'test.numbers', loop: 'test.loop', f: 'test.filter' }, [
      'e1 n.out -> loop.in',
      'e2 loop.out -> f.in',
      'e3 f.out -> loop.again',
    ]);
    expect(checkWorkflow(looped, types).problems).toEqual([]);

    const self = graph({ f: 'test.filter' }, ['e1 f.out -> f.in']);
    expect(checkWorkflow(self, types).problems).toEqual([
      expect.objectContaining({ code: 'cycle', message: expect.stringContaining('"f" → "f"') }),
    ]);
  });

  it('uses dynamic ports and inferred output types, and shows what reaches an open input', () => {
    const w = graph(
      { src: 'test.orders', q: 'test.sql', sink: 'test.sum' },
      ['e1 src.out -> q.orders', 'e2 q.out -> sink.in'],
      { q: { inputs: [{ name: 'orders', type: 'table' }] } },
    );
    const declared = checkWorkflow(w, types);
    expect(declared.problems.map((p) => p.message)).toEqual([
      'Edge e2 from "q.out" to "sink.in": table does not fit number',
    ]);
    expect(declared.portTypes.q?.inputs.orders).toBe('table{id:number,name:string}');
    expect(declared.portTypes.q?.outputs.out).toBe('table');

    const inferred = checkWorkflow(w, types, { outputTypes: { q: { out: 'integer' } } });
    expect(inferred.problems).toEqual([]);
    expect(inferred.portTypes.q?.outputs.out).toBe('integer');

    const bad = checkWorkflow(w, types, { outputTypes: { q: { out: 'table{' } } });
    expect(bad.problems).toEqual([expect.objectContaining({ code: 'bad-type', nodeId: 'q', port: 'out' })]);

    const undeclared = checkWorkflow({ ...w, edges: w.edges.slice(1) }, types).problems;
    // A port declared by a `ports` parameter is required like any other.
    expect(undeclared.map((p) => [p.code, p.port])).toEqual([
      ['unconnected-input', 'orders'],
      ['incompatible-types', 'in'],
    ]);
  });

  it('refuses an edge capacity above the limit, naming the edge and the limit', () => {
    const w = graph({ src: 'test.orders', keep: 'test.filter' }, ['e1 src.out -> keep.in']);
    const edge = w.edges[0] as WorkflowEdge;
    edge.capacity = 65_536;
    expect(checkWorkflow(w, types).problems).toEqual([]);
    edge.capacity = 1_000_000;
    expect(checkWorkflow(w, types).problems).toEqual([
      {
        code: 'bad-limit',
        severity: 'error',
        message: 'Edge e1: capacity 1000000 is above the limit of 65,536 messages',
        edgeId: 'e1',
        field: 'capacity',
      },
    ]);
  });

  it('refuses a policy value out of the bounds the file schema has (policy.ts), naming node and field', () => {
    const w = graph({ src: 'test.orders', keep: 'test.filter' }, ['e1 src.out -> keep.in']);
    w.nodes[1]!.policy = { memoryLimitMb: 32, retries: 0, retryBackoffMaxMs: 0, timeoutMs: 0.5 };
    expect(checkWorkflow(w, types).problems).toEqual([]);
    w.nodes[1]!.policy = { memoryLimitMb: 16, retries: 1.5, retryBackoffMaxMs: -1, timeoutMs: 0 };
    expect(checkWorkflow(w, types).problems.map((p) => [p.code, p.nodeId, p.field, p.message])).toEqual([
      ['bad-limit', 'keep', 'policy.retries', 'Node "keep": policy retries 1.5 must be a whole number'],
      [
        'bad-limit',
        'keep',
        'policy.retryBackoffMaxMs',
        'Node "keep": policy retryBackoffMaxMs -1 must be at least 0 ms',
      ],
      ['bad-limit', 'keep', 'policy.timeoutMs', 'Node "keep": policy timeoutMs 0 must be more than 0 ms'],
      [
        'bad-limit',
        'keep',
        'policy.memoryLimitMb',
        'Node "keep": policy memoryLimitMb 16 must be at least 32 MB',
      ],
    ]);
    // The file schema refuses the same values.
    const text = JSON.stringify({
      ...w,
      nodes: w.nodes.map((n) => ({ ...n, policy: { memoryLimitMb: 16 } })),
    });
    expect(parseWorkflow(text).problems.map((p) => p.field)).toContain('nodes[1].policy.memoryLimitMb');
  });

  it('resolves unbound variables to any', () => {
    const w = graph({ f: 'test.first', b: 'test.batch', sink: 'test.sum' }, [
      'e1 b.out -> f.in',
      'e2 f.out -> sink.in',
    ]);
    const { portTypes, problems } = checkWorkflow(w, types);
    expect(problems.map((p) => p.code)).toEqual(['unconnected-input']);
    expect(portTypes.f?.outputs.out).toBe('any');
    expect(portTypes.b?.outputs.out).toBe('array<any>');
  });
});

describe('checkConnection', () => {
  const w = graph(
    { src: 'test.orders', keep: 'test.filter', nums: 'test.numbers', sum: 'test.sum', sink: 'test.collect' },
    ['e1 src.out -> keep.in', 'e2 nums.out -> sum.in'],
  );
  const connect = (source: string, target: string) => {
    const [s, sp] = source.split('.') as [string, string];
    const [t, tp] = target.split('.') as [string, string];
    return checkConnection(w, types, { source: s, sourcePort: sp, target: t, targetPort: tp });
  };

  it('accepts fitting wires, using the resolved generics of the graph', () => {
    expect(connect('keep.out', 'sink.in')).toEqual({ ok: true });
    expect(connect('nums.out', 'sum.weights')).toEqual({ ok: true });
    expect(connect('keep.out', 'sum.weights')).toEqual({
      ok: false,
      reason: 'table{id:number,name:string} does not fit number',
    });
  });

  it('refuses self-loops, unknown ends, a second edge into a single input and new cycles', () => {
    expect(connect('keep.out', 'keep.in')).toEqual({
      ok: false,
      reason: 'Node "keep" cannot be connected to itself',
    });
    expect(connect('ghost.out', 'sum.in')).toEqual({ ok: false, reason: 'There is no node "ghost"' });
    expect(connect('nums.result', 'sum.weights')).toEqual({
      ok: false,
      reason: 'Node "nums" has no output "result"',
    });
    expect(connect('nums.out', 'sum.nope')).toEqual({ ok: false, reason: 'Node "sum" has no input "nope"' });
    expect(connect('sum.out', 'sum.in')).toMatchObject({ ok: false });
    expect(connect('nums.out', 'sum.in')).toEqual({
      ok: false,
      reason: '"nums.out" is already connected to "sum.in"',
    });
    expect(connect('nums.out', 'keep.in')).toEqual({
      ok: false,
      reason: 'Input "keep.in" takes one edge and already has e1',
    });
    const chain = graph({ a: 'test.filter', b: 'test.filter', c: 'test.filter' }, [
      'e1 a.out -> b.in',
      'e2 b.out -> c.in',
    ]);
    expect(
      checkConnection(chain, types, { source: 'c', sourcePort: 'out', target: 'a', targetPort: 'in' }),
    ).toEqual({
      ok: false,
      reason: 'This edge would close a cycle through "a", "b", "c"',
    });
  });

  it('accepts a wire that closes a loop through a node that allows cycles', () => {
    const g = graph({ n: 'test.numbers', loop: 'test.loop', f: 'test.filter' }, [
      'e1 n.out -> loop.in',
      'e2 loop.out -> f.in',
    ]);
    expect(
      checkConnection(g, types, { source: 'f', sourcePort: 'out', target: 'loop', targetPort: 'again' }),
    ).toEqual({
      ok: true,
    });
  });

  it('refuses a wire that conflicts with a type variable bound by other edges', () => {
    const m = graph({ src: 'test.orders', nums: 'test.numbers', m: 'test.merge' }, ['e1 src.out -> m.a']);
    expect(
      checkConnection(m, types, { source: 'nums', sourcePort: 'out', target: 'm', targetPort: 'b' }),
    ).toEqual({
      ok: false,
      reason: 'number does not fit table{id:number,name:string}',
    });
  });
});
