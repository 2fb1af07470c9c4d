// Test helper: runs a workflow through the real runtime (startRun, one OS process per node) and
// collects its events. Used by the data nodes' integration tests.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunEvent, RunSummary } from '../../../model/run.js';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../../../model/workflow.js';
import { createRegistry } from '../../registry.js';
import { startRun, WorkflowInvalidError } from '../../../runtime/host/runController.js';

export interface RunResult {
  summary: RunSummary;
  events: RunEvent[];
  runDir: string;
  /** Error message of a node, if it failed. */
  nodeError(nodeId: string): string | undefined;
  logs(nodeId: string): string[];
}

export function node(id: string, type: string, params: Record<string, unknown> = {}): WorkflowNode {
  return { id, type, params, position: { x: 0, y: 0 } };
}

export function edge(source: string, sourcePort: string, target: string, targetPort: string): WorkflowEdge {
  return { id: `${source}.${sourcePort}->${target}.${targetPort}`, source, sourcePort, target, targetPort };
}

export async function runWorkflow(
  nodes: WorkflowNode[],
  edges: WorkflowEdge[],
  options: { baseDir?: string; runsDir?: string } = {},
): Promise<RunResult> {
  const workflow: Workflow = { sluice: 1, name: 'test', nodes, edges };
  const runsDir = options.runsDir ?? (await mkdtemp(path.join(os.tmpdir(), 'sluice-data-runs-')));
  const registry = await createRegistry();
  const handle = await startRun({ workflow, baseDir: options.baseDir ?? process.cwd(), runsDir, registry });
  const events: RunEvent[] = [];
  handle.onEvent((e) => events.push(e));
  const summary = await handle.done;
  return {
    summary,
    events,
    runDir: handle.runDir,
    nodeError: (id) => summary.nodes[id]?.error?.message,
    logs: (id) => events.flatMap((e) => (e.kind === 'log' && e.nodeId === id ? [e.message] : [])),
  };
}

/**
 * The problems the run's check refuses a workflow with (as `sluice run` prints them); fails the test
 * when the run starts instead.
 */
export async function refusal(
  nodes: WorkflowNode[],
  edges: WorkflowEdge[],
  options: { baseDir?: string } = {},
): Promise<string[]> {
  try {
    const r = await runWorkflow(nodes, edges, options);
    throw new Error(`the run started and ended ${r.summary.status}: ${JSON.stringify(r.summary.nodes)}`);
  } catch (err) {
    if (err instanceof WorkflowInvalidError) return err.problems.map((p) => p.message);
    throw err;
  }
}
