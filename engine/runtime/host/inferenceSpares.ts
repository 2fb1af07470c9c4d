// One inference process started ahead of time, so a check does not wait for Node and the bundle to
// start (the editor asks after every edit). It has done nothing yet — no sandbox, no workflow — until a
// check takes it and sends its setup; then the next spare starts. Each check still gets its own
// process, which ends with the check.

import { INFERENCE_ROLE, PROCESS_ROLE_ENV } from '../../nodes/inferenceProtocol.js';
import { createChildLauncher } from './childLauncher.js';
import type { Launcher, WorkerProcess } from './contracts.js';
import { resolveWorkerEntry } from './workerEntry.js';

/** V8 heap of an inference process (DuckDB's own memory is capped inside it). */
export const INFERENCE_HEAP_MB = 256;

export interface InferenceLaunch {
  launcher?: Launcher;
  /** dist/engine/worker.js by default. */
  entry?: string;
}

/** Starts an inference process (idle until its setup message). */
export function launchInference(options: InferenceLaunch): WorkerProcess {
  const launcher = options.launcher ?? createChildLauncher();
  return launcher.launch({
    entry: options.entry ?? resolveWorkerEntry(),
    env: { [PROCESS_ROLE_ENV]: INFERENCE_ROLE },
    execArgv: [`--max-old-space-size=${INFERENCE_HEAP_MB}`],
  });
}

export class InferenceSpares {
  private spare: { proc: WorkerProcess; alive: boolean } | undefined;
  private disposed = false;

  constructor(private readonly options: InferenceLaunch) {}

  /** A started process for a check: the spare when there is a live one. */
  take(): WorkerProcess {
    const spare = this.spare;
    this.spare = undefined;
    const proc = spare?.alive ? spare.proc : launchInference(this.options);
    proc.ref?.();
    return proc;
  }

  /**
   * Starts the next spare, once a check has ended: starting it during the check would take CPU from
   * the check itself on a small machine.
   */
  refill(): void {
    if (this.disposed || this.spare) return;
    const spare = { proc: launchInference(this.options), alive: true };
    spare.proc.onExit(() => {
      spare.alive = false;
      if (this.spare === spare) this.spare = undefined;
    });
    // An idle spare must not keep the host alive.
    spare.proc.unref?.();
    this.spare = spare;
  }

  dispose(): void {
    this.disposed = true;
    this.spare?.proc.kill('SIGKILL');
    this.spare = undefined;
  }
}
