// `workflow:validate`: the file schema, then the whole-graph check, with output types that node
// types work out before the run (`inferOutputs`: a CSV's columns, a SQL query's result). A node whose
// inference fails gets a problem; the rest of the graph is still checked.

import { checkWorkflow } from '../check/index.js';
import type { NodeTypeInfo } from '../model/nodeTypeInfo.js';
import type { Problem } from '../model/problem.js';
import { validateWorkflowDocument } from '../model/schema.js';
import type { WorkflowNode } from '../model/workflow.js';
import type { NodeRegistry } from '../runtime/contracts.js';

type OutputTypes = Record<string, Record<string, string>>;

const INFER_TIMEOUT_MS = 10_000;

export async function validateWorkflow(
  input: unknown,
  registry: NodeRegistry,
  types: ReadonlyMap<string, NodeTypeInfo>,
  baseDir: string,
): Promise<Problem[]> {
  const document = validateWorkflowDocument(input);
  if (!document.workflow) return document.problems;
  const workflow = document.workflow;

  const inferring = workflow.nodes.filter((n) => registry.get(n.type)?.definition.inferOutputs !== undefined);
  const outputTypes: OutputTypes = {};
  const inferenceProblems = new Map<string, Problem>();
  const cache = new Map<string, Promise<Record<string, string>>>();
  let result = checkWorkflow(workflow, types, { outputTypes });
  // A node's inferred outputs can feed the next inferring node: one pass per inferring node at most.
  for (let pass = 0; pass < inferring.length; pass++) {
    let changed = false;
    for (const node of inferring) {
      const inputs = result.portTypes[node.id]?.inputs ?? {};
      try {
        const outputs = await infer(node, inputs, registry, types, baseDir, cache);
        inferenceProblems.delete(node.id);
        if (JSON.stringify(outputTypes[node.id]) !== JSON.stringify(outputs)) {
          outputTypes[node.id] = outputs;
          changed = true;
        }
      } catch (err) {
        inferenceProblems.set(node.id, {
          code: 'bad-param',
          severity: 'error',
          nodeId: node.id,
          message: `Node "${node.id}" (${node.type}): could not work out its output types: ${(err as Error).message}`,
        });
      }
    }
    if (!changed) break;
    result = checkWorkflow(workflow, types, { outputTypes });
  }
  return [...document.problems, ...result.problems, ...inferenceProblems.values()];
}

function infer(
  node: WorkflowNode,
  inputs: Record<string, string>,
  registry: NodeRegistry,
  types: ReadonlyMap<string, NodeTypeInfo>,
  baseDir: string,
  cache: Map<string, Promise<Record<string, string>>>,
): Promise<Record<string, string>> {
  const definition = registry.get(node.type)?.definition;
  const info = types.get(node.type);
  if (!definition?.inferOutputs || !info) return Promise.resolve({});
  const params = withDefaults(info, node.params);
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

function withDefaults(info: NodeTypeInfo, params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  for (const p of info.params)
    if (out[p.key] === undefined && p.default !== undefined) out[p.key] = p.default;
  return out;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
