// Resolved port types from the graph check, kept stable across checks: an entry that did not change
// keeps its object identity, so the canvas re-renders only nodes whose types actually changed.

import type { PortTypes } from '../../../engine/check/index.js';

export type NodePortTypes = PortTypes[string];
export type PortTypesView = PortTypes;

export function nodePortTypes(all: PortTypesView, nodeId: string): NodePortTypes | undefined {
  return all[nodeId];
}

function sameStrings(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

export function stabilizePortTypes(prev: PortTypes, next: PortTypes): PortTypes {
  const out: PortTypes = {};
  for (const [id, entry] of Object.entries(next)) {
    const old = prev[id];
    out[id] =
      old && sameStrings(old.inputs, entry.inputs) && sameStrings(old.outputs, entry.outputs) ? old : entry;
  }
  return out;
}
