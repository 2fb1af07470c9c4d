// A node process (the default role of dist/engine/worker.js, see workerMain.ts). It starts idle so a pool can
// start it ahead of time, optionally imports heavy modules ('preload'), then runs one node of one
// run: 'assign' → listen for input edges → 'start' → connect output edges and run → final status →
// wait for 'exit'. Messages: ./protocol.ts.

import path from 'node:path';
import { format } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { LogLevel } from '../../model/run.js';
import { resolvePorts } from '../../model/nodeTypeInfo.js';
import type { NodeContext, NodeDefinition } from '../../sdk/index.js';
import { prepareModules } from '../../nodes/prepare.js';
import { builtinNode } from '../../nodes/registry.js';
import { connectControlChannel } from './controlChannel.js';
import { StoppedError, toErrorInfo } from '../common/errors.js';
import { InputHub } from './inputs.js';
import { runWithPolicy } from './nodeRunner.js';
import { OutputHub } from './outputs.js';
import type { HostToWorker, NodeAssignment } from '../common/protocol.js';
import { WorkerReporter } from './workerReporter.js';
import { attemptInputs, attemptOutputs } from './attemptPorts.js';
import { Watchdog } from './watchdog.js';
import { writeValueRecords } from './valueRecords.js';

/** How long a stopped node may take to return before the process exits anyway. */
const STOP_GRACE_MS = 300;

const channel = connectControlChannel();
const underElectron = (process as { parentPort?: unknown }).parentPort !== undefined;
// Without a parent-death signal from the launcher (childLauncher.ts) a thread watches for the host's
// death: 'disconnect' alone cannot end a process whose event loop node code blocks.
let watchdog: Watchdog | undefined =
  underElectron || process.env.SLUICE_PDEATHSIG === '1' ? undefined : new Watchdog(process.ppid);

interface Active {
  assignment: NodeAssignment;
  definition: NodeDefinition<never>;
  inputs: InputHub;
  outputs: OutputHub;
  reporter: WorkerReporter;
  stop: AbortController;
  finished: Promise<void> | undefined;
  /** Stopped by a drain: its streams end normally (END), so what it sent goes through. */
  drained: boolean;
}

let active: Active | undefined;
let queue: Promise<void> = Promise.resolve();

async function loadDefinition(a: NodeAssignment): Promise<NodeDefinition<never>> {
  if (!a.modulePath) {
    const def = builtinNode(a.type);
    if (!def) throw new Error(`Node "${a.nodeId}": unknown built-in node type "${a.type}"`);
    return def;
  }
  const mod = (await import(pathToFileURL(a.modulePath).href)) as { default?: NodeDefinition<never> };
  if (!mod.default || typeof mod.default.run !== 'function') {
    throw new Error(`Node "${a.nodeId}": module ${a.modulePath} does not default-export a node definition`);
  }
  return mod.default;
}

function routeConsole(reporter: WorkerReporter): void {
  // Node code that uses console.* ends up in the run's log, not on the host's stdout.
  const route =
    (level: LogLevel) =>
    (...args: unknown[]): void =>
      reporter.log(level, format(...args));
  console.log = route('info');
  console.info = route('info');
  console.debug = route('debug');
  console.warn = route('warn');
  console.error = route('error');
}

async function assign(a: NodeAssignment): Promise<void> {
  // `ps` shows which node a process runs.
  process.title = `sluice ${a.runId} ${a.nodeId}`;
  try {
    const definition = await loadDefinition(a);
    const ports = resolvePorts(definition, a.params);
    const inputs = new InputHub(
      ports.inputs.map((p) => p.name),
      a.inputs,
      a.nodeId,
    );
    const outputs = new OutputHub(
      ports.outputs.map((p) => p.name),
      a.outputs,
      a.nodeId,
    );
    inputs.onCheckpoint = () => outputs.mark();
    const reporter = new WorkerReporter(channel, () => [...outputs.counts(), ...inputs.counts()]);
    routeConsole(reporter);
    await inputs.listen();
    active = {
      assignment: a,
      definition,
      inputs,
      outputs,
      reporter,
      stop: new AbortController(),
      finished: undefined,
      drained: false,
    };
    channel.send({ type: 'listening', socketPath: inputs.socketPath });
  } catch (err) {
    channel.send({ type: 'fatal', error: toErrorInfo(err) });
  }
}

function context(act: Active, attempt: number, signal: AbortSignal): NodeContext {
  const a = act.assignment;
  const log = (level: LogLevel) => (message: string) => act.reporter.log(level, String(message));
  return {
    nodeId: a.nodeId,
    params: a.params,
    inputs: attemptInputs(act.inputs),
    outputs: attemptOutputs(act.outputs),
    log: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    progress: (update) => act.reporter.setProgress(update),
    signal,
    runDir: a.runDir,
    baseDir: a.baseDir,
    resolvePath: (p: string) => path.resolve(a.baseDir, p),
    types: a.types,
    ...(a.inferred !== undefined ? { inferred: a.inferred } : {}),
    attempt,
  };
}

