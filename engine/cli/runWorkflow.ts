// `sluice run` through the host service facade, as the editor and the REST API run workflows: the
// same check, the same run history (the one `sluice serve` lists), the same events. The CLI is one
// more session of the host; it takes the events unbatched, as they happen (--json prints each one).

import path from 'node:path';
import { createHostService, type HostService, type HostSession } from '../host/hostService.js';
import { HostError } from '../hostApi/errors.js';
import { applyParamOverrides, type ParamOverride } from '../model/paramOverrides.js';
import type { Problem } from '../model/problem.js';
import { isTerminalRunStatus, type RunEvent } from '../model/run.js';
import type { Workflow } from '../model/workflow.js';
import { formatEvent } from './format.js';
import { findWorkspace, runHistoryPlace, type RunHistoryPlace } from './runHistory.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CliRun {
  /** The workflow file as named on the command line. */
  file: string;
  workflow: Workflow;
  params: readonly ParamOverride[];
  /** `--workspace DIR`: whose history the run joins (runHistory.ts says where otherwise). */
  workspace: string | undefined;
  userNodesDir: string | undefined;
  json: boolean;
  io: CliIo;
  /** Prints the problems found before the run, each naming the file, and their count; returns 2. */
  refuse: (problems: Problem[]) => number;
  /** `--time-limit S`: the run fails when it takes longer. */
  timeLimitMs?: number;
}

/** Runs the workflow; the exit code: 0 completed, 1 failed or cancelled, 2 it cannot run. */
export async function runWorkflow(run: CliRun): Promise<number> {
  const place = runHistoryPlace(run.file, run.workspace);
  const host = await openHost(run, place);
  try {
    const { workflow, problems } = applyParamOverrides(run.workflow, run.params);
    if (problems.length > 0) return run.refuse(problems);
    return await runInHost(host, { ...run, workflow }, place);
  } finally {
    // Writes the run's history before the process exits.
    await host.close();
  }
}

async function openHost(run: CliRun, place: RunHistoryPlace): Promise<HostService> {
  const host = await createHostService({
    // The run's workflowPath is relative to this folder; the file's folder is the run's base folder.
    workspace: findWorkspace(run.file, run.workspace),
    runsDir: place.runsDir,
    runOrigin: 'cli',
    confine: false,
    // `sluice run FILE` is the user's explicit act: the file's folder is trusted for this run.
    trustFolders: [path.dirname(path.resolve(run.file))],
    ...(run.timeLimitMs !== undefined ? { runTimeLimitMs: run.timeLimitMs } : {}),
    // One process per node, started for this run: nothing to keep warm for a next one.
    usePool: false,
    warn: (m) => run.io.err(`warning: ${m}`),
    ...(run.userNodesDir !== undefined ? { userNodesDir: run.userNodesDir } : {}),
  });
  for (const e of host.nodeLoadErrors) run.io.err(`warning: ${e.message}`);
  return host;
}

async function runInHost(host: HostService, run: CliRun, place: RunHistoryPlace): Promise<number> {
  let ended!: () => void;
  const end = new Promise<void>((resolve) => (ended = resolve));
  const session = host.openSession(
    (_runId, events) => {
      for (const e of events) {
        // Before printing: a failed write must not leave the command waiting for an end it saw.
        if (e.kind === 'run-status' && isTerminalRunStatus(e.status)) ended();
        printEvent(e, run);
      }
    },
    { batch: false },
  );
  const runId = await startIn(session, run, place.workflowPath);
  if (runId === undefined) return 2;
  // The run's events follow this line: the session sends them after the answer to run:start.
  if (!run.json) run.io.out(`run ${runId} (${path.join(place.runsDir, runId)})`);
  const release = stopOnInterrupt(host, session, runId, run);
  try {
    await end;
    const summary = await session.call('run:get', { runId });
    if (!run.json && summary.endedAt) {
      // A run that went on without an allow-fail node still says that node failed.
      const failed = summary.failedNodes?.length ? ` (failed: ${summary.failedNodes.join(', ')})` : '';
      run.io.out(
        `${summary.status} in ${((summary.endedAt - summary.startedAt) / 1000).toFixed(2)} s${failed}`,
      );
    }
    return summary.status === 'completed' ? 0 : 1;
  } finally {
    release();
  }
}

/** The run id; undefined when the workflow cannot run (its problems are printed). */
async function startIn(session: HostSession, run: CliRun, workflowPath: string): Promise<string | undefined> {
  try {
    return (await session.call('run:start', { workflow: run.workflow, path: workflowPath })).runId;
  } catch (err) {
    if (err instanceof HostError && err.problems !== undefined && err.problems.length > 0) {
      run.refuse(err.problems);
      return undefined;
    }
    throw err;
  }
}

function printEvent(e: RunEvent, run: CliRun): void {
  if (run.json) run.io.out(JSON.stringify(e));
  else {
    const line = formatEvent(e);
    if (line !== undefined) run.io.out(line);
  }
}

/**
 * Ctrl-C stops the run cleanly (it drains); a second one aborts it (every node process killed at
 * once, the run recorded cancelled) and leaves within 1 s whatever happens; a third leaves at once.
 * Returns the undo.
 */
function stopOnInterrupt(host: HostService, session: HostSession, runId: string, run: CliRun): () => void {
  let interrupted = 0;
  const onSignal = (): void => {
    if (++interrupted > 2) process.exit(130);
    if (interrupted === 2) {
      setTimeout(() => process.exit(130), 1000).unref();
      // Closing the host aborts its run and writes the run's history.
      void host.close().finally(() => process.exit(130));
      return;
    }
    if (!run.json) run.io.err('stopping… (Ctrl-C again to abort at once)');
    // It may have ended meanwhile; its last events say so.
    session.call('run:stop', { runId }).catch(() => undefined);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
