// The whole-graph check: every problem of a workflow at once, each naming its node, port or edge,
// and the resolved type of every port. Pure: the CLI's `validate`, the host and the canvas share it.

import { duplicateIdProblems } from '../model/ids.js';
import type { NodeTypeInfo } from '../model/nodeTypeInfo.js';
import { validateParams } from '../model/params.js';
import type { Problem } from '../model/problem.js';
import type { Workflow, WorkflowEdge } from '../model/workflow.js';
import { eraseVars, formatType, isAssignable } from '../types/index.js';
import { cyclePath, findCycles } from './cycles.js';
import { inferTypes, resolvedPortTypes, type TypedEdge } from './inference.js';
import { limitProblems } from './limits.js';
import { nodeModeWarnings } from './nodeModes.js';
import { prepareNodes, type OutputTypeOverrides, type Prepared } from './prepare.js';

export interface CheckOptions {
  /** nodeId → output port → type expression, known before the run; replaces the declared type. */
  outputTypes?: OutputTypeOverrides;
}

export type PortTypes = Record<string, { inputs: Record<string, string>; outputs: Record<string, string> }>;

export interface CheckResult {
  problems: Problem[];
  /** Resolved type of every port of every node of a known type (generics substituted). */
  portTypes: PortTypes;
}

export function checkWorkflow(
  w: Workflow,
  types: ReadonlyMap<string, NodeTypeInfo>,
  options: CheckOptions = {},
): CheckResult {
  const prepared = prepareNodes(w, types, options.outputTypes);
  const problems: Problem[] = [...duplicateIdProblems(w), ...prepared.problems];
  for (const { node, info } of prepared.nodes.values())
    problems.push(...validateParams(info, node.params, node.id));

  const { typed, problems: edgeProblems } = resolveEdges(w.edges, prepared);
  problems.push(...edgeProblems);
  problems.push(...inputProblems(w.edges, prepared));
  problems.push(...limitProblems(w));

  const inference = inferTypes(typed);
  problems.push(...inference.edgeProblems.values());
  problems.push(...cycleProblems(w, prepared));

  const incoming = groupBy(typed, (e) => portKey(e.edge.target, e.edge.targetPort));
  const portTypes: PortTypes = {};
  for (const node of prepared.nodes.values())
    portTypes[node.node.id] = resolvedPortTypes(node, inference, incoming);
  problems.push(...nodeModeWarnings(w, portTypes));
  return { problems, portTypes };
}

export type Connection = Pick<WorkflowEdge, 'source' | 'sourcePort' | 'target' | 'targetPort'>;

/**
 * May a person draw this edge? Judged against the current graph with its resolved generics. Refuses
 * unknown nodes and ports, self-loops, a second edge into a single-edge input, types that do not fit
 * and a new cycle that no node on it may close.
 */
export function checkConnection(
  w: Workflow,
  types: ReadonlyMap<string, NodeTypeInfo>,
  candidate: Connection,
  options: CheckOptions = {},
): { ok: true } | { ok: false; reason: string } {
  const refuse = (reason: string) => ({ ok: false as const, reason });
  const { source, sourcePort, target, targetPort } = candidate;
  const prepared = prepareNodes(w, types, options.outputTypes);
  for (const id of [source, target]) {
    if (!prepared.allIds.has(id)) return refuse(`There is no node "${id}"`);
    if (!prepared.nodes.has(id)) return refuse(`Node "${id}" has an unknown type`);
  }
  if (source === target) return refuse(`Node "${source}" cannot be connected to itself`);
  const from = prepared.nodes.get(source)!.outputs.get(sourcePort);
  if (!from) return refuse(`Node "${source}" has no output "${sourcePort}"`);
  const toNode = prepared.nodes.get(target)!;
  const to = toNode.inputs.get(targetPort);
  if (!to) return refuse(`Node "${target}" has no input "${targetPort}"`);
  const into = w.edges.filter((e) => e.target === target && e.targetPort === targetPort);
  if (into.some((e) => e.source === source && e.sourcePort === sourcePort)) {
    return refuse(`"${source}.${sourcePort}" is already connected to "${target}.${targetPort}"`);
  }
  if (into.length > 0 && !to.spec.multi) {
    return refuse(
      `Input "${target}.${targetPort}" takes one edge and already has ${into.map((e) => e.id).join(', ')}`,
    );
  }

  const candidateId = '\u0000candidate';
  const edge: WorkflowEdge = { id: candidateId, ...candidate };
  const { typed } = resolveEdges([...w.edges, edge], prepared);
  const inference = inferTypes(typed);
  const problem = inference.edgeProblems.get(candidateId);
  if (problem) {
    const fit = isAssignable(inference.bindings.finalize(from.type), inference.bindings.finalize(to.type));
    if (!fit.ok) return refuse(fit.reason);
    // A conflict with another edge's binding of the same type variable.
    return refuse(
      `${formatType(inference.bindings.finalize(from.type))} does not fit ${formatType(inference.bindings.finalize(to.type))} as bound by the other edges of "${target}"`,
    );
  }

  const loop = newCycle(w.edges, candidate);
  if (loop.length && !loop.some((id) => prepared.nodes.get(id)?.info.allowsCycles)) {
    return refuse(`This edge would close a cycle through ${loop.map((id) => `"${id}"`).join(', ')}`);
  }
  return { ok: true };
}

