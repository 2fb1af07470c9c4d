// What changed in a workflow between two runs: nodes added, removed or changed (type, label,
// parameters, policy, disabled, bypassed), edges added or removed. Pure: the runs panel's comparison shows it.

import type { Workflow, WorkflowNode } from './workflow.js';

export type WorkflowChange =
  | { kind: 'node-added'; nodeId: string }
  | { kind: 'node-removed'; nodeId: string }
  | { kind: 'node-changed'; nodeId: string; fields: string[] }
  | { kind: 'edge-added'; edgeId: string; from: string; to: string }
  | { kind: 'edge-removed'; edgeId: string; from: string; to: string }
  | { kind: 'renamed'; from: string; to: string };

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of a node that changed; `params.KEY` per parameter. Position is layout, not a change. */
function changedFields(a: WorkflowNode, b: WorkflowNode): string[] {
  const fields: string[] = [];
  if (a.type !== b.type) fields.push('type');
  if ((a.label ?? '') !== (b.label ?? '')) fields.push('label');
  if ((a.disabled ?? false) !== (b.disabled ?? false)) fields.push('disabled');
  if ((a.bypassed ?? false) !== (b.bypassed ?? false)) fields.push('bypassed');
  if (!same(a.policy, b.policy)) fields.push('policy');
  const keys = new Set([...Object.keys(a.params), ...Object.keys(b.params)]);
  for (const k of [...keys].sort()) if (!same(a.params[k], b.params[k])) fields.push(`params.${k}`);
  return fields;
}

/** Changes from `before` to `after`, in a stable order (by id). */
export function diffWorkflows(before: Workflow, after: Workflow): WorkflowChange[] {
  const out: WorkflowChange[] = [];
  if (before.name !== after.name) out.push({ kind: 'renamed', from: before.name, to: after.name });
  const was = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  for (const id of [...new Set([...was.keys(), ...now.keys()])].sort()) {
    const a = was.get(id);
    const b = now.get(id);
    if (!a) out.push({ kind: 'node-added', nodeId: id });
    else if (!b) out.push({ kind: 'node-removed', nodeId: id });
    else {
      const fields = changedFields(a, b);
      if (fields.length > 0) out.push({ kind: 'node-changed', nodeId: id, fields });
    }
  }
  const key = (e: Workflow['edges'][number]) => `${e.source}.${e.sourcePort}→${e.target}.${e.targetPort}`;
  const wasEdges = new Map(before.edges.map((e) => [key(e), e]));
  const nowEdges = new Map(after.edges.map((e) => [key(e), e]));
  for (const [k, e] of [...wasEdges].sort(([x], [y]) => x.localeCompare(y)))
    if (!nowEdges.has(k))
      out.push({
        kind: 'edge-removed',
        edgeId: e.id,
        from: `${e.source}.${e.sourcePort}`,
        to: `${e.target}.${e.targetPort}`,
      });
  for (const [k, e] of [...nowEdges].sort(([x], [y]) => x.localeCompare(y)))
    if (!wasEdges.has(k))
      out.push({
        kind: 'edge-added',
        edgeId: e.id,
        from: `${e.source}.${e.sourcePort}`,
        to: `${e.target}.${e.targetPort}`,
      });
  return out;
}

/** One change as a sentence. */
export function describeChange(c: WorkflowChange): string {
  switch (c.kind) {
    case 'renamed':
      return `renamed “${c.from}” → “${c.to}”`;
    case 'node-added':
      return `node ${c.nodeId} added`;
    case 'node-removed':
      return `node ${c.nodeId} removed`;
    case 'node-changed':
      return `node ${c.nodeId}: ${c.fields.join(', ')} changed`;
    case 'edge-added':
      return `edge ${c.from} → ${c.to} added`;
    case 'edge-removed':
      return `edge ${c.from} → ${c.to} removed`;
  }
}
