// Saving a workflow: canonical bytes, so the same graph always gives the same file and diffs stay
// small. Keys in a fixed order, nodes/edges/notes sorted by id, parameter keys sorted, coordinates
// rounded to 2 decimals, 2-space indent, final newline, optional fields omitted when empty.

import type { NodePolicy, Position, Workflow, WorkflowEdge, WorkflowNode, WorkflowNote } from './workflow.js';

export function serializeWorkflow(w: Workflow): string {
  const out: Record<string, unknown> = { sluice: w.sluice, name: w.name };
  if (w.description) out.description = w.description;
  out.nodes = byId(w.nodes).map(nodeOut);
  out.edges = byId(w.edges).map(edgeOut);
  if (w.notes?.length) out.notes = byId(w.notes).map(noteOut);
  if (w.viewport) {
    out.viewport = { x: round(w.viewport.x, 2), y: round(w.viewport.y, 2), zoom: round(w.viewport.zoom, 4) };
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

function byId<T extends { id: string }>(items: readonly T[]): T[] {
  // Code-unit order, not locale order: the same on every machine.
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function nodeOut(n: WorkflowNode): Record<string, unknown> {
  const out: Record<string, unknown> = { id: n.id, type: n.type };
  if (n.label !== undefined) out.label = n.label;
  if (n.disabled) out.disabled = true;
  if (n.bypassed) out.bypassed = true;
  out.params = sortKeys(n.params);
  out.position = positionOut(n.position);
  const policy = policyOut(n.policy);
  if (policy) out.policy = policy;
  return out;
}

function edgeOut(e: WorkflowEdge): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: e.id,
    source: e.source,
    sourcePort: e.sourcePort,
    target: e.target,
    targetPort: e.targetPort,
  };
  if (e.capacity !== undefined) out.capacity = e.capacity;
  return out;
}

function noteOut(n: WorkflowNote): Record<string, unknown> {
  const out: Record<string, unknown> = { id: n.id, text: n.text, position: positionOut(n.position) };
  if (n.width !== undefined) out.width = round(n.width, 2);
  if (n.height !== undefined) out.height = round(n.height, 2);
  return out;
}

function policyOut(p: NodePolicy | undefined): NodePolicy | undefined {
  if (!p) return undefined;
  const out: NodePolicy = {};
  if (p.retries !== undefined) out.retries = p.retries;
  if (p.retryBackoffMs !== undefined) out.retryBackoffMs = p.retryBackoffMs;
  if (p.retryBackoffMaxMs !== undefined) out.retryBackoffMaxMs = p.retryBackoffMaxMs;
  if (p.timeoutMs !== undefined) out.timeoutMs = p.timeoutMs;
  if (p.allowFail !== undefined) out.allowFail = p.allowFail;
  if (p.memoryLimitMb !== undefined) out.memoryLimitMb = p.memoryLimitMb;
  return Object.keys(out).length ? out : undefined;
}

function positionOut(p: Position): Position {
  return { x: round(p.x, 2), y: round(p.y, 2) };
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r; // no "-0" in the file
}

/** Plain objects get their keys sorted, recursively; arrays keep their order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}
