// The node table of a graph check: each node's type, its ports (dynamic ones included) and their
// parsed types, with type variables scoped to the node instance (T of "a" is not T of "b").

import { applyParamDefaults } from '../model/params.js';
import { resolvePorts, type NodeTypeInfo, type PortSpec } from '../model/nodeTypeInfo.js';
import type { Problem } from '../model/problem.js';
import type { Workflow, WorkflowNode } from '../model/workflow.js';
import { ANY, scopeVars, tryParseType, type PortType } from '../types/index.js';

export interface PreparedPort {
  spec: PortSpec;
  /** Parsed, scoped to the node; `any` when the expression does not parse (reported once). */
  type: PortType;
}

export interface PreparedNode {
  node: WorkflowNode;
  info: NodeTypeInfo;
  inputs: Map<string, PreparedPort>;
  outputs: Map<string, PreparedPort>;
}

export type OutputTypeOverrides = Record<string, Record<string, string>>;

export interface Prepared {
  /** Nodes whose type is known, by id. */
  nodes: Map<string, PreparedNode>;
  /** Ids of every node in the workflow, known type or not. */
  allIds: Set<string>;
  problems: Problem[];
}

export function prepareNodes(
  w: Workflow,
  types: ReadonlyMap<string, NodeTypeInfo>,
  outputTypes: OutputTypeOverrides = {},
): Prepared {
  const nodes = new Map<string, PreparedNode>();
  const problems: Problem[] = [];
  const allIds = new Set(w.nodes.map((n) => n.id));
  for (const node of w.nodes) {
    if (nodes.has(node.id)) continue; // a duplicate id, reported by duplicateIdProblems
    const info = types.get(node.type);
    if (!info) {
      problems.push({
        code: 'unknown-node-type',
        severity: 'error',
        message: `Node "${node.id}": unknown node type "${node.type}"`,
        nodeId: node.id,
      });
      continue;
    }
    const ports = resolvePorts(info, applyParamDefaults(info, node.params));
    const prepared: PreparedNode = { node, info, inputs: new Map(), outputs: new Map() };
    const add = (
      list: PortSpec[],
      target: Map<string, PreparedPort>,
      direction: 'input' | 'output',
      statics: number,
    ) => {
      list.forEach((spec, index) => {
        if (target.has(spec.name)) return; // a port declared twice by a `ports` parameter: a bad-param
        let expr = spec.type;
        let what = `${direction} "${spec.name}" has type`;
        const override = direction === 'output' ? outputTypes[node.id]?.[spec.name] : undefined;
        if (override !== undefined) {
          expr = override;
          what = `the inferred type of ${direction} "${spec.name}"`;
        }
        const parsed = tryParseType(expr);
        // Dynamic ports come from a `ports` parameter, whose bad types validateParams reports.
        if (!parsed.ok && (index < statics || override !== undefined)) {
          problems.push({
            code: 'bad-type',
            severity: 'error',
            message: `Node "${node.id}" (${info.type}): ${what} "${expr}" that does not parse: ${parsed.error.detail} at position ${parsed.error.position}`,
            nodeId: node.id,
            port: spec.name,
          });
        }
        target.set(spec.name, { spec, type: parsed.ok ? scopeVars(parsed.type, node.id) : ANY });
      });
    };
    add(ports.inputs, prepared.inputs, 'input', info.inputs.length);
    add(ports.outputs, prepared.outputs, 'output', info.outputs.length);
    nodes.set(node.id, prepared);
  }
  return { nodes, allIds, problems };
}
