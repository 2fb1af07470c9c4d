// The host service: the one async facade that every host (Electron main, `sluice serve`, `sluice run`)
// puts in front of the engine (Node-RED's runtime API idea). Every host method goes through `call`;
// nothing else reaches past it. A caller that receives run events opens a session: the runs it starts
// are bound to it before their first event can reach it, and it gets those runs' events and the ones
// of runs it subscribes to (runFeed.ts), in batches (eventBatcher.ts). History: engine/store.

import path from 'node:path';
import type { HostMethod, HostMethods, HostParams, HostResult, WorkspaceTrustState } from '../hostApi/api.js';
import { HostError } from '../hostApi/errors.js';
import { nodeTypeMap } from '../model/nodeTypeInfo.js';
import { applyParamOverrides } from '../model/paramOverrides.js';
import { isTerminalRunStatus } from '../model/run.js';
import type { Workflow } from '../model/workflow.js';
import { createRegistry } from '../nodes/registry.js';
import type { RegistryLoadError } from '../nodes/registry.js';
import type { Launcher, RunHandle } from '../runtime/host/contracts.js';
import { resolveWorkerEntry, startRun, WorkflowInvalidError } from '../runtime/host/runController.js';
import { WorkerPool } from '../runtime/host/workerPool.js';
import { createChildLauncher } from '../runtime/host/childLauncher.js';
import { InferenceSpares } from '../runtime/host/inferenceSpares.js';
import { RunStore, type RunOrigin } from '../store/runStore.js';
import { defaultExamplesDir, Examples } from './examples.js';
import { previewOutput } from './outputs/previewOutput.js';
import { RunFeed, type RunEventsListener } from './runFeed.js';
import { inferWorkflow, validateWorkflow, type InferenceOptions } from './validateWorkflow.js';
import { WorkflowFiles } from './workflowFiles.js';
import { WorkspacePaths } from './workspacePaths.js';
import { defaultTrustFile, WorkspaceTrust } from './workspaceTrust.js';

export interface HostServiceOptions {
  /** Folder of the user's workflows; relative paths of the host API resolve against it. */
  workspace: string;
  /** Where runs keep their folders; `<workspace>/.sluice/runs` by default. */
  runsDir?: string;
  /** Who starts this host's runs, as the history records it (default `editor`). */
  runOrigin?: RunOrigin;
  /** How node processes start; the runtime's child_process launcher by default. */
  launcher?: Launcher;
  userNodesDir?: string;
  /** Refuse paths outside the workspace (`sluice serve`); the app passes false. */
  confine: boolean;
  /** Example workflows; the repository's `examples/` by default. */
  examplesDir?: string;
  /** Keep pre-started node processes so runs start faster (default true). */
  usePool?: boolean;
  /** Where trusted folders are remembered (`~/.config/sluice/trusted-folders.json` by default). */
  trustFile?: string;
  /**
   * Whether the workspace folder is trusted by how the host was started (default true: `sluice serve
   * --workspace DIR`, the app's own folder); `sluice serve` in the current folder passes false.
   */
  trustWorkspace?: boolean;
  /** Every run of this host fails when it takes longer than this (ms): `sluice run --time-limit`. */
  runTimeLimitMs?: number;
  /** More folders trusted for this host's life only (`sluice run FILE`: running it is the user's act). */
  trustFolders?: string[];
  /** How long a node's output types may take before its check is stopped (10 s by default). */
  inferTimeoutMs?: number;
  /** Warnings (a corrupt run folder …); console.warn by default. */
  warn?: (message: string) => void;
}

export type { RunEventsListener } from './runFeed.js';

/** One caller that receives run events: a WebSocket client, a desktop window, `sluice run`. */
export interface HostSession {
  /** As HostService.call; `run:start` binds the run to this session, `run:subscribe` adds one. */
  call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>>;
  /** The caller is gone: no more events. */
  close(): void;
}

export interface HostSessionOptions {
  /** false: every event on its own as it happens; by default batches, at most ~30 a second. */
  batch?: boolean;
}

