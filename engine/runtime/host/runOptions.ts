// What starting a run takes besides the workflow (the launcher, a pool, the worker entry), and the
// run's default capacity and grace periods.

import type { InferenceSpares } from './inferenceSpares.js';
import type { Launcher, StartRunOptions } from './contracts.js';
import type { WorkerPool } from './workerPool.js';

/** Channel capacity (messages) of an edge without its own `capacity`. */
export const DEFAULT_CAPACITY = 512;

export interface RunOptions extends StartRunOptions {
  launcher?: Launcher;
  pool?: WorkerPool;
  /** The worker entry; found next to this bundle or under dist/engine/ by default. */
  workerEntry?: string;
  /** Pre-started inference processes for the run's check (a long-lived host keeps one ready). */
  inferenceSpares?: InferenceSpares;
}

/** After a stop, how long nodes get to return before their processes are killed. */
export const KILL_GRACE_MS = 1000;
/** After Abort, how long nodes get to clean up before their processes are killed. */
export const ABORT_GRACE_MS = 300;
/** After Stop, how long in-flight items get to drain before the run is stopped hard. */
export const DRAIN_GRACE_MS = 10_000;
