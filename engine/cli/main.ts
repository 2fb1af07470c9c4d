// The `sluice` command line (bin/sluice.js calls main). Exit codes: 0 success, 1 the run failed or was
// cancelled, 2 a bad file or bad arguments (one short message, never a stack trace).

import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { nodeTypeMap } from '../model/nodeTypeInfo.js';
import { validateWorkflow } from '../host/validateWorkflow.js';
import { parseWorkflow } from '../model/load.js';
import { applyParamOverrides } from '../model/paramOverrides.js';
import { formatProblem, type Problem } from '../model/problem.js';
import type { Workflow } from '../model/workflow.js';
import { createRegistry, type LoadedRegistry } from '../nodes/registry.js';
import { parseCommandArgs, UsageError } from './args.js';
import { formatNodeTypes } from './format.js';
import { runWorkflow, type CliIo } from './runWorkflow.js';

declare const SLUICE_VERSION: string | undefined;

const USAGE = `Usage: sluice <command> [options]

Commands:
  run FILE [--param NODE.KEY=VALUE …] [--json] [--nodes-dir DIR] [--workspace DIR] [--time-limit S]
                        run a workflow; exit 0 completed, 1 failed or cancelled, 2 invalid.
                        --time-limit: the run fails when it takes longer than S seconds.
                        The run joins the history that "sluice serve" lists: DIR/.sluice/runs,
                        else the nearest .sluice/runs above the file, else one next to it
  validate FILE [--param NODE.KEY=VALUE …] [--nodes-dir DIR]
                        print every problem of a workflow (the check "run" makes); exit 0 valid,
                        2 invalid
  nodes [--json] [--nodes-dir DIR]
                        list the node types with their ports and parameters
  serve [--port N] [--host H] [--token T] [--workspace DIR]
                        the editor in a browser (sluice serve --help)

Options:
  --nodes-dir DIR       folder of user node modules (*.js, *.mjs, *.ts); also $SLUICE_NODES_DIR
  --help, --version`;

type Io = CliIo;

const stdio: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function version(): string {
  return typeof SLUICE_VERSION === 'string' ? SLUICE_VERSION : (process.env.npm_package_version ?? '0.1.0');
}

/** `--nodes-dir DIR`, else $SLUICE_NODES_DIR, as an absolute path. */
function userNodesDir(option: string | undefined): string | undefined {
  const dir = option ?? process.env.SLUICE_NODES_DIR;
  return dir ? path.resolve(dir) : undefined;
}

async function loadRegistry(dir: string | undefined, io: Io): Promise<LoadedRegistry> {
  const nodesDir = userNodesDir(dir);
  const registry = await createRegistry(nodesDir ? { userNodesDir: nodesDir } : {});
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

/** Every problem found before a run, then their count: exit 2 (`validate` and `run` alike). */
function refuse(file: string, problems: Problem[], io: Io): number {
  printProblems(file, problems, io);
  io.err(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  return 2;
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
  // `--param` as `run` applies it, so both give one verdict on the same workflow.
  const { workflow: checked, problems: overrideProblems } = applyParamOverrides(workflow, args.params);
  if (overrideProblems.length > 0) return refuse(file, overrideProblems, io);
  // The same check as the editor's and `run`'s: inferred schemas (CSV columns, SQL results) included.
  const problems = await validateWorkflow(checked, registry, types, path.dirname(path.resolve(file)));
  const errors = problems.filter((p) => p.severity === 'error');
  printProblems(
    file,
    problems.filter((p) => p.severity !== 'error'),
    io,
  );
  if (errors.length > 0) return refuse(file, errors, io);
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
  const workflow = await readWorkflow(file, io);
  if (!workflow) return 2;
  const workspace = args.options.get('--workspace');
  if (workspace !== undefined && !isFolder(workspace))
    throw new UsageError(`--workspace ${workspace} is not a folder`);
  return runWorkflow({
    file,
    workflow,
    params: args.params,
    workspace,
    userNodesDir: userNodesDir(args.options.get('--nodes-dir')),
    json: args.flags.has('--json'),
    io,
    refuse: (problems) => refuse(file, problems, io),
    ...(timeLimitS !== undefined ? { timeLimitMs: Math.round(timeLimitS * 1000) } : {}),
  });
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