export interface HostService {
  /** A call from a caller that receives no run events (the REST API); `run:subscribe` needs a session. */
  call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>>;
  /** A caller that receives the events of the runs it starts and of those it subscribes to. */
  openSession(listener: RunEventsListener, options?: HostSessionOptions): HostSession;
  /** User node modules that could not be loaded (the other node types are there). */
  readonly nodeLoadErrors: readonly RegistryLoadError[];
  /** Stops every run (waiting until its processes are gone) and writes their history. */
  close(): Promise<void>;
}

type Handlers = { [M in HostMethod]: (params: HostMethods[M][0]) => Promise<HostMethods[M][1]> };

export async function createHostService(options: HostServiceOptions): Promise<HostService> {
  const paths = await WorkspacePaths.create(options.workspace, options.confine);
  const registry = await createRegistry(options.userNodesDir ? { userNodesDir: options.userNodesDir } : {});
  const nodeTypes = registry.list();
  const typesMap = nodeTypeMap(nodeTypes);
  const examples = new Examples(options.examplesDir ?? defaultExamplesDir());
  const files = new WorkflowFiles(paths, examples);
  const runsDir = path.resolve(paths.root, options.runsDir ?? path.join('.sluice', 'runs'));
  const trust = new WorkspaceTrust(
    options.trustFile ?? defaultTrustFile(),
    [...(options.trustWorkspace === false ? [] : [paths.root]), ...(options.trustFolders ?? [])],
    options.warn,
  );
  const store = new RunStore({ runsDir, ...(options.warn ? { warn: options.warn } : {}) });
  const active = new Map<string, RunHandle>();
  const feeds = new Set<RunFeed>();
  const warn = options.warn ?? console.warn;
  let closed = false;
  let pool: WorkerPool | undefined;
  /** Made on the first run: a host that only edits never starts a node process. */
  function workerPool(): WorkerPool | undefined {
    if (options.usePool === false) return undefined;
    pool ??= new WorkerPool({
      launcher: options.launcher ?? createChildLauncher(),
      entry: resolveWorkerEntry(),
    });
    return pool;
  }

  /** Folder that relative paths of a workflow resolve against. */
  async function baseDirOf(workflowPath: string | undefined): Promise<string> {
    if (workflowPath === undefined) return paths.root;
    if (examples.isExamplePath(workflowPath)) return examples.dir;
    return path.dirname(await paths.resolve(workflowPath));
  }

  /** The trust of a workflow's folder; the app's own examples are always trusted. */
  async function trustOf(workflowPath: string | undefined): Promise<WorkspaceTrustState> {
    const folder = await baseDirOf(workflowPath);
    if (workflowPath !== undefined && examples.isExamplePath(workflowPath)) return { trusted: true, folder };
    return trust.state(folder);
  }

  /** How the check of the workflow at `p` may infer: restricted when untrusted, confined in serve. */
  function inferenceFor(p: string | undefined, state: WorkspaceTrustState): InferenceOptions {
    // Examples are the app's own files: they read data beside them, outside the workspace.
    const confine = options.confine && !(p !== undefined && examples.isExamplePath(p));
    return { ...inferenceOptions, restricted: !state.trusted, ...(confine ? { confineTo: paths.root } : {}) };
  }

  async function liveRun(runId: string): Promise<RunHandle> {
    const handle = active.get(runId);
    if (handle) return handle;
    if (!(await store.has(runId))) throw noSuchRun(runId);
    // A run of another host (a `sluice run` in a terminal) is not this host's to control.
    const status = (await store.get(runId))?.status;
    throw new HostError(
      status && !isTerminalRunStatus(status)
        ? `Run ${runId} is not running in this host (another host runs it)`
        : `Run ${runId} is not running (it has ended: ${status ?? 'unknown'})`,
      undefined,
      'conflict',
    );
  }

  function runDirOf(runId: string): string {
    const runDir = store.runDir(runId);
    if (!runDir) throw new HostError(`No run with id "${runId}"`);
    return runDir;
  }

  function noSuchRun(runId: string): HostError {
    return new HostError(`No run with id "${runId}" in the history of ${runsDir}`, undefined, 'not-found');
  }

  /** Checks and starts a run, and records it in the history. */
  async function launch(
    { workflow: asSent, path: p, overrides }: HostParams<'run:start'>,
    startedBy: RunOrigin,
  ): Promise<RunHandle> {
    if (closed) throw new HostError('The host is shutting down; no new runs');
    const { workflow, problems: overrideProblems } = applyParamOverrides(asSent as Workflow, overrides);
    if (overrideProblems.length > 0)
      throw new HostError(`The workflow cannot run: the parameter overrides name no node`, overrideProblems);
    const state = await trustOf(p);
    if (!state.trusted) {
      throw new HostError(
        `Not run: the folder ${state.folder} is not trusted. A workflow runs code; Sluice shows and checks this one but runs nothing from it until you trust its folder (Trust this folder).`,
      );
    }
    let handle: RunHandle;
    try {
      handle = await startRun({
        workflow,
        baseDir: await baseDirOf(p),
        runsDir,
        registry,
        ...(p !== undefined ? { workflowPath: p } : {}),
        ...(options.launcher ? { launcher: options.launcher } : {}),
        ...(workerPool() ? { pool: workerPool() } : {}),
        inferenceSpares: spares,
        ...(options.runTimeLimitMs !== undefined ? { timeLimitMs: options.runTimeLimitMs } : {}),
      });
    } catch (err) {
      if (err instanceof WorkflowInvalidError) {
        const errors = err.problems.filter((pr) => pr.severity === 'error');
        throw new HostError(
          `The workflow cannot run: ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix first`,
          err.problems,
        );
      }
      throw err;
    }
    active.set(handle.runId, handle);
    store.record(handle, {
      workflow,
      startedBy,
      ...(overrides && overrides.length > 0 ? { params: overrides } : {}),
    });
    void handle.done.finally(() => active.delete(handle.runId));
    return handle;
  }

  // One inference process kept started (after the first check), so the editor's checks do not wait.
  const spares = new InferenceSpares(options.launcher ? { launcher: options.launcher } : {});
  const inferenceOptions = {
    spares,
    ...(options.launcher ? { launcher: options.launcher } : {}),
    ...(options.inferTimeoutMs ? { timeoutMs: options.inferTimeoutMs } : {}),
  };

  const handlers: Handlers = {
    'nodes:list': async () => nodeTypes,

    'workflow:validate': async ({ workflow, path: p }) => {
      const state = await trustOf(p);
      return validateWorkflow(workflow, registry, typesMap, await baseDirOf(p), inferenceFor(p, state));
    },

    'workflow:infer': async ({ workflow, path: p }) => {
      const state = await trustOf(p);
      const result = await inferWorkflow(
        workflow,
        registry,
        typesMap,
        await baseDirOf(p),
        inferenceFor(p, state),
      );
      return {
        outputTypes: result.outputTypes,
        problems: result.inferenceProblems,
        suggestedParams: result.suggestedParams,
        ...(state.trusted ? {} : { restricted: state }),
      };
    },

    'trust:get': ({ path: p }) => trustOf(p),
    'trust:grant': async ({ path: p }) => {
      const state = await trustOf(p);
      return state.trusted ? state : trust.grant(state.folder);
    },

    'workflow:open': ({ path: p }) => files.open(p),
    'workflow:save': ({ path: p, text }) => files.save(p, text),
    'workflow:list': ({ dir }) => files.list(dir),
    'workflow:delete': ({ path: p }) => files.delete(p),
    'workflow:examples': () => examples.list(),

    // A caller without a session: the REST API.
    'run:start': async (params) => ({ runId: (await launch(params, 'rest')).runId }),
    'run:stop': async ({ runId }) => {
      await (await liveRun(runId)).stop();
      return { ok: true };
    },
    'run:abort': async ({ runId }) => {
      await (await liveRun(runId)).abort();
      return { ok: true };
    },
    'run:pause': async ({ runId }) => {
      (await liveRun(runId)).pause();
      return { ok: true };
    },
    'run:resume': async ({ runId }) => {
      (await liveRun(runId)).resume();
      return { ok: true };
    },
    'run:list': ({ workflow, status, since, before, limit }) =>
      store.list({
        ...(since !== undefined ? { since } : {}),
        ...(workflow !== undefined ? { workflow } : {}),
        ...(status !== undefined ? { state: status } : {}),
        ...(before !== undefined ? { before: { startedAt: before.startedAt, id: before.runId } } : {}),
        ...(limit !== undefined ? { limit } : {}),
      }),
    'run:logs': async ({ runId, nodeId, afterSeq, limit }) => {
      if (!(await store.has(runId))) throw noSuchRun(runId);
      return store.logs(runId, {
        ...(nodeId !== undefined ? { nodeId } : {}),
        afterSeq: afterSeq ?? -1,
        limit: limit ?? 1000,
      });
    },
    'run:get': async ({ runId }) => {
      const run = await store.get(runId);
      if (!run) throw noSuchRun(runId);
      const workflow = await store.workflowOf(runId);
      return workflow ? { ...run, workflow } : run;
    },
    'run:outputs': async ({ runId }) => {
      const outputs = await store.outputs(runId);
      if (!outputs) throw new HostError(`No run with id "${runId}"`);
      return outputs;
    },
    'run:preview': async ({ runId, nodeId, port }) => previewOutput(runDirOf(runId), nodeId, port),
    'run:subscribe': async () => {
      throw new HostError('run:subscribe needs a connection that receives events (the WebSocket API)');
    },
    'run:unsubscribe': async () => {
      throw new HostError('run:unsubscribe needs a connection that receives events (the WebSocket API)');
    },
  };

  function call<M extends HostMethod>(
    table: Partial<Handlers>,
    method: M,
    params: HostParams<M>,
  ): Promise<HostResult<M>> {
    // hasOwn: a method name is data from a client, never a way into Object.prototype.
    const from = Object.hasOwn(table, method) ? table : Object.hasOwn(handlers, method) ? handlers : {};
    const handler = from[method] as ((p: HostParams<M>) => Promise<HostResult<M>>) | undefined;
    if (!handler) return Promise.reject(new HostError(`Unknown host method "${String(method)}"`));
    return handler(params);
  }

  function openSession(listener: RunEventsListener, sessionOptions: HostSessionOptions = {}): HostSession {
    const feed = new RunFeed(listener, {
      warn,
      ...(sessionOptions.batch !== undefined ? { batch: sessionOptions.batch } : {}),
    });
    feeds.add(feed);
    const own: Partial<Handlers> = {
      // Bound before the run's first event can reach the caller: the feed replays from the start.
      'run:start': async (params) => {
        const handle = await launch(params, options.runOrigin ?? 'editor');
        feed.follow(handle);
        return { runId: handle.runId };
      },
      'run:subscribe': async ({ runId, afterSeq }) => {
        const handle = active.get(runId);
        if (handle) {
          feed.follow(handle, afterSeq);
          return { live: true };
        }
        if (!(await store.has(runId))) throw noSuchRun(runId);
        return { live: false };
      },
      'run:unsubscribe': async ({ runId }) => {
        feed.unfollow(runId);
        return { ok: true };
      },
    };
    return {
      call: (method, params) => call(own, method, params),
      close() {
        feed.close();
        feeds.delete(feed);
      },
    };
  }

  return {
    call: (method, params) => call({}, method, params),
    openSession,
    nodeLoadErrors: registry.loadErrors,
    async close() {
      closed = true;
      // Shutting down: no drain, every node process goes at once.
      await Promise.allSettled([...active.values()].map((h) => h.abort()));
      pool?.dispose();
      spares.dispose();
      await store.close();
      // Each feed sends what it still holds of the runs just stopped.
      for (const feed of feeds) feed.close();
      feeds.clear();
    },
  };
}
