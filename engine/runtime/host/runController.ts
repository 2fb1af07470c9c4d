// Starts a run on the host: applies `--param` overrides, checks the workflow with inferred types
// (refusing an invalid one), makes the run's folder and hands over to Run (run.ts), which supervises
// the node processes.

import { mkdir } from 'node:fs/promises';
import { PRIVATE_FOLDER_MODE } from '../../files/atomicFile.js';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { bypassGraph } from '../../check/bypass.js';
import { checkWithInference } from '../../check/withInference.js';
import { nodeTypeMap } from '../../model/nodeTypeInfo.js';
import { applyParamOverrides } from '../../model/paramOverrides.js';
import type { Problem } from '../../model/problem.js';
import { nodeMode, type Workflow } from '../../model/workflow.js';
import { InferenceMemo } from '../../nodes/inferenceMemo.js';
import { inferenceSandbox } from '../../nodes/inferenceSandbox.js';
import { InferenceProcess } from './inferenceProcess.js';
import type { RunHandle } from './contracts.js';
import { Run } from './run.js';
import { runHandle } from './runHandle.js';
import type { RunOptions } from './runOptions.js';
import { WorkerPool } from './workerPool.js';
import { createChildLauncher } from './childLauncher.js';
import { resolveWorkerEntry } from './workerEntry.js';
import { processLimit } from './processBudget.js';

export { DEFAULT_CAPACITY, type RunOptions } from './runOptions.js';
export { resolveWorkerEntry } from './workerEntry.js';

export class WorkflowInvalidError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`The workflow is invalid: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'WorkflowInvalidError';
  }
}

function newRunId(): string {
  const t = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${t}-${randomBytes(3).toString('hex')}`;
}

/**
 * A run without a pool (`sluice run`) starts its node processes while the host checks the workflow,
 * one per node, each preparing what its node type preloads (a sink opens DuckDB; a node that only
 * composes does not load it). They run nothing of the workflow until assigned; a refused run kills
 * them. Not with a custom launcher (tests of the runtime's own plumbing).
 */
function prestart(options: RunOptions, workflow: Workflow): WorkerPool | undefined {
  if (options.pool || options.launcher) return undefined;
  let entry: string;
  try {
    entry = options.workerEntry ?? resolveWorkerEntry();
  } catch {
    return undefined; // Run reports the missing worker bundle.
  }
  const pool = new WorkerPool({ launcher: createChildLauncher(), entry, size: 1, refillDelayMs: 2 ** 30 });
  const profiles = new Map<string, { preload: string[]; count: number }>();
  for (const node of workflow.nodes) {
    if (nodeMode(node) !== 'active') continue; // disabled and bypassed nodes get no process
    const preload = options.registry.get(node.type)?.definition.preload ?? [];
    const key = [...preload].sort().join('\n');
    const p = profiles.get(key) ?? { preload, count: 0 };
    p.count++;
    profiles.set(key, p);
  }
  for (const p of profiles.values()) pool.warm(p.preload, p.count);
  return pool;
}

export async function startRun(options: RunOptions): Promise<RunHandle> {
  const { workflow, problems } = applyParamOverrides(options.workflow, options.paramOverrides);
  if (problems.length > 0) throw new WorkflowInvalidError(problems);
  const pool = prestart(options, workflow);
  try {
    const handle = await checkAndStart(pool ? { ...options, pool } : options, workflow);
    if (pool) void handle.done.finally(() => pool.dispose());
    return handle;
  } catch (err) {
    pool?.dispose();
    throw err;
  }
}

async function checkAndStart(options: RunOptions, workflow: Workflow): Promise<RunHandle> {
  const typesMap = nodeTypeMap(options.registry.list());
  // The same check as `sluice validate` and the editor's: every problem it finds (a missing file or
  // column, a database that refuses the connection) refuses the run, with the same text. Inference
  // runs in a sandboxed, short-lived process (inferenceProcess.ts), never in the host.
  const inference = new InferenceProcess({
    sandbox: await inferenceSandbox(workflow, options.registry, options.baseDir),
    ...(options.launcher ? { launcher: options.launcher } : {}),
    ...(options.workerEntry ? { entry: options.workerEntry } : {}),
    ...(options.inferenceSpares ? { spares: options.inferenceSpares } : {}),
  });
  const memo = new InferenceMemo(options.registry, options.baseDir, inference, true);
  let checked;
  try {
    checked = await checkWithInference(workflow, typesMap, memo.infer);
  } finally {
    inference.close();
  }
  const portTypes = checked.portTypes;
  const errors = checked.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new WorkflowInvalidError(errors);
  const maxProcesses = options.maxProcesses ?? processLimit();
  if (workflow.nodes.length > maxProcesses) {
    throw new WorkflowInvalidError([
      {
        code: 'bad-limit',
        severity: 'error',
        message:
          `The workflow has ${workflow.nodes.length} nodes, one process each: more than the limit of ` +
          `${maxProcesses} node processes at once (SLUICE_MAX_PROCESSES)`,
      },
    ]);
  }
  const shared = memo.shared();

  const runId = newRunId();
  const runDir = path.join(options.runsDir, runId);
  // Private: its events, previews and tables are the user's data (folders made on the way too).
  await mkdir(runDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  // Bypassed nodes are joined out of the graph: their producers feed their consumers directly.
  const graph = bypassGraph(workflow, portTypes);
  const run = new Run(runId, runDir, graph.workflow, options, portTypes, shared, graph.joined);
  run.start();
  return runHandle(run);
}
