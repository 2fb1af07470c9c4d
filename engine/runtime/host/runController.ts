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

export function applyOverrides(w: Workflow, overrides: StartRunOptions['paramOverrides']): Workflow {
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
  // The same check as `sluice validate` and the editor's: every problem it finds (a missing file or
  // column, a database that refuses the connection) refuses the run, with the same text.
  const memo = new InferenceMemo(options.registry, options.baseDir);
  const checked = await checkWithInference(workflow, typesMap, memo.infer);
  const portTypes = checked.portTypes;
  const errors = checked.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new WorkflowInvalidError(errors);
  const shared = memo.shared();

  const runId = newRunId();
  const runDir = path.join(options.runsDir, runId);
  await mkdir(runDir, { recursive: true });
  const run = new Run(runId, runDir, workflow, options, portTypes, shared);
  run.start();
  return run.handle();
}