/** Edges between known ports, and problems with edges to unknown nodes or ports. */
function resolveEdges(
  edges: readonly WorkflowEdge[],
  prepared: Prepared,
): { typed: TypedEdge[]; problems: Problem[] } {
  const typed: TypedEdge[] = [];
  const problems: Problem[] = [];
  for (const edge of edges) {
    const ends = [
      { role: 'source', id: edge.source, port: edge.sourcePort, direction: 'output' },
      { role: 'target', id: edge.target, port: edge.targetPort, direction: 'input' },
    ] as const;
    const found = ends.map((end) => {
      if (!prepared.allIds.has(end.id)) {
        problems.push({
          code: 'unknown-node',
          severity: 'error',
          message: `Edge ${edge.id}: its ${end.role} node "${end.id}" does not exist`,
          edgeId: edge.id,
          field: end.role,
        });
        return undefined;
      }
      const node = prepared.nodes.get(end.id);
      if (!node) return undefined; // unknown node type: reported once, for the node
      const ports = end.direction === 'output' ? node.outputs : node.inputs;
      const port = ports.get(end.port);
      if (!port) {
        const names = [...ports.keys()];
        problems.push({
          code: 'unknown-port',
          severity: 'error',
          message:
            `Edge ${edge.id}: node "${end.id}" (${node.info.type}) has no ${end.direction} "${end.port}"` +
            (names.length
              ? ` (its ${end.direction}s: ${names.join(', ')})`
              : ` (it has no ${end.direction}s)`),
          nodeId: end.id,
          edgeId: edge.id,
          port: end.port,
        });
      }
      return port;
    });
    const [from, to] = found;
    if (from && to) typed.push({ edge, from, to });
  }
  return { typed, problems };
}

/** Required inputs without an edge; single-edge inputs with several. */
function inputProblems(edges: readonly WorkflowEdge[], prepared: Prepared): Problem[] {
  const problems: Problem[] = [];
  // Indexed once: a filter per input would cost nodes × edges on large graphs.
  const byInput = groupBy(edges, (e) => portKey(e.target, e.targetPort));
  for (const { node, inputs } of prepared.nodes.values()) {
    for (const [name, port] of inputs) {
      const into = byInput.get(portKey(node.id, name)) ?? [];
      if (into.length === 0 && !port.spec.optional) {
        problems.push({
          code: 'unconnected-input',
          severity: 'error',
          // A type variable reads `any`, as the inspector shows the port (`T` means nothing to a reader).
          message: `Node "${node.id}": required input "${name}" (${formatType(eraseVars(port.type))}) is not connected`,
          nodeId: node.id,
          port: name,
        });
      } else if (into.length > 1 && !port.spec.multi) {
        problems.push({
          code: 'too-many-edges',
          severity: 'error',
          message: `Node "${node.id}": input "${name}" takes one edge but has ${into.length} (${into.map((e) => e.id).join(', ')})`,
          nodeId: node.id,
          port: name,
          edgeId: into[1]!.id,
        });
      }
    }
  }
  return problems;
}

function cycleProblems(w: Workflow, prepared: Prepared): Problem[] {
  const edges = w.edges.filter((e) => prepared.allIds.has(e.source) && prepared.allIds.has(e.target));
  const problems: Problem[] = [];
  for (const component of findCycles([...prepared.allIds], edges)) {
    if (component.some((id) => prepared.nodes.get(id)?.info.allowsCycles)) continue;
    const path = cyclePath(component, edges);
    problems.push({
      code: 'cycle',
      severity: 'error',
      message: `Cycle ${path.map((id) => `"${id}"`).join(' → ')}: no node on it may close a loop (its type must allow cycles)`,
      nodeId: path[0],
    });
  }
  return problems;
}

/** Nodes on a cycle the candidate would close: those reachable from its target that reach its source. */
function newCycle(edges: readonly WorkflowEdge[], c: Connection): string[] {
  const walk = (start: string, next: Map<string, WorkflowEdge[]>, end: (e: WorkflowEdge) => string) => {
    const seen = new Set([start]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      for (const e of next.get(queue[i]!) ?? []) {
        const b = end(e);
        if (!seen.has(b)) {
          seen.add(b);
          queue.push(b);
        }
      }
    }
    return seen;
  };
  const downstream = walk(
    c.target,
    groupBy(edges, (e) => e.source),
    (e) => e.target,
  );
  if (!downstream.has(c.source)) return [];
  const upstream = walk(
    c.source,
    groupBy(edges, (e) => e.target),
    (e) => e.source,
  );
  return [...downstream].filter((id) => upstream.has(id));
}

function portKey(nodeId: string, port: string): string {
  return `${nodeId}\u0000${port}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
