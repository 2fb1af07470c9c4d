// The host service: the one async facade that both hosts (Electron main, `sluice serve`) put in front
// of the engine (Node-RED's runtime API idea). Every host method goes through `call`; nothing else
// reaches past it. Run events reach clients in batches (eventBatcher.ts) and history (engine/store).

import path from 'node:path';
import type { HostMethod, HostMethods, HostParams, HostResult, TablePreview } from '../hostApi/api.js';
import { HostError } from '../hostApi/errors.js';
import { nodeTypeMap } from '../model/nodeTypeInfo.js';
import { ID_PATTERN } from '../model/schema.js';
import type { RunEvent } from '../model/run.js';
import type { Workflow } from '../model/workflow.js';
import { createRegistry } from '../nodes/registry.js';
import type { NodeRegistry } from '../nodes/registry.js';
import type { Launcher, RunHandle } from '../runtime/host/contracts.js';
import { resolveWorkerEntry, startRun, WorkflowInvalidError } from '../runtime/host/runController.js';
import { WorkerPool } from '../runtime/host/workerPool.js';
import { createChildLauncher } from '../runtime/host/childLauncher.js';
import { RunStore } from '../store/runStore.js';
import { EventBatcher } from './eventBatcher.js';
import { defaultExamplesDir, Examples } from './examples.js';
import { listRecordedOutputs } from './outputs/outputRecords.js';
import { inferWorkflow, validateWorkflow } from './validateWorkflow.js';
import { WorkflowFiles } from './workflowFiles.js';
import { WorkspacePaths } from './workspacePaths.js';

export interface HostServiceOptions {
  /** Folder of the user's workflows; relative paths of the host API resolve against it. */
  workspace: string;
  /** Where runs keep their folders; `<workspace>/.sluice/runs` by default. */
  runsDir?: string;
  /** How node processes start; the runtime's child_process launcher by default. */
  launcher?: Launcher;
  userNodesDir?: string;
  /** Refuse paths outside the workspace (`sluice serve`); the app passes false. */
  confine: boolean;
  /** Example workflows; the repository's `examples/` by default. */
  examplesDir?: string;
  /** Keep pre-started node processes so runs start faster (default true). */
  usePool?: boolean;
  /** Warnings (a corrupt run folder …); console.warn by default. */
  warn?: (message: string) => void;
}

export type RunEventsListener = (runId: string, events: RunEvent[]) => void;

export interface HostService {
  call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>>;
  /** Event batches of every run of this host, at most ~30 a second. Returns unsubscribe. */
  onRunEvents(listener: RunEventsListener): () => void;
  /** Stops every run (waiting until its processes are gone) and writes their history. */
  close(): Promise<void>;
}

type Handlers = { [M in HostMethod]: (params: HostMethods[M][0]) => Promise<HostMethods[M][1]> };

