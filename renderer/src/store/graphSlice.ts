// The document (a Workflow from engine/model) and every edit of it. All edits go through `change`,
// which records the diff in the history slice; React Flow's nodes and edges are derived from `doc`.

import type { StateCreator } from 'zustand';
import type { NodeMode, NodePolicy, Position, Workflow } from '../../../engine/model/workflow.js';
import { emptyWorkflow } from '../../../engine/model/workflow.js';
import { nodeTypeMap, type NodeTypeInfo } from '../../../engine/model/nodeTypeInfo.js';
import { parseWorkflow } from '../../../engine/model/load.js';
import { serializeWorkflow } from '../../../engine/model/save.js';
import { checkConnection } from '../../../engine/check/index.js';
import * as edits from './edits.js';
import type { NewEdge, Selection } from './edits.js';
import type { EditorState } from './types.js';
import { clearOffset } from './placement.js';

const MODE_LABELS: Record<NodeMode, string> = { active: 'Enable', disabled: 'Disable', bypassed: 'Bypass' };

export type EditResult<T> = { ok: true; value: T } | { ok: false; message: string };

export interface ChangeOptions {
  /** Undo-step label, shown in tooltips of the undo button. */
  label: string;
  /** Edits with the same group key (until `endGroup`) undo as one step: a drag, typing in a field. */
  group?: string;
}

export interface GraphSlice {
  doc: Workflow;
  nodeTypes: NodeTypeInfo[];
  typesById: Map<string, NodeTypeInfo>;
  setNodeTypes(types: NodeTypeInfo[]): void;
  /** The one door for edits: applies `recipe`, records its diff, re-checks. */
  change(recipe: (w: Workflow) => Workflow, options: ChangeOptions): void;
  /** Called after any document change (edit, undo, redo, open). */
  afterDocChange(): void;
  /** `group`: merge with other edits of one gesture into one undo step (quick-add + connect). */
  addNode(type: string, position: Position, group?: string): EditResult<string>;
  moveNodes(positions: ReadonlyMap<string, Position>, dragging: boolean): void;
  connect(edge: NewEdge, group?: string): EditResult<string>;
  deleteSelection(): void;
  /** Removes edges (`group`: as part of a larger gesture, such as inserting a node into an edge). */
  removeEdges(edgeIds: readonly string[], group?: string): void;
  setParam(nodeId: string, key: string, value: unknown, group?: string): void;
  renameNode(nodeId: string, label: string): void;
  setPolicy(nodeId: string, policy: NodePolicy): void;
  /** Disables, bypasses or enables nodes: one undo step. */
  setNodeMode(nodeIds: readonly string[], mode: NodeMode): void;
  addNote(position: Position): string;
  setNoteText(noteId: string, text: string): void;
  renameWorkflow(name: string): void;
  duplicateSelection(): void;
  /** The selection as workflow JSON text (what Copy puts on the clipboard); null when empty. */
  copySelection(): string | null;
  /**
   * Merges workflow JSON text (paste; `fromFile` names the file of an import) at `at`, clear of the
   * nodes already there. Malformed text is refused and the graph left as is.
   */
  pasteText(text: string, at?: Position, label?: string, fromFile?: string): EditResult<Selection>;
  applyPositions(positions: ReadonlyMap<string, Position>, label: string): void;
}

function withGroup(options: ChangeOptions, group: string | undefined): ChangeOptions {
  return group === undefined ? options : { ...options, group };
}

