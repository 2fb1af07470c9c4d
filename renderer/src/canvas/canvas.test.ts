import { describe, expect, it } from 'vitest';
import type { NodeTypeInfo } from '../../../engine/model/nodeTypeInfo.js';
import type { Workflow } from '../../../engine/model/workflow.js';
import { EMPTY_SELECTION } from '../store/edits.js';
import { autoLayout } from './layout.js';
import { FlowDeriver, type DeriveInput, type SluiceFlowNode } from './derive.js';
import { fittingEdge } from './fit.js';
import { NODE_WIDTH, nodeHeight } from './layoutMetrics.js';
import { displayType, typeFamily } from './typeFamily.js';

const TYPES = new Map<string, NodeTypeInfo>(
  [
    {
      type: 't.num',
      title: 'Numbers',
      category: 'Sources',
      description: '',
      inputs: [],
      outputs: [{ name: 'out', type: 'number' }],
      params: [],
    },
    {
      type: 't.rows',
      title: 'Rows',
      category: 'Sources',
      description: '',
      inputs: [],
      outputs: [{ name: 'table', type: 'table{id:number}' }],
      params: [],
    },
    {
      type: 't.pair',
      title: 'Pair',
      category: 'Transform',
      description: '',
      inputs: [
        { name: 'table', type: 'table' },
        { name: 'n', type: 'number' },
      ],
      outputs: [{ name: 'out', type: 'json' }],
      params: [],
    },
  ].map((t) => [t.type, t as NodeTypeInfo]),
);

const DOC: Workflow = {
  sluice: 1,
  name: 'x',
  nodes: [
    { id: 'pair1', type: 't.pair', params: {}, position: { x: 0, y: 0 } },
    { id: 'num1', type: 't.num', params: {}, position: { x: 0, y: 0 } },
    { id: 'rows1', type: 't.rows', params: {}, position: { x: 0, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'num1', sourcePort: 'out', target: 'pair1', targetPort: 'n' },
    { id: 'e2', source: 'rows1', sourcePort: 'table', target: 'pair1', targetPort: 'table' },
  ],
};

describe('canvas', () => {
  it('auto-layout puts sources left of their targets, without overlaps', async () => {
    const pos = await autoLayout(DOC, TYPES);
    expect(pos.get('num1')!.x + NODE_WIDTH).toBeLessThan(pos.get('pair1')!.x);
    expect(pos.get('rows1')!.x + NODE_WIDTH).toBeLessThan(pos.get('pair1')!.x);
    const [a, b] = [pos.get('num1')!, pos.get('rows1')!];
    expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual(nodeHeight(0, 1));
  });

  it('quick-add finds the port that fits a dropped wire, and none when nothing fits', () => {
    const from = { nodeId: 'rows1', port: 'table', side: 'source' as const };
    expect(fittingEdge(DOC, TYPES, TYPES.get('t.pair')!, from)?.port).toBe('table');
    expect(fittingEdge(DOC, TYPES, TYPES.get('t.num')!, from)).toBeNull();
    const into = { nodeId: 'pair1', port: 'n', side: 'target' as const };
    expect(fittingEdge({ ...DOC, edges: [] }, TYPES, TYPES.get('t.num')!, into)?.port).toBe('out');
  });

  it('derives flow nodes with sizes and handles up front, reusing unchanged ones', () => {
    const deriver = new FlowDeriver();
    const input: DeriveInput = {
      doc: DOC,
      selection: EMPTY_SELECTION,
      typesById: TYPES,
      portTypes: {},
      faultyNodes: new Set(),
      faultyEdges: new Set(),
    };
    const first = deriver.nodes(input) as SluiceFlowNode[];
    const pair = first[0]!;
    expect([pair.width, pair.height]).toEqual([NODE_WIDTH, nodeHeight(2, 1)]);
    expect(pair.handles?.map((h) => `${h.type}:${h.id}`)).toEqual(['target:table', 'target:n', 'source:out']);
    const moved = {
      ...DOC,
      nodes: [DOC.nodes[0]!, { ...DOC.nodes[1]!, position: { x: 5, y: 5 } }, DOC.nodes[2]!],
    };
    const second = deriver.nodes({
      ...input,
      doc: moved,
      selection: { ...EMPTY_SELECTION, nodes: ['rows1'] },
    });
    expect(second[0]).toBe(first[0]); // untouched: same object, React Flow skips it
    expect(second[1]).not.toBe(first[1]);
    expect(second[2]!.selected).toBe(true);
  });

  it('colours ports by type family', () => {
    expect(
      ['number', 'integer', 'table{id:number}', 'array<T>', 'T', 'json', 'timestamp'].map(typeFamily),
    ).toEqual(['number', 'number', 'table', 'array', 'generic', 'json', 'time']);
  });

  it('shows a wide table type one column per line, short ones as written', () => {
    expect(displayType('table{date:date,"temp max":number,weather:string}')).toBe(
      'table{\n  date: date,\n  "temp max": number,\n  weather: string\n}',
    );
    expect(displayType('table{id:number}')).toBe('table{id:number}');
    expect(displayType('array<T>')).toBe('array<T>');
    expect(displayType('not a type (')).toBe('not a type (');
  });
});