export async function createHostService(options: HostServiceOptions): Promise<HostService> {
  const paths = await WorkspacePaths.create(options.workspace, options.confine);
  const registry: NodeRegistry = await createRegistry(
    options.userNodesDir ? { userNodesDir: options.userNodesDir } : {},
  );
  const nodeTypes = registry.list();
  const typesMap = nodeTypeMap(nodeTypes);
  const examples = new Examples(options.examplesDir ?? defaultExamplesDir());
  const files = new WorkflowFiles(paths, examples);
  const runsDir = path.resolve(paths.root, options.runsDir ?? path.join('.sluice', 'runs'));
  const store = new RunStore({ runsDir, ...(options.warn ? { warn: options.warn } : {}) });
  const active = new Map<string, RunHandle>();
  const listeners = new Set<RunEventsListener>();
  const batcher = new EventBatcher((runId, events) => {
    for (const listener of listeners) {
      try {
        listener(runId, events);
      } catch (err) {
        (options.warn ?? console.warn)(`A run event listener failed: ${(err as Error).message}`);
      }
    }
  });
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

  function liveRun(runId: string): RunHandle {
    const handle = active.get(runId);
    if (!handle) throw new HostError(`Run ${runId} is not running (it has ended or never existed)`);
    return handle;
  }

  const handlers: Handlers = {
    'nodes:list': async () => nodeTypes,

    'workflow:validate': async ({ workflow, path: p }) =>
      validateWorkflow(workflow, registry, typesMap, await baseDirOf(p)),

    'workflow:infer': async ({ workflow, path: p }) => {
      const result = await inferWorkflow(workflow, registry, typesMap, await baseDirOf(p));
      return { outputTypes: result.outputTypes, problems: result.inferenceProblems };
    },

    'workflow:open': ({ path: p }) => files.open(p),
    'workflow:save': ({ path: p, text }) => files.save(p, text),
    'workflow:list': ({ dir }) => files.list(dir),
    'workflow:examples': () => examples.list(),

    'run:start': async ({ workflow, path: p }) => {
      if (closed) throw new HostError('The host is shutting down; no new runs');
      let handle: RunHandle;
      try {
        handle = await startRun({
          workflow: workflow as Workflow,
          baseDir: await baseDirOf(p),
          runsDir,
          registry,
          ...(p !== undefined ? { workflowPath: p } : {}),
          ...(options.launcher ? { launcher: options.launcher } : {}),
          ...(workerPool() ? { pool: workerPool() } : {}),
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
      store.record(handle);
      handle.onEvent((event) => batcher.push(event));
      void handle.done.finally(() => {
        active.delete(handle.runId);
        // The last status of a run should not wait for the next tick of the batcher.
        batcher.flush();
      });
      return { runId: handle.runId };
    },
    'run:stop': async ({ runId }) => {
      await liveRun(runId).stop();
      return { ok: true };
    },
    'run:pause': async ({ runId }) => {
      liveRun(runId).pause();
      return { ok: true };
    },
    'run:resume': async ({ runId }) => {
      liveRun(runId).resume();
      return { ok: true };
    },
    'run:list': () => store.list(),
    'run:get': async ({ runId }) => {
      const run = await store.get(runId);
      if (!run) throw new HostError(`No run with id "${runId}" in the history of ${runsDir}`);
      return run;
    },
    'run:outputs': async ({ runId }) => {
      const runDir = store.runDir(runId);
      if (!runDir) throw new HostError(`No run with id "${runId}"`);
      return listRecordedOutputs(runDir);
    },
    'run:preview': async ({ runId, nodeId, port }) => {
      const runDir = store.runDir(runId);
      if (!runDir) throw new HostError(`No run with id "${runId}"`);
      // They name files in the run folder: never a path (callers validate too; this is the last line).
      if (!ID_PATTERN.test(nodeId) || !/^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(port)) {
        throw new HostError(`No output "${port}" of node "${nodeId}" to preview`);
      }
      return previewTableOutput(runDir, nodeId, port);
    },
  };

  return {
    call(method, params) {
      const handler = handlers[method] as
        ((p: typeof params) => Promise<HostResult<typeof method>>) | undefined;
      if (!handler) return Promise.reject(new HostError(`Unknown host method "${String(method)}"`));
      return handler(params);
    },
    onRunEvents(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      // Shutting down: no drain, every node process goes at once.
      await Promise.allSettled([...active.values()].map((h) => h.abort()));
      pool?.dispose();
      await store.flush();
      batcher.flush();
      batcher.dispose();
      listeners.clear();
    },
  };
}

/** Table previews come from the data nodes, loaded only when asked for (DuckDB is heavy). */
async function previewTableOutput(runDir: string, nodeId: string, port: string): Promise<TablePreview> {
  let mod: { previewTableOutput?: (runDir: string, nodeId: string, port: string) => Promise<TablePreview> };
  try {
    mod = await import('./outputs/preview.js');
  } catch (err) {
    throw new HostError(`Table previews are not available in this build: ${(err as Error).message}`);
  }
  if (typeof mod.previewTableOutput !== 'function')
    throw new HostError('Table previews are not available in this build');
  return mod.previewTableOutput(runDir, nodeId, port);
}
