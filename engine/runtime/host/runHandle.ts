// The RunHandle a run's callers (the host service, the CLI, tests) hold: the Run's public face.

import type { RunHandle } from './contracts.js';
import type { Run } from './run.js';

export function runHandle(run: Run): RunHandle {
  return {
    runId: run.runId,
    runDir: run.runDir,
    onEvent: (listener) => run.subscribe(listener),
    summary: () => run.summary(),
    stop: () => run.stop(),
    abort: () => run.abort(),
    pause: () => run.pause(),
    resume: () => run.resume(),
    done: run.done,
  };
}
