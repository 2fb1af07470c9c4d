// Pure edits of the Workflow document: each takes a document and returns a new one, sharing every
// record it did not touch (the history diff relies on that identity). The store wraps them.

import {
  nodeMode,
  type NodeMode,
  type NodePolicy,
  type Position,
  type Workflow,
  type WorkflowEdge,
  type WorkflowNode,
  type WorkflowNote,
} from '../../../engine/model/workflow.js';
import type { NodeTypeInfo } from '../../../engine/model/nodeTypeInfo.js';
import { idPrefixForType, nextId } from '../../../engine/model/ids.js';
import { applyParamDefaults } from '../../../engine/model/params.js';

export interface Selection {
  nodes: string[];
  edges: string[];
  notes: string[];
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [], notes: [] };

function allIds(w: Workflow): Set<string> {
  return new Set([
    ...w.nodes.map((n) => n.id),
    ...w.edges.map((e) => e.id),
    ...(w.notes ?? []).map((n) => n.id),
  ]);
}

export function addNode(w: Workflow, info: NodeTypeInfo, position: Position): { doc: Workflow; id: string } {
  const id = nextId(idPrefixForType(info.type), allIds(w));
  const node: WorkflowNode = {
    id,
    type: info.type,
    params: applyParamDefaults(info, {}),
    position: roundPos(position),
  };
  return { doc: { ...w, nodes: [...w.nodes, node] }, id };
}

