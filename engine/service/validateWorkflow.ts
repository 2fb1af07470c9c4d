// `workflow:validate` and `workflow:infer`: the file schema, then the whole-graph check, with output
// types that node types work out before the run (`inferOutputs`: a CSV's columns, a SQL query's
// result). A node whose inference fails gets a problem; the rest of the graph is still checked.

import { checkWithInference } from '../check/withInference.js';
import type { InferredOutputTypes } from '../host/api.js';
import type { NodeTypeInfo } from '../model/nodeTypeInfo.js';
import { applyParamDefaults } from '../model/params.js';
import type { Problem } from '../model/problem.js';
import { validateWorkflowDocument } from '../model/schema.js';
import type { WorkflowNode } from '../model/workflow.js';
import type { NodeRegistry } from '../runtime/contracts.js';

const INFER_TIMEOUT_MS = 10_000;

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

  const cache = new Map<string, Promise<Record<string, string>>>();
  const result = await checkWithInference(workflow, types, (node, inputs) =>
    infer(node, inputs, registry, types, baseDir, cache),
  );
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

function infer(
  node: WorkflowNode,
  inputs: Record<string, string>,
  registry: NodeRegistry,
  types: ReadonlyMap<string, NodeTypeInfo>,
  baseDir: string,
  cache: Map<string, Promise<Record<string, string>>>,
): Promise<Record<string, string>> | undefined {
  const definition = registry.get(node.type)?.definition;
  const info = types.get(node.type);
  if (!definition?.inferOutputs || !info) return undefined;
  const params = applyParamDefaults(info, node.params);
  const key = JSON.stringify([node.type, params, inputs]);
  let answer = cache.get(key);
  if (!answer) {
    answer = withTimeout(
      definition.inferOutputs({ params: params as never, inputs, baseDir }),
      INFER_TIMEOUT_MS,
    );
    cache.set(key, answer);
  }
  return answer;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
