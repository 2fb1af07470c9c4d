// What the host tells a worker about its node: type, parameters with defaults, port types, its
// input and output edges (none to or from a disabled node), folders and policy.

import { applyParamDefaults } from '../../model/params.js';
import { nodeMode, type Workflow, type WorkflowNode } from '../../model/workflow.js';
import type { RegisteredNode } from '../../nodes/registry.js';
import type { NodeAssignment } from '../common/protocol.js';

export interface AssignmentInput {
  runId: string;
  runDir: string;
  baseDir: string;
  workflow: Workflow;
  node: WorkflowNode;
  registered: RegisteredNode;
  portTypes: Record<string, { inputs: Record<string, string>; outputs: Record<string, string> }>;
  shared: ReadonlyMap<string, unknown>;
  defaultCapacity: number;
}

export function buildAssignment(a: AssignmentInput): NodeAssignment {
  const { node, registered, workflow } = a;
  // A disabled node gets no process: its edges carry nothing, so an input fed only by disabled
  // nodes has no edges and ends at once. (Bypassed nodes have no edges left: bypass.ts.)
  const disabled = new Set(workflow.nodes.filter((n) => nodeMode(n) !== 'active').map((n) => n.id));
  return {
    runId: a.runId,
    nodeId: node.id,
    type: node.type,
    ...(registered.modulePath ? { modulePath: registered.modulePath } : {}),
    params: applyParamDefaults(registered.definition, node.params),
    types: a.portTypes[node.id] ?? { inputs: {}, outputs: {} },
    inputs: workflow.edges
      .filter((e) => e.target === node.id && !disabled.has(e.source))
      .map((e) => ({ edgeId: e.id, port: e.targetPort, capacity: e.capacity ?? a.defaultCapacity })),
    outputs: workflow.edges
      .filter((e) => e.source === node.id && !disabled.has(e.target))
      .map((e) => ({ edgeId: e.id, port: e.sourcePort })),
    runDir: a.runDir,
    baseDir: a.baseDir,
    policy: node.policy ?? {},
    ...(a.shared.has(node.id) ? { inferred: a.shared.get(node.id) } : {}),
  };
}

/** The socket paths of a node's output edges' receivers, by edge id (the worker's `start`). */
export function outputTargets(
  workflow: Workflow,
  nodeId: string,
  socketOf: (nodeId: string) => string | undefined,
): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const e of workflow.edges) {
    const target = e.source === nodeId ? socketOf(e.target) : undefined;
    if (target) targets[e.id] = target;
  }
  return targets;
}