/** A source drained before it ran: no value, its streams end normally, and it is cancelled. */
async function endUnstarted(act: Active, targets: Record<string, string>): Promise<void> {
  act.outputs.connect(targets);
  await act.outputs.closeAll().catch(() => undefined);
  act.inputs.close();
  channel.send({ type: 'status', status: 'cancelled', attempt: 0 });
}

async function run(act: Active, targets: Record<string, string>): Promise<void> {
  if (act.assignment.policy.timeoutMs) watchdog ??= new Watchdog();
  act.outputs.connect(targets);
  act.reporter.start();
  const result = await runWithPolicy({
    definition: act.definition,
    nodeId: act.assignment.nodeId,
    policy: act.assignment.policy,
    stopSignal: act.stop.signal,
    context: (attempt, signal) => context(act, attempt, signal),
    onStatus: (status, attempt, error) =>
      act.reporter.send({ type: 'status', status, attempt, ...(error ? { error } : {}) }),
    endAttempt: (attempt) => {
      const fence = new Error(`Node "${act.assignment.nodeId}": attempt ${attempt} has ended`);
      act.inputs.endAttempt(fence);
      act.outputs.endAttempt(fence);
    },
    ...(watchdog ? { watchdog } : {}),
    rewind: () => {
      act.inputs.rewind();
      act.outputs.rewind();
    },
  });
  const endsNormally =
    result.status === 'completed' ||
    act.drained ||
    (result.status === 'failed' && act.assignment.policy.allowFail === true);
  if (endsNormally) {
    // Downstream inputs end (the shutdown cascade; for a failed allow-fail node its consumers just
    // see the end of the stream).
    await act.outputs.closeAll().catch(() => undefined);
  } else {
    // Failed (the run fails) or cancelled: no END, so no consumer takes the cut stream for a whole
    // one and completes; the host stops them (cancelled).
    act.outputs.destroy();
  }
  act.inputs.close();
  // Recorded before the final state goes out: once the run has ended, the data view reads them.
  await writeValueRecords(act.assignment, act.outputs);
  act.reporter.stop();
  channel.send({
    type: 'status',
    status: result.status,
    attempt: 0,
    ...(result.error ? { error: result.error } : {}),
  });
}

function stop(): void {
  if (!active) {
    process.exit(0);
  }
  const act = active;
  if (act.stop.signal.aborted) return;
  const reason = new StoppedError();
  act.stop.abort(reason);
  act.inputs.abort(reason);
  act.outputs.abort(reason);
  if (!act.finished) {
    act.inputs.close();
    act.reporter.stop();
    channel.send({ type: 'status', status: 'cancelled', attempt: 0 });
    return;
  }
  // A node that ignores its signal does not hold the process: the host kills it after its own grace.
  setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
}

/** Stop draining (a source): refuse its sends from now on, end its run; its streams end normally. */
function drain(): void {
  const act = active;
  if (!act || act.drained || act.stop.signal.aborted) return;
  act.drained = true;
  // Not started yet: it never runs; at 'start' its streams end at once, so its consumers drain too.
  if (!act.finished) return;
  const reason = new StoppedError();
  act.outputs.endAttempt(reason);
  act.stop.abort(reason);
}

function handle(m: HostToWorker): void {
  switch (m.type) {
    case 'preload':
      queue = queue.then(async () => {
        for (const mod of m.modules) {
          // A module that fails to load here fails later, in the node that needs it, with its own message.
          await import(mod).catch(() => undefined);
        }
        // Not awaited in the queue: an assignment that arrives meanwhile need not wait for it.
        const prepared = m.prepare ? prepareModules(m.modules) : Promise.resolve();
        void prepared.then(() => channel.send({ type: 'ready' }));
      });
      return;
    case 'assign':
      queue = queue.then(() => assign(m.assignment));
      return;
    case 'start':
      queue = queue.then(() => {
        if (!active || active.stop.signal.aborted) return;
        if (active.drained) {
          active.finished = endUnstarted(active, m.targets);
          return;
        }
        active.finished = run(active, m.targets).catch((err: unknown) => {
          channel.send({ type: 'fatal', error: toErrorInfo(err) });
        });
      });
      return;
    case 'pause':
      active?.inputs.pause();
      active?.outputs.pause();
      return;
    case 'resume':
      active?.inputs.resume();
      active?.outputs.resume();
      return;
    case 'drain':
      queue = queue.then(drain);
      return;
    case 'edge-closed':
      active?.inputs.closeEdge(m.edgeId);
      return;
    case 'stop':
      queue = queue.then(stop);
      return;
    case 'exit':
      process.exit(0);
  }
}

channel.onMessage(handle);
channel.onDisconnect(() => process.exit(0));
process.on('uncaughtException', (err) => {
  // A stray callback of node code threw: that is this node's failure, reported before exiting.
  channel.send({ type: 'fatal', error: toErrorInfo(err) });
  setTimeout(() => process.exit(1), 50);
});
process.on('unhandledRejection', (err) => {
  channel.send({ type: 'fatal', error: toErrorInfo(err) });
  setTimeout(() => process.exit(1), 50);
});
// Ctrl-C in a terminal reaches the whole process group: the host stops its nodes itself (cancelled,
// not "killed by SIGINT").
process.on('SIGINT', () => undefined);
