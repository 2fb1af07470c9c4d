// Bypassed nodes (issue 12): which input each output passes on, and the graph a run executes, with
// the edges through every bypassed node joined into one (its producer straight to its consumers), so
// no process runs for it. Pure: the run controller, the check's warnings and their tests share it.

import { nodeMode, type Workflow, type WorkflowEdge } from '../model/workflow.js';
import { isAssignable, tryParseType, type PortType } from '../types/index.js';

/** Resolved port types of one node (the check's `portTypes[nodeId]`). */
export interface NodePorts {
  inputs: Record<string, string>;
  outputs: Record<string, string>;
}

/** What a bypassed node's output carries: the values of `input`, or nothing (`null`: no input fits). */
export interface BypassRoute {
  output: string;
  input: string | null;
}

function parsed(expr: string): PortType | undefined {
  const r = tryParseType(expr);
  return r.ok ? r.type : undefined;
}

/**
 * Each output, in declared order, takes the first input (in declared order) whose type fits it and
 * that no earlier output took: one input feeds one output, so a map's `error` port does not get the
 * values its `out` passes on.
 */
export function bypassRoutes(ports: NodePorts): BypassRoute[] {
  const free = Object.entries(ports.inputs).flatMap(([name, expr]) => {
    const type = parsed(expr);
    return type ? [{ name, type }] : [];
  });
  return Object.entries(ports.outputs).map(([output, expr]) => {
    const type = parsed(expr);
    const at = type ? free.findIndex((i) => isAssignable(i.type, type).ok) : -1;
    const input = at >= 0 ? free.splice(at, 1)[0]!.name : null;
    return { output, input };
  });
}

/** The graph a run executes, and for each edge made through bypassed nodes the file's edges it joins. */
export interface RunGraph {
  workflow: Workflow;
  /** Run edge id → the ids of the workflow's edges it stands for (only edges made by joining). */
  joined: Map<string, string[]>;
}

interface RunEdge {
  edge: WorkflowEdge;
  through: string[];
}

/**
 * Joins the edges through each bypassed node: every edge into the input an output passes on, with
 * every edge out of that output, becomes one edge from the producer to the consumer (id
 * `e1+e2`, which no file id can be; the consumer's capacity). The bypassed node keeps no edge, so an
 * output no input fits leaves its consumers' inputs without edges: they end at once, as after a
 * disabled node. Chains of bypassed nodes join step by step.
 */
export function bypassGraph(w: Workflow, portTypes: Readonly<Record<string, NodePorts>>): RunGraph {
  let edges: RunEdge[] = w.edges.map((edge) => ({ edge, through: [edge.id] }));
  for (const node of w.nodes) {
    if (nodeMode(node) !== 'bypassed') continue;
    const routes = new Map(
      bypassRoutes(portTypes[node.id] ?? { inputs: {}, outputs: {} }).map((r) => [r.output, r.input]),
    );
    const incoming = edges.filter((e) => e.edge.target === node.id && e.edge.source !== node.id);
    const outgoing = edges.filter((e) => e.edge.source === node.id && e.edge.target !== node.id);
    const next = edges.filter((e) => e.edge.source !== node.id && e.edge.target !== node.id);
    for (const out of outgoing) {
      const input = routes.get(out.edge.sourcePort);
      if (!input) continue;
      for (const into of incoming) {
        if (into.edge.targetPort !== input) continue;
        const capacity = out.edge.capacity ?? into.edge.capacity;
        next.push({
          edge: {
            id: `${into.edge.id}+${out.edge.id}`,
            source: into.edge.source,
            sourcePort: into.edge.sourcePort,
            target: out.edge.target,
            targetPort: out.edge.targetPort,
            ...(capacity !== undefined ? { capacity } : {}),
          },
          through: [...into.through, ...out.through],
        });
      }
    }
    edges = next;
  }
  const joined = new Map<string, string[]>();
  for (const e of edges) if (e.through.length > 1) joined.set(e.edge.id, e.through);
  return { workflow: { ...w, edges: edges.map((e) => e.edge) }, joined };
}
