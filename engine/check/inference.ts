// Whole-graph type inference: bind every node's type variables from what flows into it, to a fixed
// point, then check each edge with the resolved types.

import type { Problem } from '../model/problem.js';
import type { WorkflowEdge } from '../model/workflow.js';
import { formatType, isAssignable, TypeBindings, type BindResult } from '../types/index.js';
import type { PreparedNode, PreparedPort } from './prepare.js';

/** An edge whose both ends are known ports. */
export interface TypedEdge {
  edge: WorkflowEdge;
  from: PreparedPort;
  to: PreparedPort;
}

export interface Inference {
  bindings: TypeBindings;
  /** Edge id → problem, for every edge whose types do not fit (conflicts included). */
  edgeProblems: Map<string, Problem>;
}

export function inferTypes(edges: readonly TypedEdge[]): Inference {
  const bindings = new TypeBindings();
  const edgeProblems = new Map<string, Problem>();
  // Widening only moves a binding up, so this ends; the cap guards against a mistake turning into a hang.
  const maxRounds = 2 * edges.length + 4;
  let conflicts: Array<{ e: TypedEdge; c: BindResult['conflicts'][number] }> = [];
  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    conflicts = [];
    for (const e of edges) {
      const r = bindings.flow(e.from.type, e.to.type, {
        edgeId: e.edge.id,
        nodeId: e.edge.source,
        port: e.edge.sourcePort,
      });
      changed ||= r.changed;
      for (const c of r.conflicts) conflicts.push({ e, c });
    }
    if (!changed) break;
  }
  for (const { e, c } of conflicts) {
    if (edgeProblems.has(e.edge.id)) continue;
    const node = c.variable.scope ?? e.edge.target;
    edgeProblems.set(e.edge.id, {
      code: 'incompatible-types',
      severity: 'error',
      message:
        `Node "${node}": type variable ${c.variable.name} is ${formatType(c.bound)} from "${c.boundBy.nodeId}.${c.boundBy.port}" (edge ${c.boundBy.edgeId}) ` +
        `but ${formatType(c.incoming)} from "${c.incomingBy.nodeId}.${c.incomingBy.port}" (edge ${c.incomingBy.edgeId}); neither fits the other`,
      nodeId: node,
      edgeId: e.edge.id,
      port: e.edge.targetPort,
    });
  }
  for (const e of edges) {
    if (edgeProblems.has(e.edge.id)) continue;
    const fit = isAssignable(bindings.finalize(e.from.type), bindings.finalize(e.to.type));
    if (fit.ok) continue;
    const { id, source, sourcePort, target, targetPort } = e.edge;
    edgeProblems.set(id, {
      code: 'incompatible-types',
      severity: 'error',
      message: `Edge ${id} from "${source}.${sourcePort}" to "${target}.${targetPort}": ${fit.reason}`,
      nodeId: target,
      edgeId: id,
      port: targetPort,
    });
  }
  return { bindings, edgeProblems };
}

/** Resolved port types of a node as canonical expressions. */
export function resolvedPortTypes(
  node: PreparedNode,
  inference: Inference,
  incoming: ReadonlyMap<string, TypedEdge[]>,
): { inputs: Record<string, string>; outputs: Record<string, string> } {
  const { bindings } = inference;
  const inputs: Record<string, string> = {};
  const outputs: Record<string, string> = {};
  for (const [name, port] of node.inputs) {
    const declared = bindings.finalize(port.type);
    inputs[name] = formatType(declared);
    // An input that takes anything (`any`, `json`, plain `table`/`record`) reports what actually
    // arrives when every edge brings the same type: a SQL node learns its input's columns this way.
    const open =
      declared.kind === 'any' ||
      declared.kind === 'json' ||
      (declared.kind === 'table' && declared.columns === null) ||
      (declared.kind === 'record' && declared.fields === null);
    const arriving = (incoming.get(`${node.node.id}\u0000${name}`) ?? []).filter(
      (e) => !inference.edgeProblems.has(e.edge.id),
    );
    if (!open || arriving.length === 0) continue;
    const kinds = new Set(arriving.map((e) => formatType(bindings.finalize(e.from.type))));
    const [only] = kinds;
    if (kinds.size === 1 && only !== undefined && only !== 'any') inputs[name] = only;
  }
  for (const [name, port] of node.outputs) outputs[name] = formatType(bindings.finalize(port.type));
  return { inputs, outputs };
}
