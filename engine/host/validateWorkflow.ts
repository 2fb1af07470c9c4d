// `workflow:validate` and `workflow:infer`: the file schema, then the whole-graph check, with output
// types that node types work out before the run (`inferOutputs`: a CSV's columns, a SQL query's
// result). A node whose inference fails gets a problem; the rest of the graph is still checked.

import { checkWithInference } from '../check/withInference.js';
import type { InferredOutputTypes, SuggestedParams } from '../hostApi/api.js';
import type { NodeTypeInfo } from '../model/nodeTypeInfo.js';
import type { Problem } from '../model/problem.js';
import { validateWorkflowDocument } from '../model/schema.js';
import { InferenceMemo } from '../nodes/inferenceMemo.js';
import { inferenceSandbox } from '../nodes/inferenceSandbox.js';
import type { NodeRegistry } from '../nodes/registry.js';
import type { Launcher } from '../runtime/host/contracts.js';
import { InferenceProcess } from '../runtime/host/inferenceProcess.js';
import type { InferenceSpares } from '../runtime/host/inferenceSpares.js';

/** How the check's inference process starts (the app passes its utility-process launcher). */
export interface InferenceOptions {
  launcher?: Launcher;
  /** dist/engine/worker.js by default. */
  entry?: string;
  timeoutMs?: number;
  /** Restricted mode (an untrusted folder): no inference that reads files or runs SQL. */
  restricted?: boolean;
  spares?: InferenceSpares;
  /** `sluice serve`'s workspace: the check reads no declared file outside it. */
  confineTo?: string;
}

export interface WorkflowInference {
  /** Every problem: the file schema, the graph with the inferred types, failed inferences. */
  problems: Problem[];
  outputTypes: InferredOutputTypes;
  /** The nodes whose inference failed (also in `problems`). */
  inferenceProblems: Problem[];
  suggestedParams: SuggestedParams;
}

export async function inferWorkflow(
  input: unknown,
  registry: NodeRegistry,
  types: ReadonlyMap<string, NodeTypeInfo>,
  baseDir: string,
  options: InferenceOptions = {},
): Promise<WorkflowInference> {
  const document = validateWorkflowDocument(input);
  if (!document.workflow)
    return { problems: document.problems, outputTypes: {}, inferenceProblems: [], suggestedParams: {} };
  const workflow = document.workflow;

  // One sandboxed process answers every node of this check, and ends with it.
  const { restricted, confineTo, ...processOptions } = options;
  const inference = new InferenceProcess({
    sandbox: await inferenceSandbox(workflow, registry, baseDir, confineTo),
    ...processOptions,
  });
  const memo = new InferenceMemo(registry, baseDir, inference, false, restricted === true);
  let result;
  try {
    result = await checkWithInference(workflow, types, memo.infer);
  } finally {
    inference.close();
  }
  return {
    problems: [...document.problems, ...result.problems],
    outputTypes: result.outputTypes,
    inferenceProblems: result.inferenceProblems,
    suggestedParams: memo.suggested(),
  };
}

export async function validateWorkflow(
  input: unknown,
  registry: NodeRegistry,
  types: ReadonlyMap<string, NodeTypeInfo>,
  baseDir: string,
  options: InferenceOptions = {},
): Promise<Problem[]> {
  return (await inferWorkflow(input, registry, types, baseDir, options)).problems;
}
