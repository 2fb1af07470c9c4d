// `--param NODE.KEY=VALUE` overrides of `sluice run`, applied to a copy of the workflow before its
// check. Pure: the CLI applies them before handing the run to the host service, the runtime for
// callers that start runs directly.

import type { Problem } from './problem.js';
import type { Workflow } from './workflow.js';

export interface ParamOverride {
  nodeId: string;
  key: string;
  value: unknown;
}

/** The workflow with the overrides set; a problem for each override that names no node. */
export function applyParamOverrides(
  w: Workflow,
  overrides: readonly ParamOverride[] = [],
): { workflow: Workflow; problems: Problem[] } {
  const copy: Workflow = { ...w, nodes: w.nodes.map((n) => ({ ...n, params: { ...n.params } })) };
  const problems: Problem[] = [];
  for (const o of overrides) {
    const node = copy.nodes.find((n) => n.id === o.nodeId);
    if (!node) {
      problems.push({
        code: 'unknown-node',
        severity: 'error',
        message: `--param ${o.nodeId}.${o.key}: there is no node "${o.nodeId}"`,
        nodeId: o.nodeId,
        field: o.key,
      });
    } else node.params[o.key] = o.value;
  }
  return { workflow: copy, problems };
}
