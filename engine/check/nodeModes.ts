// The check's warnings about disabled and bypassed nodes: what each does to the run. A choice, not a
// fault: warnings, which the canvas lists without marking the node.

import type { Problem } from '../model/problem.js';
import { nodeMode, type Workflow } from '../model/workflow.js';
import { bypassRoutes, type NodePorts } from './bypass.js';

function list(items: readonly string[]): string {
  return [...new Set(items)].join(', ');
}

/** One warning per disabled or bypassed node, naming the inputs it feeds and what they get. */
export function nodeModeWarnings(w: Workflow, portTypes: Readonly<Record<string, NodePorts>>): Problem[] {
  const out: Problem[] = [];
  for (const node of w.nodes) {
    const mode = nodeMode(node);
    if (mode === 'active') continue;
    const fed = w.edges.filter((e) => e.source === node.id && e.target !== node.id);
    if (mode === 'disabled') {
      const effect = fed.length
        ? `; the inputs it feeds end without values (${list(fed.map((e) => `${e.target}.${e.targetPort}`))})`
        : '';
      out.push({
        code: 'disabled-node',
        severity: 'warning',
        message: `Node "${node.id}" is disabled: it is skipped when the workflow runs${effect}.`,
        nodeId: node.id,
      });
      continue;
    }
    const parts: string[] = [];
    for (const { output, input } of bypassRoutes(portTypes[node.id] ?? { inputs: {}, outputs: {} })) {
      const to = fed.filter((e) => e.sourcePort === output).map((e) => `${e.target}.${e.targetPort}`);
      if (to.length === 0) continue;
      parts.push(
        input
          ? `its input "${input}" goes straight to ${list(to)}`
          : `no input fits its output "${output}", so ${list(to)} ${to.length > 1 ? 'end' : 'ends'} without values`,
      );
    }
    out.push({
      code: 'bypassed-node',
      severity: 'warning',
      message: `Node "${node.id}" is bypassed: it does not run${parts.length ? `; ${parts.join('; ')}` : ''}.`,
      nodeId: node.id,
    });
  }
  return out;
}
