// `workflow:validate` and `workflow:infer`: the file schema, then the whole-graph check, with output
// types that node types work out before the run (`inferOutputs`: a CSV's columns, a SQL query's
// result). A node whose inference fails gets a problem; the rest of the graph is still checked.

import { checkWithInference } from '../check/withInference.js';
import type { InferredOutputTypes } from '../hostApi/api.js';
import type { NodeTypeInfo } from '../model/nodeTypeInfo.js';
import type { Problem } from '../model/problem.js';
import { validateWorkflowDocument } from '../model/schema.js';
import { InferenceMemo } from '../nodes/inferenceMemo.js';
import type { NodeRegistry } from '../nodes/registry.js';

export interface WorkflowInference {
  /** Every problem: the file schema, the graph with the inferred types, failed inferences. */
  problems: Problem[];
  outputTypes: InferredOutputTypes;
  /** The nodes whose inference failed (also in `problems`). */
  inferenceProblems: Problem[];
}

export async function inferWorkflow(
  input: unknown,
  registry: NodeRegistry,
  types: ReadonlyMap<string, NodeTypeInfo>,
  baseDir: string,
): Promise<WorkflowInference> {
  const document = validateWorkflowDocument(input);
  if (!document.workflow) return { problems: document.problems, outputTypes: {}, inferenceProblems: [] };
  const workflow = document.workflow;

  const result = await checkWithInference(workflow, types, new InferenceMemo(registry, baseDir).infer);
  return {
    problems: [...document.problems, ...result.problems],
    outputTypes: result.outputTypes,
    inferenceProblems: result.inferenceProblems,
  };
}

export async function validateWorkflow(
  input: unknown,
  registry: NodeRegistry,
  types: ReadonlyMap<string, NodeTypeInfo>,
  baseDir: string,
): Promise<Problem[]> {
  return (await inferWorkflow(input, registry, types, baseDir)).problems;
}
