// React Flow nodes and edges derived from the Workflow document. Each flow node object is reused
// while its inputs (the workflow node record, its type, its selection and fault marks, its resolved
// port types) are the same objects, so React Flow and the memoized node components skip unchanged
// nodes: one edit re-renders one node, not a thousand.

import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type { Workflow, WorkflowNode, WorkflowNote } from '../../../engine/model/workflow.js';
import type { NodeTypeInfo, PortSpec } from '../../../engine/model/nodeTypeInfo.js';
import { resolvePorts } from '../../../engine/model/nodeTypeInfo.js';
import type { Selection } from '../store/edits.js';
import { HANDLE_SIZE, NODE_WIDTH, handleCenter, nodeHeight } from './layoutMetrics.js';
import { nodePortTypes, type NodePortTypes, type PortTypesView } from './portTypes.js';

export type FlowNodeData = {
  node: WorkflowNode;
  /** Undefined when the host does not know the type (shown as an unknown node). */
  info: NodeTypeInfo | undefined;
  inputs: PortSpec[];
  outputs: PortSpec[];
  /** Resolved port types (generics substituted by the graph check), by port name. */
  types: NodePortTypes | undefined;
  faulty: boolean;
};
export type NoteNodeData = { note: WorkflowNote };

export type SluiceFlowNode = Node<FlowNodeData, 'sluice'>;
export type NoteFlowNode = Node<NoteNodeData, 'note'>;
export type AnyFlowNode = SluiceFlowNode | NoteFlowNode;

/** Note ids live in their own namespace on the canvas: workflow ids never contain ':'. */
export const NOTE_PREFIX = 'note:';

export interface DeriveInput {
  doc: Workflow;
  selection: Selection;
  typesById: ReadonlyMap<string, NodeTypeInfo>;
  portTypes: PortTypesView;
  faultyNodes: ReadonlySet<string>;
  faultyEdges: ReadonlySet<string>;
}

interface NodeCacheEntry {
  node: WorkflowNode;
  info: NodeTypeInfo | undefined;
  selected: boolean;
  faulty: boolean;
  types: NodePortTypes | undefined;
  flow: SluiceFlowNode;
}

function handlesOf(inputs: PortSpec[], outputs: PortSpec[]): NodeHandle[] {
  const handle = (p: PortSpec, i: number, side: 'in' | 'out'): NodeHandle => {
    const c = handleCenter(side, i);
    return {
      id: p.name,
      type: side === 'in' ? 'target' : 'source',
      position: side === 'in' ? Position.Left : Position.Right,
      x: c.x - HANDLE_SIZE / 2,
      y: c.y - HANDLE_SIZE / 2,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    };
  };
  return [...inputs.map((p, i) => handle(p, i, 'in')), ...outputs.map((p, i) => handle(p, i, 'out'))];
}

export class FlowDeriver {
  private nodeCache = new Map<string, NodeCacheEntry>();
  private noteCache = new Map<string, { note: WorkflowNote; selected: boolean; flow: NoteFlowNode }>();
  private edgeCache = new Map<
    string,
    { edge: Workflow['edges'][number]; selected: boolean; faulty: boolean; flow: Edge }
  >();

  nodes(input: DeriveInput): AnyFlowNode[] {
    const selected = new Set(input.selection.nodes);
    const nextCache = new Map<string, NodeCacheEntry>();
    const out: AnyFlowNode[] = [];
    for (const node of input.doc.nodes) {
      const info = input.typesById.get(node.type);
      const isSelected = selected.has(node.id);
      const faulty = input.faultyNodes.has(node.id);
      const types = nodePortTypes(input.portTypes, node.id);
      const cached = this.nodeCache.get(node.id);
      let entry: NodeCacheEntry;
      if (
        cached &&
        cached.node === node &&
        cached.info === info &&
        cached.selected === isSelected &&
        cached.faulty === faulty &&
        cached.types === types
      ) {
        entry = cached;
      } else {
        const ports = info ? resolvePorts(info, node.params) : { inputs: [], outputs: [] };
        const height = nodeHeight(ports.inputs.length, ports.outputs.length);
        const flow: SluiceFlowNode = {
          id: node.id,
          type: 'sluice',
          position: node.position,
          selected: isSelected,
          width: NODE_WIDTH,
          height,
          // React Flow takes a re-created node's size from `measured` and counts the graph as
          // initialized (which fitView waits for) only when every node has one; a node that is
          // never mounted (off screen) or whose size did not change is never re-measured.
          measured: { width: NODE_WIDTH, height },
          handles: handlesOf(ports.inputs, ports.outputs),
          data: { node, info, inputs: ports.inputs, outputs: ports.outputs, types, faulty },
        };
        entry = { node, info, selected: isSelected, faulty, types, flow };
      }
      nextCache.set(node.id, entry);
      out.push(entry.flow);
    }
    this.nodeCache = nextCache;

    const selectedNotes = new Set(input.selection.notes);
    const nextNotes = new Map<string, { note: WorkflowNote; selected: boolean; flow: NoteFlowNode }>();
    for (const note of input.doc.notes ?? []) {
      const isSelected = selectedNotes.has(note.id);
      const cached = this.noteCache.get(note.id);
      const entry =
        cached && cached.note === note && cached.selected === isSelected
          ? cached
          : {
              note,
              selected: isSelected,
              flow: {
                id: NOTE_PREFIX + note.id,
                type: 'note' as const,
                position: note.position,
                selected: isSelected,
                width: note.width ?? 220,
                height: note.height ?? 120,
                measured: { width: note.width ?? 220, height: note.height ?? 120 },
                zIndex: -1,
                data: { note },
              },
            };
      nextNotes.set(note.id, entry);
      out.push(entry.flow);
    }
    this.noteCache = nextNotes;
    return out;
  }

  edges(input: DeriveInput): Edge[] {
    const selected = new Set(input.selection.edges);
    const next = new Map<
      string,
      { edge: Workflow['edges'][number]; selected: boolean; faulty: boolean; flow: Edge }
    >();
    const out: Edge[] = [];
    for (const edge of input.doc.edges) {
      const isSelected = selected.has(edge.id);
      const faulty = input.faultyEdges.has(edge.id);
      const cached = this.edgeCache.get(edge.id);
      const entry =
        cached && cached.edge === edge && cached.selected === isSelected && cached.faulty === faulty
          ? cached
          : {
              edge,
              selected: isSelected,
              faulty,
              flow: {
                id: edge.id,
                source: edge.source,
                sourceHandle: edge.sourcePort,
                target: edge.target,
                targetHandle: edge.targetPort,
                selected: isSelected,
                className: faulty ? 'edge-faulty' : undefined,
                data: { faulty },
              } satisfies Edge,
            };
      next.set(edge.id, entry);
      out.push(entry.flow);
    }
    this.edgeCache = next;
    return out;
  }
}