export const createGraphSlice: StateCreator<EditorState, [], [], GraphSlice> = (set, get) => ({
  doc: emptyWorkflow(),
  nodeTypes: [],
  typesById: new Map(),
  setNodeTypes(types) {
    set({ nodeTypes: types, typesById: nodeTypeMap(types) });
    get().clearNotices('host');
    get().afterDocChange();
  },
  change(recipe, { label, group }) {
    const before = get().doc;
    const after = recipe(before);
    if (after === before) return;
    set({ doc: after });
    get().clearNotices('edit');
    get().record(before, after, label, group);
    get().afterDocChange();
  },
  afterDocChange() {
    get().pruneSelection();
    get().scheduleCheck();
  },
  addNode(type, position, group) {
    const info = get().typesById.get(type);
    if (!info) return { ok: false, message: `Unknown node type "${type}".` };
    let id = '';
    get().change(
      (w) => {
        const r = edits.addNode(w, info, position);
        id = r.id;
        return r.doc;
      },
      withGroup({ label: `Add ${info.title}` }, group),
    );
    get().select({ nodes: [id], edges: [], notes: [] });
    return { ok: true, value: id };
  },
  moveNodes(positions, dragging) {
    // One drag is one undo step: the group key stays the same until the drag ends.
    get().change((w) => edits.moveNodes(w, positions), { label: 'Move', group: 'drag' });
    if (!dragging) get().endGroup();
  },
  connect(edge, group) {
    const { doc, typesById } = get();
    const verdict = checkConnection(doc, typesById, edge);
    if (!verdict.ok) return { ok: false, message: verdict.reason };
    let id = '';
    get().change(
      (w) => {
        const r = edits.connect(w, edge);
        id = r.id;
        return r.doc;
      },
      withGroup({ label: 'Connect' }, group),
    );
    return { ok: true, value: id };
  },
  deleteSelection() {
    const sel = get().selection;
    if (sel.nodes.length + sel.edges.length + sel.notes.length === 0) return;
    get().change((w) => edits.removeElements(w, sel), { label: 'Delete' });
  },
  removeEdges(edgeIds, group) {
    get().change(
      (w) => edits.removeElements(w, { nodes: [], edges: [...edgeIds], notes: [] }),
      withGroup({ label: 'Delete' }, group),
    );
  },
  setParam(nodeId, key, value, group) {
    get().change((w) => edits.setParam(w, nodeId, key, value), withGroup({ label: `Edit ${key}` }, group));
  },
  renameNode(nodeId, label) {
    get().change((w) => edits.renameNode(w, nodeId, label), { label: 'Rename' });
  },
  setPolicy(nodeId, policy) {
    get().change((w) => edits.setPolicy(w, nodeId, policy), { label: 'Edit policy' });
  },
  setNodeMode(nodeIds, mode) {
    get().change((w) => edits.setNodeMode(w, nodeIds, mode), { label: MODE_LABELS[mode] });
  },
  addNote(position) {
    let id = '';
    get().change(
      (w) => {
        const r = edits.addNote(w, position);
        id = r.id;
        return r.doc;
      },
      { label: 'Add note' },
    );
    get().select({ nodes: [], edges: [], notes: [id] });
    return id;
  },
  setNoteText(noteId, text) {
    get().change((w) => edits.updateNote(w, noteId, { text }), {
      label: 'Edit note',
      group: `note:${noteId}`,
    });
  },
  renameWorkflow(name) {
    const trimmed = name.trim();
    if (trimmed === '') return;
    get().change((w) => ({ ...w, name: trimmed }), { label: 'Rename workflow' });
  },
  duplicateSelection() {
    const { doc, selection } = get();
    const part = edits.extractSelection(doc, selection);
    if (part.nodes.length === 0 && (part.notes ?? []).length === 0) return;
    let added: Selection = { nodes: [], edges: [], notes: [] };
    get().change(
      (w) => {
        const r = edits.mergeWorkflow(w, part, clearOffset(w, part, get().typesById, undefined));
        added = r.added;
        return r.doc;
      },
      { label: 'Duplicate' },
    );
    get().select(added);
  },
  copySelection() {
    const { doc, selection } = get();
    const part = edits.extractSelection(doc, selection);
    if (part.nodes.length === 0 && (part.notes ?? []).length === 0) return null;
    return serializeWorkflow(part);
  },
  pasteText(text, at, label = 'Paste', fromFile) {
    const parsed = parseWorkflow(text);
    if (!parsed.workflow) {
      const first = parsed.problems[0];
      const reason = first ? first.message : 'it is not a workflow';
      return {
        ok: false,
        message:
          fromFile === undefined
            ? `Cannot paste: the clipboard does not hold a Sluice workflow (${reason}).`
            : `Cannot import ${fromFile}: not a Sluice workflow file: ${reason}`,
      };
    }
    const incoming = parsed.workflow;
    const offset = clearOffset(get().doc, incoming, get().typesById, at);
    let added: Selection = { nodes: [], edges: [], notes: [] };
    get().change(
      (w) => {
        const r = edits.mergeWorkflow(w, incoming, offset);
        added = r.added;
        return r.doc;
      },
      { label },
    );
    get().select(added);
    return { ok: true, value: added };
  },
  applyPositions(positions, label) {
    get().change((w) => edits.moveNodes(w, positions), { label });
  },
});
