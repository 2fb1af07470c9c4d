// Auto-layout with elkjs (layered, left to right, ports in their declared order). Takes the document
// and node sizes, returns new positions; the store applies them as one undoable edit.

import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { NodeTypeInfo } from '../../../engine/model/nodeTypeInfo.js';
import { resolvePorts } from '../../../engine/model/nodeTypeInfo.js';
import type { Position, Workflow } from '../../../engine/model/workflow.js';
import { NODE_WIDTH, nodeHeight } from './layoutMetrics.js';

export async function autoLayout(
  doc: Workflow,
  typesById: ReadonlyMap<string, NodeTypeInfo>,
): Promise<Map<string, Position>> {
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
    },
    children: doc.nodes.map((n) => {
      const info = typesById.get(n.type);
      const ports = info ? resolvePorts(info, n.params) : { inputs: [], outputs: [] };
      return {
        id: n.id,
        width: NODE_WIDTH,
        height: nodeHeight(ports.inputs.length, ports.outputs.length),
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          ...ports.inputs.map((p, i) => ({
            id: `${n.id}\u0000in\u0000${p.name}`,
            layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': String(i) },
          })),
          ...ports.outputs.map((p, i) => ({
            id: `${n.id}\u0000out\u0000${p.name}`,
            layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) },
          })),
        ],
      };
    }),
    edges: doc.edges.map((e) => ({
      id: e.id,
      sources: [`${e.source}\u0000out\u0000${e.sourcePort}`],
      targets: [`${e.target}\u0000in\u0000${e.targetPort}`],
    })),
  };
  // Edges whose ports do not exist (unknown types) would make ELK throw: leave them out.
  const portIds = new Set(graph.children!.flatMap((c) => (c.ports ?? []).map((p) => p.id)));
  graph.edges = graph.edges!.filter((e) => portIds.has(e.sources[0]!) && portIds.has(e.targets[0]!));
  // ELK is 1.5 MB: loaded on first use, not with the editor.
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const result = await new ELK().layout(graph);
  const positions = new Map<string, Position>();
  for (const child of result.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return positions;
}
