// Starts a run on the host: applies `--param` overrides, checks the workflow with inferred types
// (refusing an invalid one), makes the run's folder and hands over to Run (run.ts), which supervises
// the node processes.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { checkWithInference } from '../../check/withInference.js';
import { nodeTypeMap } from '../../model/nodeTypeInfo.js';
import type { Problem } from '../../model/problem.js';
import type { Workflow } from '../../model/workflow.js';
import { InferenceMemo } from '../../nodes/inferenceMemo.js';
import type { RunHandle, StartRunOptions } from './contracts.js';
import { Run, type RunOptions } from './run.js';
import { processLimit } from './processBudget.js';

export { DEFAULT_CAPACITY, type RunOptions } from './run.js';
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

function applyOverrides(w: Workflow, overrides: StartRunOptions['paramOverrides']): Workflow {
  const copy: Workflow = { ...w, nodes: w.nodes.map((n) => ({ ...n, params: { ...n.params } })) };
  const problems: Problem[] = [];
  for (const o of overrides ?? []) {
    const node = copy.nodes.find((n) => n.id === o.nodeId);
    if (!node) {
      problems.push({
        code: 'unknown-node',
        severity: 'error',
        message: `--param ${o.nodeId}.${o.key}: there is no node "${o.nodeId}"`,
        nodeId: o.nodeId,
        field: o.key,
      });
    } else node.params[o.key] = o.value;
  }
  if (problems.length > 0) throw new WorkflowInvalidError(problems);
  return copy;
}

export async function startRun(options: RunOptions): Promise<RunHandle> {
  const workflow = applyOverrides(options.workflow, options.paramOverrides);
  const typesMap = nodeTypeMap(options.registry.list());
  // An inference that fails (a missing file, a database down) leaves the declared types: the node
  // reports the real problem, with its context, when it runs.
  const memo = new InferenceMemo(options.registry, options.baseDir);
  const checked = await checkWithInference(workflow, typesMap, memo.infer);
  const portTypes = checked.portTypes;
  const errors = checked.problems.filter(
    (p) => p.severity === 'error' && !checked.inferenceProblems.includes(p),
  );
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
  const failedInference = new Set(checked.inferenceProblems.map((p) => p.nodeId));
  const shared = memo.shared(failedInference);

  const runId = newRunId();
  const runDir = path.join(options.runsDir, runId);
  await mkdir(runDir, { recursive: true });
  const run = new Run(runId, runDir, workflow, options, portTypes, shared);
  run.start();
  return run.handle();
}
