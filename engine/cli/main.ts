// The `sluice` command line (bin/sluice.js calls main). Exit codes: 0 success, 1 the run failed or was
// cancelled, 2 a bad file or bad arguments (one short message, never a stack trace).

import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { nodeTypeMap } from '../model/nodeTypeInfo.js';
import { validateWorkflow } from '../host/validateWorkflow.js';
import { parseWorkflow } from '../model/load.js';
import { formatProblem, type Problem } from '../model/problem.js';
import type { Workflow } from '../model/workflow.js';
import { createRegistry, type LoadedRegistry } from '../nodes/registry.js';
import { startRun, WorkflowInvalidError } from '../runtime/host/runController.js';
import { RunStore } from '../store/runStore.js';
import { parseCommandArgs, UsageError } from './args.js';
import { formatEvent, formatNodeTypes } from './format.js';
import { runHistoryPlace } from './runHistory.js';

declare const SLUICE_VERSION: string | undefined;

const USAGE = `Usage: sluice <command> [options]

Commands:
  run FILE [--param NODE.KEY=VALUE …] [--json] [--nodes-dir DIR] [--workspace DIR] [--time-limit S]
                        run a workflow; exit 0 completed, 1 failed or cancelled, 2 invalid.
                        --time-limit: the run fails when it takes longer than S seconds.
                        The run joins the history that "sluice serve" lists: DIR/.sluice/runs,
                        else the nearest .sluice/runs above the file, else one next to it
  validate FILE [--nodes-dir DIR]
                        print every problem of a workflow; exit 0 valid, 2 invalid
  nodes [--json] [--nodes-dir DIR]
                        list the node types with their ports and parameters
  serve [--port N] [--host H] [--token T] [--workspace DIR]
                        the editor in a browser (sluice serve --help)

Options:
  --nodes-dir DIR       folder of user node modules (*.js, *.mjs, *.ts); also $SLUICE_NODES_DIR
  --help, --version`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const stdio: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function version(): string {
  return typeof SLUICE_VERSION === 'string' ? SLUICE_VERSION : (process.env.npm_package_version ?? '0.1.0');
}

async function loadRegistry(dir: string | undefined, io: Io): Promise<LoadedRegistry> {
  const userNodesDir = dir ?? process.env.SLUICE_NODES_DIR;
  const registry = await createRegistry(userNodesDir ? { userNodesDir: path.resolve(userNodesDir) } : {});
  for (const e of registry.loadErrors) io.err(`warning: ${e.message}`);
  return registry;
}

/** Reads and parses a workflow file; problems are printed and give undefined. */
async function readWorkflow(file: string, io: Io): Promise<Workflow | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.err(
      `sluice: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message}`,
    );
    return undefined;
  }
  const { workflow, problems } = parseWorkflow(text);
  printProblems(file, problems, io);
  return workflow;
}

function printProblems(file: string, problems: Problem[], io: Io): void {
  for (const p of problems) io.err(`${file}: ${formatProblem(p)}`);
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function fileArg(positional: string[], command: string): string {
  if (positional.length !== 1)
    throw new UsageError(`${command} expects one workflow file (sluice ${command} FILE)`);
  return positional[0] as string;
}

async function validateCommand(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, { flags: [], options: ['--nodes-dir'] });
  const file = fileArg(args.positional, 'validate');
  const workflow = await readWorkflow(file, io);
  if (!workflow) return 2;
  const registry = await loadRegistry(args.options.get('--nodes-dir'), io);
  const types = nodeTypeMap(registry.list());
  // The same check as the editor's: inferred schemas (CSV columns, SQL results) included.
  const problems = await validateWorkflow(workflow, registry, types, path.dirname(path.resolve(file)));
  printProblems(file, problems, io);
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) {
    io.err(`${file}: ${errors} problem${errors === 1 ? '' : 's'}`);
    return 2;
  }
  io.out(`${file}: valid (${workflow.nodes.length} nodes, ${workflow.edges.length} edges)`);
  return 0;
}

async function nodesCommand(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, { flags: ['--json'], options: ['--nodes-dir'] });
  if (args.positional.length > 0) throw new UsageError(`nodes takes no file (got "${args.positional[0]}")`);
  const registry = await loadRegistry(args.options.get('--nodes-dir'), io);
  io.out(
    args.flags.has('--json') ? JSON.stringify(registry.list(), null, 2) : formatNodeTypes(registry.list()),
  );
  return 0;
}

async function runCommand(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, {
    flags: ['--json'],
    options: ['--nodes-dir', '--workspace', '--time-limit'],
  });
  const timeLimit = args.options.get('--time-limit');
  const timeLimitS = timeLimit === undefined ? undefined : Number(timeLimit);
  if (timeLimitS !== undefined && !(timeLimitS > 0)) {
    throw new UsageError(`--time-limit expects a number of seconds above 0, got "${timeLimit}"`);
  }
  const file = fileArg(args.positional, 'run');
  const json = args.flags.has('--json');
  const workflow = await readWorkflow(file, io);
  if (!workflow) return 2;
  const registry = await loadRegistry(args.options.get('--nodes-dir'), io);
  const baseDir = path.dirname(path.resolve(file));
  const workspace = args.options.get('--workspace');
  if (workspace !== undefined && !isFolder(workspace))
    throw new UsageError(`--workspace ${workspace} is not a folder`);
  const { runsDir, workflowPath } = runHistoryPlace(file, workspace);
  let handle;
  try {
    handle = await startRun({
      workflow,
      baseDir,
      runsDir,
      registry,
      paramOverrides: args.params,
      workflowPath,
      ...(timeLimitS !== undefined ? { timeLimitMs: Math.round(timeLimitS * 1000) } : {}),
    });
  } catch (err) {
    if (err instanceof WorkflowInvalidError) {
      printProblems(file, err.problems, io);
      return 2;
    }
    throw err;
  }
  // The run's history (run.json, events.ndjson), written as `sluice serve` writes its runs.
  const store = new RunStore({ runsDir, warn: (m) => io.err(`warning: ${m}`) });
  store.record(handle);
  if (!json) io.out(`run ${handle.runId} (${handle.runDir})`);
  handle.onEvent((e) => {
    if (json) io.out(JSON.stringify(e));
    else {
      const line = formatEvent(e);
      if (line !== undefined) io.out(line);
    }
  });
  // Ctrl-C stops the run cleanly; a second one leaves at once.
  let interrupted = 0;
  const onSigint = (): void => {
    if (++interrupted > 1) process.exit(130);
    if (!json) io.err('stopping… (Ctrl-C again to quit at once)');
    void handle.stop();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const summary = await handle.done;
    await store.flush();
    if (!json && summary.endedAt) {
      // A run that went on without an allow-fail node still says that node failed.
      const failed = summary.failedNodes?.length ? ` (failed: ${summary.failedNodes.join(', ')})` : '';
      io.out(`${summary.status} in ${((summary.endedAt - summary.startedAt) / 1000).toFixed(2)} s${failed}`);
    }
    return summary.status === 'completed' ? 0 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  // `sluice run --help` and the like: the usage, whatever else is on the line.
  if (command !== 'serve' && command !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    io.out(USAGE);
    return 0;
  }
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest, io);
      case 'validate':
        return await validateCommand(rest, io);
      case 'nodes':
        return await nodesCommand(rest, io);
      case 'serve': {
        const { serve } = await import('./serve.js');
        return await serve(rest);
      }
      case '--version':
      case '-v':
        io.out(version());
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`sluice: ${err.message}\n${USAGE.split('\n')[0]} (sluice --help)`);
      return 2;
    }
    io.err(`sluice: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
