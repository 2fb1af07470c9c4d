// Contracts between the runtime and its users (CLI, server, Electron main). The runtime implements
// them; everything else codes against them.

import type { NodeRegistry } from '../../nodes/registry.js';
import type { ParamOverride } from '../../model/paramOverrides.js';
import type { RunEvent, RunSummary } from '../../model/run.js';
import type { Workflow } from '../../model/workflow.js';

/** A started node process, whatever started it (child_process.fork or Electron's utilityProcess.fork). */
export interface WorkerProcess {
  readonly pid: number | undefined;
  /** Structured-clone/JSON message to the worker (the control channel, not the data channel). */
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** `code` null and `signal` set when killed; after the process's output has been read. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /**
   * Optional: what the process writes to stdout and stderr (V8's fatal errors, native modules), for
   * the run's events. Without a listener it goes to the host's stderr.
   */
  onOutput?(listener: (text: string) => void): void;
  kill(signal?: NodeJS.Signals): void;
  /** Optional: let the host process exit while this (idle, pooled) worker lives. */
  unref?(): void;
  /** Optional: undo `unref` once the worker has work. */
  ref?(): void;
}

/** The one thing that differs between the app and the CLI: how a node process starts. */
export interface Launcher {
  /** Starts the worker entry (dist/engine/worker.js) in a new process. */
  launch(options: { entry: string; env?: Record<string, string>; execArgv?: string[] }): WorkerProcess;
}

export interface StartRunOptions {
  workflow: Workflow;
  /** Folder of the workflow file (relative paths in parameters resolve against it). */
  baseDir: string;
  /** Where runs keep their folders (`<runsDir>/<runId>/`). */
  runsDir: string;
  registry: NodeRegistry;
  /** `--param NODE.KEY=VALUE` overrides, applied before the check. */
  paramOverrides?: readonly ParamOverride[];
  /** How long Stop lets in-flight items drain before stopping hard (default 10 s). */
  drainGraceMs?: number;
  /** The run fails (its nodes are stopped) when it takes longer than this (ms). */
  timeLimitMs?: number;
  /**
   * The most node processes this host runs at once, over all its runs (default: processLimit()).
   * A run waits until it can have all of its processes; one that needs more is refused.
   */
  maxProcesses?: number;
  workflowPath?: string;
}

export interface RunHandle {
  readonly runId: string;
  readonly runDir: string;
  /** Every event of the run, in `seq` order, from the first one on (late listeners get a replay). */
  onEvent(listener: (event: RunEvent) => void): () => void;
  summary(): RunSummary;
  /**
   * Drains: sources stop and end their streams, in-flight items go through, nodes end as their
   * inputs end; after a grace period (default 10 s) the rest is stopped hard. Resolves when no node
   * process of the run is left; the run ends `cancelled`.
   */
  stop(graceMs?: number): Promise<void>;
  /** Stops every node at once (processes killed without grace); resolves when none is left. */
  abort(): Promise<void>;
  pause(): void;
  resume(): void;
  /** Resolves with the final summary when the run ends (completed, failed or cancelled). */
  readonly done: Promise<RunSummary>;
}