function roundPos(p: Position): Position {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

export function moveNodes(w: Workflow, positions: ReadonlyMap<string, Position>): Workflow {
  const move = <R extends { id: string; position: Position }>(r: R): R => {
    const p = positions.get(r.id);
    if (!p) return r;
    const next = roundPos(p);
    return next.x === r.position.x && next.y === r.position.y ? r : { ...r, position: next };
  };
  const doc = { ...w, nodes: w.nodes.map(move) };
  if (w.notes) doc.notes = w.notes.map(move);
  return doc;
}

export interface NewEdge {
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

/** Adds an edge (the caller has checked it with `checkConnection`). */
export function connect(w: Workflow, e: NewEdge): { doc: Workflow; id: string } {
  const id = nextId('e', allIds(w));
  const edge: WorkflowEdge = {
    id,
    source: e.source,
    sourcePort: e.sourcePort,
    target: e.target,
    targetPort: e.targetPort,
  };
  return { doc: { ...w, edges: [...w.edges, edge] }, id };
}

/** Removes the selected records, and every edge touching a removed node. */
export function removeElements(w: Workflow, sel: Selection): Workflow {
  const nodes = new Set(sel.nodes);
  const edges = new Set(sel.edges);
  const notes = new Set(sel.notes);
  const doc: Workflow = {
    ...w,
    nodes: w.nodes.filter((n) => !nodes.has(n.id)),
    edges: w.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
  if (w.notes) doc.notes = w.notes.filter((n) => !notes.has(n.id));
  return doc;
}

function updateNode(w: Workflow, id: string, f: (n: WorkflowNode) => WorkflowNode): Workflow {
  return { ...w, nodes: w.nodes.map((n) => (n.id === id ? f(n) : n)) };
}

export function setParam(w: Workflow, nodeId: string, key: string, value: unknown): Workflow {
  return updateNode(w, nodeId, (n) => {
    const params = { ...n.params };
    if (value === undefined) delete params[key];
    else params[key] = value;
    return { ...n, params };
  });
}

export function renameNode(w: Workflow, nodeId: string, label: string): Workflow {
  return updateNode(w, nodeId, (n) => {
    const { label: _old, ...rest } = n;
    const trimmed = label.trim();
    return trimmed === '' ? rest : { ...rest, label: trimmed };
  });
}

/**
 * Sets how nodes take part in a run: active (no field), disabled (skipped) or bypassed (its input
 * passed through). One field at most: bypassing a disabled node enables it first.
 */
export function setNodeMode(w: Workflow, nodeIds: readonly string[], mode: NodeMode): Workflow {
  const ids = new Set(nodeIds);
  let changed = false;
  const nodes = w.nodes.map((n) => {
    if (!ids.has(n.id) || nodeMode(n) === mode) return n;
    changed = true;
    const { disabled: _d, bypassed: _b, ...rest } = n;
    if (mode === 'disabled') return { ...rest, disabled: true };
    if (mode === 'bypassed') return { ...rest, bypassed: true };
    return rest;
  });
  return changed ? { ...w, nodes } : w;
}

export function setPolicy(w: Workflow, nodeId: string, policy: NodePolicy): Workflow {
  const clean: NodePolicy = {};
  for (const [k, v] of Object.entries(policy) as Array<[keyof NodePolicy, NodePolicy[keyof NodePolicy]]>) {
    if (v !== undefined && v !== false) (clean as Record<string, unknown>)[k] = v;
  }
  return updateNode(w, nodeId, (n) => {
    const { policy: _old, ...rest } = n;
    return Object.keys(clean).length === 0 ? rest : { ...rest, policy: clean };
  });
}

export function addNote(w: Workflow, position: Position, text = ''): { doc: Workflow; id: string } {
  const id = nextId('note', allIds(w));
  const note: WorkflowNote = { id, text, position: roundPos(position), width: 220, height: 120 };
  return { doc: { ...w, notes: [...(w.notes ?? []), note] }, id };
}

export function updateNote(w: Workflow, id: string, patch: Partial<Omit<WorkflowNote, 'id'>>): Workflow {
  return { ...w, notes: (w.notes ?? []).map((n) => (n.id === id ? { ...n, ...patch } : n)) };
}

/** The selected nodes, the edges between them, and the selected notes, as a workflow of their own. */
export function extractSelection(w: Workflow, sel: Selection): Workflow {
  const nodes = new Set(sel.nodes);
  const notes = new Set(sel.notes);
  const out: Workflow = {
    sluice: w.sluice,
    name: w.name,
    nodes: w.nodes.filter((n) => nodes.has(n.id)),
    edges: w.edges.filter((e) => nodes.has(e.source) && nodes.has(e.target)),
  };
  const pickedNotes = (w.notes ?? []).filter((n) => notes.has(n.id));
  if (pickedNotes.length > 0) out.notes = pickedNotes;
  return out;
}

/**
 * Merges `incoming` into `w` (paste, duplicate, import): ids that clash are renamed and edges
 * follow their nodes; positions are shifted by `offset`. Returns the new ids, to select them.
 */
export function mergeWorkflow(
  w: Workflow,
  incoming: Workflow,
  offset: Position,
): { doc: Workflow; added: Selection } {
  const taken = allIds(w);
  const rename = new Map<string, string>();
  const claim = (id: string, prefix: string): string => {
    const fresh = taken.has(id) ? nextId(prefix, taken) : id;
    taken.add(fresh);
    return fresh;
  };
  const shift = (p: Position): Position => ({ x: Math.round(p.x + offset.x), y: Math.round(p.y + offset.y) });
  const nodes = incoming.nodes.map((n) => {
    const id = claim(n.id, idPrefixForType(n.type));
    rename.set(n.id, id);
    return { ...n, id, position: shift(n.position) };
  });
  const edges = incoming.edges
    .filter((e) => rename.has(e.source) && rename.has(e.target))
    .map((e) => ({
      ...e,
      id: claim(e.id, 'e'),
      source: rename.get(e.source)!,
      target: rename.get(e.target)!,
    }));
  const notes = (incoming.notes ?? []).map((n) => ({
    ...n,
    id: claim(n.id, 'note'),
    position: shift(n.position),
  }));
  const doc: Workflow = { ...w, nodes: [...w.nodes, ...nodes], edges: [...w.edges, ...edges] };
  if (notes.length > 0) doc.notes = [...(w.notes ?? []), ...notes];
  return {
    doc,
    added: { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id), notes: notes.map((n) => n.id) },
  };
}
