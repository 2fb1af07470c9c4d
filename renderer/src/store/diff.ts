// Recorded diffs of the Workflow document (the tldraw HistoryManager idea): every edit is stored as
// the records it added, updated and removed, so undo applies the reverse diff instead of a
// hand-written inverse per operation. Records are compared by reference: unchanged nodes keep their
// object identity, which keeps diffing a 1,000-node graph cheap.

import type { Workflow, WorkflowEdge, WorkflowNode, WorkflowNote } from '../../../engine/model/workflow.js';

interface Identified {
  id: string;
}

export interface RecordsDiff<R extends Identified> {
  added: Record<string, R>;
  updated: Record<string, [from: R, to: R]>;
  removed: Record<string, R>;
  /** Id sequence before and after, present when it changed (adds, removes, reordering). */
  order?: [before: string[], after: string[]];
}

/** Document fields that are not records. `notes` is listed so its presence in the file round-trips. */
type MetaKey = 'name' | 'description' | 'viewport' | 'notesPresent';
type MetaValues = {
  name: Workflow['name'];
  description: Workflow['description'];
  viewport: Workflow['viewport'];
  notesPresent: boolean;
};

export interface WorkflowDiff {
  nodes: RecordsDiff<WorkflowNode>;
  edges: RecordsDiff<WorkflowEdge>;
  notes: RecordsDiff<WorkflowNote>;
  meta: { [K in MetaKey]?: [from: MetaValues[K], to: MetaValues[K]] };
}

function diffRecords<R extends Identified>(before: readonly R[], after: readonly R[]): RecordsDiff<R> {
  const diff: RecordsDiff<R> = { added: {}, updated: {}, removed: {} };
  if (before === after) return diff;
  const beforeById = new Map(before.map((r) => [r.id, r]));
  const afterIds = new Set<string>();
  let sameOrder = before.length === after.length;
  after.forEach((r, i) => {
    afterIds.add(r.id);
    if (sameOrder && before[i]!.id !== r.id) sameOrder = false;
    const old = beforeById.get(r.id);
    if (old === undefined) diff.added[r.id] = r;
    else if (old !== r && !sameRecord(old, r)) diff.updated[r.id] = [old, r];
  });
  for (const r of before) if (!afterIds.has(r.id)) diff.removed[r.id] = r;
  if (!sameOrder) diff.order = [before.map((r) => r.id), after.map((r) => r.id)];
  return diff;
}

/** Structural equality for plain JSON records (an edit that sets the same value records nothing). */
function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameRecord((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function metaOf(w: Workflow): MetaValues {
  return {
    name: w.name,
    description: w.description,
    viewport: w.viewport,
    notesPresent: w.notes !== undefined,
  };
}

export function diffWorkflow(before: Workflow, after: Workflow): WorkflowDiff {
  const meta: WorkflowDiff['meta'] = {};
  const mb = metaOf(before);
  const ma = metaOf(after);
  for (const key of Object.keys(mb) as MetaKey[]) {
    if (!sameRecord(mb[key], ma[key]))
      (meta as Record<MetaKey, [unknown, unknown]>)[key] = [mb[key], ma[key]];
  }
  return {
    nodes: diffRecords(before.nodes, after.nodes),
    edges: diffRecords(before.edges, after.edges),
    notes: diffRecords(before.notes ?? [], after.notes ?? []),
    meta,
  };
}

function isEmptyRecords(d: RecordsDiff<Identified>): boolean {
  return (
    Object.keys(d.added).length === 0 &&
    Object.keys(d.updated).length === 0 &&
    Object.keys(d.removed).length === 0 &&
    d.order === undefined
  );
}

export function isEmptyDiff(d: WorkflowDiff): boolean {
  return (
    isEmptyRecords(d.nodes) &&
    isEmptyRecords(d.edges) &&
    isEmptyRecords(d.notes) &&
    Object.keys(d.meta).length === 0
  );
}

function invertRecords<R extends Identified>(d: RecordsDiff<R>): RecordsDiff<R> {
  const updated: Record<string, [R, R]> = {};
  for (const [id, [from, to]] of Object.entries(d.updated)) updated[id] = [to, from];
  const inv: RecordsDiff<R> = { added: d.removed, updated, removed: d.added };
  if (d.order) inv.order = [d.order[1], d.order[0]];
  return inv;
}

export function invertDiff(d: WorkflowDiff): WorkflowDiff {
  const meta: WorkflowDiff['meta'] = {};
  for (const [key, pair] of Object.entries(d.meta) as Array<[MetaKey, [unknown, unknown]]>) {
    (meta as Record<MetaKey, [unknown, unknown]>)[key] = [pair[1], pair[0]];
  }
  return {
    nodes: invertRecords(d.nodes),
    edges: invertRecords(d.edges),
    notes: invertRecords(d.notes),
    meta,
  };
}

function applyRecords<R extends Identified>(list: readonly R[], d: RecordsDiff<R>): R[] {
  if (isEmptyRecords(d)) return list as R[];
  const byId = new Map(list.map((r) => [r.id, r]));
  for (const id of Object.keys(d.removed)) byId.delete(id);
  for (const [id, [, to]] of Object.entries(d.updated)) if (byId.has(id)) byId.set(id, to);
  for (const [id, r] of Object.entries(d.added)) byId.set(id, r);
  if (!d.order) {
    // Updates only: keep positions; new records (none without an order) would go last.
    return list.filter((r) => byId.has(r.id)).map((r) => byId.get(r.id)!);
  }
  const out: R[] = [];
  for (const id of d.order[1]) {
    const r = byId.get(id);
    if (r) {
      out.push(r);
      byId.delete(id);
    }
  }
  // Records the diff does not know about (added concurrently) stay, at the end.
  for (const r of byId.values()) out.push(r);
  return out;
}

/** Applies a diff to the current document (not to a snapshot), returning a new document. */
export function applyDiff(w: Workflow, d: WorkflowDiff): Workflow {
  const next: Workflow = {
    ...w,
    nodes: applyRecords(w.nodes, d.nodes),
    edges: applyRecords(w.edges, d.edges),
  };
  const notes = applyRecords(w.notes ?? [], d.notes);
  const notesPresent = d.meta.notesPresent
    ? d.meta.notesPresent[1]
    : w.notes !== undefined || notes.length > 0;
  if (notesPresent) next.notes = notes;
  else delete next.notes;
  if (d.meta.name) next.name = d.meta.name[1];
  if (d.meta.description) setOptional(next, 'description', d.meta.description[1]);
  if (d.meta.viewport) setOptional(next, 'viewport', d.meta.viewport[1]);
  return next;
}

function setOptional<K extends 'description' | 'viewport'>(w: Workflow, key: K, value: Workflow[K]): void {
  if (value === undefined) delete w[key];
  else w[key] = value;
}
