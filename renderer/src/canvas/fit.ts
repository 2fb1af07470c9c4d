// Which node types fit a dragged wire: tried for real with the graph check, on the document with
// the candidate node added, so generics and `multi` inputs answer exactly as drawing the edge would.

import type { NodeTypeInfo } from '../../../engine/model/nodeTypeInfo.js';
import { resolvePorts } from '../../../engine/model/nodeTypeInfo.js';
import type { Workflow } from '../../../engine/model/workflow.js';
import { checkConnection } from '../../../engine/check/index.js';
import { addNode, type NewEdge } from '../store/edits.js';

export interface WireEnd {
  nodeId: string;
  port: string;
  /** The end the wire was dragged from: an output (`source`) or an input (`target`). */
  side: 'source' | 'target';
}

/** The edge that would join a new node of type `info` to `from`, or null when no port fits. */
export function fittingEdge(
  doc: Workflow,
  typesById: ReadonlyMap<string, NodeTypeInfo>,
  info: NodeTypeInfo,
  from: WireEnd,
): { edge: NewEdge; port: string } | null {
  const { doc: withNode, id } = addNode(doc, info, { x: 0, y: 0 });
  const ports = resolvePorts(info, withNode.nodes.at(-1)!.params);
  const candidates = from.side === 'source' ? ports.inputs : ports.outputs;
  for (const p of candidates) {
    const edge: NewEdge =
      from.side === 'source'
        ? { source: from.nodeId, sourcePort: from.port, target: id, targetPort: p.name }
        : { source: id, sourcePort: p.name, target: from.nodeId, targetPort: from.port };
    if (checkConnection(withNode, typesById, edge).ok) return { edge, port: p.name };
  }
  return null;
}

/** The ports by which a new node of type `info` could sit in the middle of edge `edgeId`. */
export function insertionPorts(
  doc: Workflow,
  typesById: ReadonlyMap<string, NodeTypeInfo>,
  info: NodeTypeInfo,
  edgeId: string,
): { input: string; output: string } | null {
  const edge = doc.edges.find((e) => e.id === edgeId);
  if (!edge) return null;
  const without = { ...doc, edges: doc.edges.filter((e) => e.id !== edgeId) };
  const input = fittingEdge(without, typesById, info, {
    nodeId: edge.source,
    port: edge.sourcePort,
    side: 'source',
  });
  const output = fittingEdge(without, typesById, info, {
    nodeId: edge.target,
    port: edge.targetPort,
    side: 'target',
  });
  return input && output ? { input: input.port, output: output.port } : null;
}

/** Case-insensitive match on title, type id, category and description. */
export function matchesSearch(info: NodeTypeInfo, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return [info.title, info.type, info.category, info.description].some((s) => s.toLowerCase().includes(q));
}
