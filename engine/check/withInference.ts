// The whole-graph check with output types that node types work out before the run (`inferOutputs`:
// a CSV's sniffed columns, a SQL query's DESCRIBE). A node's inferred outputs feed the next inferring
// node downstream, so inference repeats until nothing changes. Pure: the caller supplies the I/O.

import type { NodeTypeInfo } from '../model/nodeTypeInfo.js';
import type { Problem } from '../model/problem.js';
import type { Workflow, WorkflowNode } from '../model/workflow.js';
import { checkWorkflow, type CheckResult } from './index.js';

/** Asks a node for its output types given its resolved input types; undefined: it cannot tell. */
export type InferOutputsFn = (
  node: WorkflowNode,
  inputs: Record<string, string>,
) => Promise<Record<string, string>> | undefined;

export interface CheckWithInferenceResult extends CheckResult {
  /** The inferred output types used for the final check. */
  outputTypes: Record<string, Record<string, string>>;
  /** One `bad-param` problem per node whose inference failed (already in `problems`). */
  inferenceProblems: Problem[];
}

export async function checkWithInference(
  workflow: Workflow,
  types: ReadonlyMap<string, NodeTypeInfo>,
  infer: InferOutputsFn,
): Promise<CheckWithInferenceResult> {
  const outputTypes: Record<string, Record<string, string>> = {};
  const failures = new Map<string, Problem>();
  let result = checkWorkflow(workflow, types, { outputTypes });
  // Each pass can settle at least one more inferring node downstream: node count bounds the passes.
  for (let pass = 0; pass <= workflow.nodes.length; pass++) {
    let changed = false;
    for (const node of workflow.nodes) {
      const answer = infer(node, result.portTypes[node.id]?.inputs ?? {});
      if (!answer) continue;
      try {
        const outputs = await answer;
        failures.delete(node.id);
        if (JSON.stringify(outputTypes[node.id]) !== JSON.stringify(outputs)) {
          outputTypes[node.id] = outputs;
          changed = true;
        }
      } catch (err) {
        failures.set(node.id, {
          code: 'bad-param',
          severity: 'error',
          nodeId: node.id,
          // The node is named once, here: a "Node …:" the inner message may start with goes.
          message: `Node "${node.id}" (${node.type}): could not work out its output types: ${String((err as Error).message).replace(/^Node "[^"]*"(?: \([^)]*\))?: /, '')}`,
        });
      }
    }
    if (!changed) break;
    result = checkWorkflow(workflow, types, { outputTypes });
  }
  const inferenceProblems = [...failures.values()];
  return { ...result, problems: [...result.problems, ...inferenceProblems], outputTypes, inferenceProblems };
}
